#include "engine/database.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/errors.hpp"

namespace litestone::engine {

namespace {

bool isMemoryPath(const std::string& path) { return path.empty() || path == ":memory:"; }

// The read connections the calling thread holds, innermost first, so that a
// read() nested in a read() of the same database reuses its connection
// instead of taking a second one (which could deadlock a pool of one).
struct ReaderFrame {
  const void* db;
  Connection* conn;
  ReaderFrame* prev;
};
thread_local ReaderFrame* t_reader_top = nullptr;

const std::string kBegin = "BEGIN IMMEDIATE";
const std::string kCommit = "COMMIT";

struct SavepointSql {
  std::string open, release, rollback;
};

SavepointSql buildSavepointSql(int depth) {
  std::string name = "sp" + std::to_string(depth);
  return {"SAVEPOINT " + name, "RELEASE " + name, "ROLLBACK TO " + name};
}

// The statements of the savepoint at one depth (1 = the first nested level);
// past the prebuilt depths they are built into scratch.
const SavepointSql& savepointSql(int depth, SavepointSql& scratch) {
  constexpr int kPrebuilt = 16;
  static const std::vector<SavepointSql> kSql = [] {
    std::vector<SavepointSql> v;
    for (int i = 0; i < kPrebuilt; ++i) v.push_back(buildSavepointSql(i));
    return v;
  }();
  if (depth < kPrebuilt) return kSql[static_cast<size_t>(depth)];
  scratch = buildSavepointSql(depth);
  return scratch;
}

Connection* heldReader(const void* db) noexcept {
  for (auto* f = t_reader_top; f != nullptr; f = f->prev) {
    if (f->db == db) return f->conn;
  }
  return nullptr;
}

}  // namespace

struct Database::Impl {
  DatabaseOptions opts;
  bool memory = false;
  std::atomic<bool> closed{false};

  // The write side. write_mutex is held by one thread for a whole outermost
  // transaction() or withWriter(); writer_owner names that thread so that its
  // nested calls re-enter instead of deadlocking.
  std::mutex write_mutex;
  std::atomic<std::thread::id> writer_owner{};
  std::unique_ptr<Connection> writer;  // reset by close() under both mutexes
  int tx_depth = 0;                    // owner thread only: 0 = no transaction

  // The read pool: connections open lazily up to the cap; idle ones are reused
  // most recently returned first, so their statement caches stay warm.
  std::mutex pool_mutex;
  std::condition_variable pool_cv;
  std::vector<std::unique_ptr<Connection>> readers;
  std::vector<Connection*> idle;
  size_t opening = 0;  // slots reserved by threads opening a connection
  size_t busy = 0;     // connections on loan

  bool ownsWriter() const noexcept { return writer_owner.load() == std::this_thread::get_id(); }

  Connection* acquireReader() {
    std::unique_lock lock(pool_mutex);
    size_t cap = std::max<size_t>(1, opts.read_pool_size);
    pool_cv.wait(lock, [&] { return closed.load() || !idle.empty() || readers.size() + opening < cap; });
    if (closed.load()) throwClosed("read");
    if (!idle.empty()) {
      Connection* c = idle.back();
      idle.pop_back();
      ++busy;
      return c;
    }
    // Open outside the lock: it touches the file system.
    ++opening;
    lock.unlock();
    try {
      auto conn = std::make_unique<Connection>(ConnectionOptions{
          .path = opts.path, .read_only = true, .statement_cache_size = opts.statement_cache_size});
      lock.lock();
      --opening;
      Connection* c = conn.get();
      readers.push_back(std::move(conn));
      ++busy;
      return c;
    } catch (...) {
      if (!lock.owns_lock()) lock.lock();
      --opening;
      pool_cv.notify_all();
      throw;
    }
  }

  void releaseReader(Connection* c) noexcept {
    // A read must not leave a transaction open on a pooled connection: it
    // would pin an old snapshot and block checkpoints.
    if (c->inTransaction()) c->tryExec("ROLLBACK");
    {
      std::lock_guard lock(pool_mutex);
      idle.push_back(c);
      --busy;
    }
    // notify_all: close() waits on the same condition as readers.
    pool_cv.notify_all();
  }

  // Holds the write side for the calling thread, or does nothing when the thread
  // already holds it (nested call).
  class WriterGuard {
   public:
    WriterGuard(Impl& d, const char* what) : d_(d) {
      if (d_.ownsWriter()) {
        if (d_.closed.load()) throwClosed(what);
        return;
      }
      lock_ = std::unique_lock(d_.write_mutex);
      if (d_.closed.load()) throwClosed(what);
      d_.writer_owner.store(std::this_thread::get_id());
    }
    ~WriterGuard() {
      if (lock_.owns_lock()) d_.writer_owner.store(std::thread::id());
    }
    WriterGuard(const WriterGuard&) = delete;
    WriterGuard& operator=(const WriterGuard&) = delete;

   private:
    Impl& d_;
    std::unique_lock<std::mutex> lock_;
  };
};

Database::Database(const DatabaseOptions& opts) : impl_(std::make_unique<Impl>()), path_(opts.path) {
  impl_->opts = opts;
  impl_->memory = isMemoryPath(opts.path);
  // The writer opens first: it creates the file, sets page_size and WAL, which
  // the read-only pool connections rely on.
  impl_->writer = std::make_unique<Connection>(ConnectionOptions{
      .path = opts.path, .read_only = false, .statement_cache_size = opts.statement_cache_size});
}

Database::~Database() {
  try {
    close();
  } catch (...) {
    // close() throws only when called inside this database's own transaction,
    // which a destructor cannot be; nothing useful to do here.
  }
}

void Database::transaction(const std::function<void(Connection&)>& fn) {
  Impl::WriterGuard guard(*impl_, "transaction");
  Impl& d = *impl_;
  Connection& c = *d.writer;
  if (d.tx_depth == 0 && !c.inTransaction()) {
    c.execCached(kBegin);
    d.tx_depth = 1;
    try {
      fn(c);
      c.execCached(kCommit);
    } catch (...) {
      // COMMIT itself may fail (deferred foreign keys, busy): the transaction
      // is then still open and must not leak into the next writer.
      if (c.inTransaction()) c.tryExec("ROLLBACK");
      d.tx_depth = 0;
      throw;
    }
    d.tx_depth = 0;
    return;
  }
  // Named by depth: only one savepoint per depth is open at a time, and a
  // fixed set of names lets the statements come from the cache.
  SavepointSql scratch;
  const SavepointSql& sp = savepointSql(d.tx_depth, scratch);
  c.execCached(sp.open);
  ++d.tx_depth;
  try {
    fn(c);
    c.execCached(sp.release);
  } catch (...) {
    // ROLLBACK TO keeps the savepoint open; RELEASE closes it so the outer
    // transaction continues with its own work intact.
    c.tryExec(sp.rollback);
    c.tryExec(sp.release);
    --d.tx_depth;
    throw;
  }
  --d.tx_depth;
}

void Database::singleStatement(const std::function<void(Connection&)>& fn) {
  Impl::WriterGuard guard(*impl_, "transaction");
  Impl& d = *impl_;
  if (d.tx_depth == 0 || !d.writer->inTransaction()) {
    transaction(fn);
    return;
  }
  ++d.tx_depth;
  try {
    fn(*d.writer);
  } catch (...) {
    --d.tx_depth;
    throw;
  }
  --d.tx_depth;
}

void Database::withWriter(const std::function<void(Connection&)>& fn) {
  Impl::WriterGuard guard(*impl_, "withWriter");
  fn(*impl_->writer);
}

void Database::read(const std::function<void(Connection&)>& fn) {
  Impl& d = *impl_;
  if (d.closed.load()) throwClosed("read");
  // Inside this thread's transaction: read through the writer to see its own
  // uncommitted rows (and not wait on ourselves).
  if (d.ownsWriter()) {
    fn(*d.writer);
    return;
  }
  if (auto* held = heldReader(&d)) {
    fn(*held);
    return;
  }
  if (d.memory) {
    // One connection for everything: reads queue behind writes.
    Impl::WriterGuard guard(d, "read");
    fn(*d.writer);
    return;
  }
  Connection* conn = d.acquireReader();
  ReaderFrame frame{&d, conn, t_reader_top};
  t_reader_top = &frame;
  struct Restore {
    Impl& d;
    ReaderFrame& frame;
    ~Restore() {
      t_reader_top = frame.prev;
      d.releaseReader(frame.conn);
    }
  } restore{d, frame};
  fn(*conn);
}

bool Database::inTransaction() const { return impl_->ownsWriter() && impl_->tx_depth > 0; }

CacheStats Database::cacheSize() const {
  CacheStats stats;
  // pool_mutex also guards the writer's lifetime against close().
  std::lock_guard lock(impl_->pool_mutex);
  for (const auto& r : impl_->readers) stats.read += r->cachedStatements();
  if (impl_->writer) stats.write = impl_->writer->cachedStatements();
  return stats;
}

void Database::close() {
  Impl& d = *impl_;
  if (d.ownsWriter() || heldReader(&d) != nullptr) {
    throwMisuse("close() called from inside a transaction, withWriter() or read() of the same database", "");
  }
  {
    std::unique_lock lock(d.pool_mutex);
    d.closed.store(true);
    d.pool_cv.notify_all();
    // Wait for in-flight reads; new ones are refused from now on.
    d.pool_cv.wait(lock, [&] { return d.busy == 0 && d.opening == 0; });
    d.idle.clear();
    d.readers.clear();
  }
  // Wait for the in-flight write, if any; later writers see `closed`.
  std::lock_guard write_lock(d.write_mutex);
  std::lock_guard pool_lock(d.pool_mutex);
  d.writer.reset();
}

}  // namespace litestone::engine
