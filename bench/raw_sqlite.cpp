#include "raw_sqlite.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <string_view>

namespace litestone::bench {

namespace {

constexpr const char* kPragmas =
    "PRAGMA page_size=8192;"
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA busy_timeout=5000;"
    // The engine's per-connection cache and mmap (engine/config.hpp
    // kCacheSizeKiB, kMmapSizeBytes): the floor gets the same page I/O.
    "PRAGMA cache_size=-16384;"
    "PRAGMA mmap_size=268435456;";

// The DDL the schema of BENCHMARK.md maps to: STRICT tables, DateTime as TEXT.
constexpr const char* kCreateTables = R"(
CREATE TABLE IF NOT EXISTS "accounts" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "plan" TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS "users" (
  "id" INTEGER PRIMARY KEY,
  "accountId" INTEGER NOT NULL REFERENCES "accounts"("id"),
  "email" TEXT NOT NULL UNIQUE,
  "name" TEXT NOT NULL,
  "role" TEXT NOT NULL,
  "score" REAL NOT NULL,
  "createdAt" TEXT NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS "users_accountId_idx" ON "users"("accountId");
CREATE TABLE IF NOT EXISTS "posts" (
  "id" INTEGER PRIMARY KEY,
  "authorId" INTEGER NOT NULL REFERENCES "users"("id"),
  "title" TEXT NOT NULL,
  "body" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "createdAt" TEXT NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS "posts_authorId_idx" ON "posts"("authorId");
)";

// S5 loads the posts of at most this many users (its limit) per statement.
constexpr int kIncludeBatch = 20;

#define LITESTONE_BENCH_USER_COLUMNS R"("id", "accountId", "email", "name", "role", "score", "createdAt")"
#define LITESTONE_BENCH_POST_COLUMNS R"("id", "authorId", "title", "body", "status", "createdAt")"

struct Finalize {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, Finalize>;

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void bindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

std::string columnText(sqlite3_stmt* s, int i) {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, i)));
}

// Copies a row of LITESTONE_BENCH_USER_COLUMNS starting at column 0.
User readUser(sqlite3_stmt* s) {
  User u;
  u.id = sqlite3_column_int64(s, 0);
  u.account_id = sqlite3_column_int64(s, 1);
  u.email = columnText(s, 2);
  u.name = columnText(s, 3);
  u.role = columnText(s, 4);
  u.score = sqlite3_column_double(s, 5);
  u.created_at = columnText(s, 6);
  return u;
}

Post readPost(sqlite3_stmt* s) {
  Post p;
  p.id = sqlite3_column_int64(s, 0);
  p.author_id = sqlite3_column_int64(s, 1);
  p.title = columnText(s, 2);
  p.body = columnText(s, 3);
  p.status = columnText(s, 4);
  p.created_at = columnText(s, 5);
  return p;
}

void bindUser(sqlite3_stmt* s, const User& u) {
  sqlite3_bind_int64(s, 1, u.id);
  sqlite3_bind_int64(s, 2, u.account_id);
  bindText(s, 3, u.email);
  bindText(s, 4, u.name);
  bindText(s, 5, u.role);
  sqlite3_bind_double(s, 6, u.score);
  bindText(s, 7, u.created_at);
}

}  // namespace

struct RawSqlite::Statements {
  sqlite3* db;
  Stmt begin, commit;
  Stmt insert_account, insert_user, insert_post;
  Stmt create_user;
  Stmt user_by_id;
  Stmt admins_of_account;
  Stmt users_of_account, posts_of_user, posts_of_users;
  Stmt roles_of_account;
  Stmt update_score, update_score_returning;

  Stmt prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
      fail(db, std::string("prepare ") + sql);
    return Stmt(s);
  }

  // Steps a statement that returns no rows (or whose rows are ignored), then
  // resets it for the next use.
  void run(sqlite3_stmt* s) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(db, "step");
    sqlite3_reset(s);
  }
};

RawSqlite::RawSqlite(const std::string& path, bool create_tables, const std::string& extra_pragmas) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("open " + path + ": " + msg);
  }
  exec(kPragmas);
  if (!extra_pragmas.empty()) exec(extra_pragmas.c_str());
  if (create_tables) exec(kCreateTables);
  stmts_ = std::make_unique<Statements>();
  auto& s = *stmts_;
  s.db = db_;
  s.begin = s.prepare("BEGIN IMMEDIATE");
  s.commit = s.prepare("COMMIT");
  s.insert_account = s.prepare(R"(INSERT INTO "accounts" ("id", "name", "plan") VALUES (?, ?, ?))");
  s.insert_user =
      s.prepare("INSERT INTO \"users\" (" LITESTONE_BENCH_USER_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.insert_post =
      s.prepare("INSERT INTO \"posts\" (" LITESTONE_BENCH_POST_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?)");
  s.create_user = s.prepare("INSERT INTO \"users\" (" LITESTONE_BENCH_USER_COLUMNS
                            ") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " LITESTONE_BENCH_USER_COLUMNS);
  s.user_by_id = s.prepare("SELECT " LITESTONE_BENCH_USER_COLUMNS " FROM \"users\" WHERE \"id\" = ?");
  s.admins_of_account = s.prepare("SELECT " LITESTONE_BENCH_USER_COLUMNS
                                  " FROM \"users\" WHERE \"accountId\" = ? AND \"role\" = ?"
                                  " ORDER BY \"createdAt\" DESC LIMIT 20");
  s.users_of_account = s.prepare("SELECT " LITESTONE_BENCH_USER_COLUMNS
                                 " FROM \"users\" WHERE \"accountId\" = ? ORDER BY \"id\" LIMIT 20");
  s.posts_of_user =
      s.prepare("SELECT " LITESTONE_BENCH_POST_COLUMNS " FROM \"posts\" WHERE \"authorId\" = ?");
  {
    std::string sql = "SELECT " LITESTONE_BENCH_POST_COLUMNS " FROM \"posts\" WHERE \"authorId\" IN (?";
    for (int i = 1; i < kIncludeBatch; ++i) sql += ", ?";
    s.posts_of_users = s.prepare((sql + ")").c_str());
  }
  s.roles_of_account = s.prepare(
      R"(SELECT "role", COUNT(*), AVG("score") FROM "users" WHERE "accountId" = ? GROUP BY "role")");
  s.update_score_returning = s.prepare(
      "UPDATE \"users\" SET \"score\" = ? WHERE \"id\" = ? RETURNING " LITESTONE_BENCH_USER_COLUMNS);
  s.update_score = s.prepare(R"(UPDATE "users" SET "score" = ? WHERE "id" = ?)");
}

RawSqlite::~RawSqlite() {
  stmts_.reset();  // statements before the connection
  sqlite3_close_v2(db_);
}

void RawSqlite::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(std::string("exec: ") + msg);
  }
}

uint64_t RawSqlite::run(Step step, const Workload& w) {
  switch (step) {
    case Step::S1:
      return s1BulkInsert(w);
    case Step::S2:
      return s2Create(w);
    case Step::S3:
      return s3PointRead(w);
    case Step::S4:
      return s4FilteredList(w);
    case Step::S5:
      return s5Include(w);
    case Step::S6:
      return s6Aggregate(w);
    case Step::S7:
      return s7Update(w);
  }
  return 0;
}

uint64_t RawSqlite::s1BulkInsert(const Workload& w) {
  auto& s = *stmts_;
  Checksum sum;
  auto table = [&](sqlite3_stmt* insert, const auto& rows, auto bind) {
    s.run(s.begin.get());
    for (const auto& row : rows) {
      bind(insert, row);
      s.run(insert);
      sum.add(sqlite3_changes(db_));
    }
    s.run(s.commit.get());
  };
  table(s.insert_account.get(), w.accounts, [](sqlite3_stmt* st, const Account& a) {
    sqlite3_bind_int64(st, 1, a.id);
    bindText(st, 2, a.name);
    bindText(st, 3, a.plan);
  });
  table(s.insert_user.get(), w.users, bindUser);
  table(s.insert_post.get(), w.posts, [](sqlite3_stmt* st, const Post& p) {
    sqlite3_bind_int64(st, 1, p.id);
    sqlite3_bind_int64(st, 2, p.author_id);
    bindText(st, 3, p.title);
    bindText(st, 4, p.body);
    bindText(st, 5, p.status);
    bindText(st, 6, p.created_at);
  });
  return sum.value();
}

// Reads one user by id into `out`; false when there is none.
bool RawSqlite::readUserById(int64_t id, User& out) {
  sqlite3_stmt* st = stmts_->user_by_id.get();
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  bool found = rc == SQLITE_ROW;
  if (found)
    out = readUser(st);
  else if (rc != SQLITE_DONE)
    fail(db_, "find user");
  sqlite3_reset(st);
  return found;
}

uint64_t RawSqlite::s2Create(const Workload& w) {
  auto& s = *stmts_;
  Checksum sum;
  s.run(s.begin.get());
  for (const User& u : w.new_users) {
    User created;
    if (returning_) {
      sqlite3_stmt* st = s.create_user.get();
      bindUser(st, u);
      if (sqlite3_step(st) != SQLITE_ROW) fail(db_, "create user");
      created = readUser(st);
      s.run(st);  // finishes the statement and resets it
    } else {
      // INSERT then SELECT by id costs SQLite less than INSERT ... RETURNING
      // (which runs through an ephemeral table); callgrind: 22k vs 46k Ir.
      bindUser(s.insert_user.get(), u);
      s.run(s.insert_user.get());
      if (!readUserById(u.id, created)) fail(db_, "read back created user");
    }
    sum.addUser(created);
  }
  s.run(s.commit.get());
  return sum.value();
}

uint64_t RawSqlite::s3PointRead(const Workload& w) {
  sqlite3_stmt* st = stmts_->user_by_id.get();
  Checksum sum;
  for (int64_t id : w.read_ids) {
    sqlite3_bind_int64(st, 1, id);
    std::optional<User> found;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
      found = readUser(st);
    else if (rc != SQLITE_DONE)
      fail(db_, "find user");
    sqlite3_reset(st);
    if (found) sum.addUser(*found);
  }
  return sum.value();
}

uint64_t RawSqlite::s4FilteredList(const Workload& w) {
  sqlite3_stmt* st = stmts_->admins_of_account.get();
  static const std::string kAdmin = "admin";
  Checksum sum;
  std::vector<User> rows;
  for (int64_t account : w.list_accounts) {
    rows.clear();
    sqlite3_bind_int64(st, 1, account);
    bindText(st, 2, kAdmin);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows.push_back(readUser(st));
    if (rc != SQLITE_DONE) fail(db_, "list users");
    sqlite3_reset(st);
    sum.add(static_cast<int64_t>(rows.size()));
    // Weighted by position: the order is part of the answer.
    for (size_t i = 0; i < rows.size(); ++i) sum.addUser(rows[i], static_cast<int64_t>(i + 1));
  }
  return sum.value();
}

uint64_t RawSqlite::s5Include(const Workload& w) {
  sqlite3_stmt* users = stmts_->users_of_account.get();
  sqlite3_stmt* posts_one = stmts_->posts_of_user.get();
  sqlite3_stmt* posts_all = stmts_->posts_of_users.get();
  Checksum sum;
  std::vector<UserWithPosts> rows;
  for (int64_t account : w.include_accounts) {
    rows.clear();
    sqlite3_bind_int64(users, 1, account);
    int rc;
    while ((rc = sqlite3_step(users)) == SQLITE_ROW) rows.push_back({readUser(users), {}});
    if (rc != SQLITE_DONE) fail(db_, "users of account");
    sqlite3_reset(users);
    if (include_per_user_) {
      for (auto& row : rows) {
        sqlite3_bind_int64(posts_one, 1, row.user.id);
        while ((rc = sqlite3_step(posts_one)) == SQLITE_ROW) row.posts.push_back(readPost(posts_one));
        if (rc != SQLITE_DONE) fail(db_, "posts of user");
        sqlite3_reset(posts_one);
      }
    } else {
      // One statement for all the users' posts (unused slots bound to NULL,
      // which IN never matches), stitched back by authorId.
      for (int i = 0; i < kIncludeBatch; ++i) {
        if (static_cast<size_t>(i) < rows.size())
          sqlite3_bind_int64(posts_all, i + 1, rows[static_cast<size_t>(i)].user.id);
        else
          sqlite3_bind_null(posts_all, i + 1);
      }
      while ((rc = sqlite3_step(posts_all)) == SQLITE_ROW) {
        int64_t author = sqlite3_column_int64(posts_all, 1);
        for (auto& row : rows)
          if (row.user.id == author) {
            row.posts.push_back(readPost(posts_all));
            break;
          }
      }
      if (rc != SQLITE_DONE) fail(db_, "posts of users");
      sqlite3_reset(posts_all);
    }
    sum.add(static_cast<int64_t>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
      sum.addUser(rows[i].user, static_cast<int64_t>(i + 1));
      sum.add(static_cast<int64_t>(rows[i].posts.size()));
      for (const Post& p : rows[i].posts) sum.addPost(p);
    }
  }
  return sum.value();
}

uint64_t RawSqlite::s6Aggregate(const Workload& w) {
  sqlite3_stmt* st = stmts_->roles_of_account.get();
  Checksum sum;
  std::vector<RoleStats> groups;
  for (int64_t account : w.aggregate_accounts) {
    groups.clear();
    sqlite3_bind_int64(st, 1, account);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
      groups.push_back({columnText(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2)});
    if (rc != SQLITE_DONE) fail(db_, "group by role");
    sqlite3_reset(st);
    sum.add(static_cast<int64_t>(groups.size()));
    for (const RoleStats& g : groups) {
      sum.addText(g.role);
      sum.add(g.count);
      sum.addReal(g.avg_score);
    }
  }
  return sum.value();
}

uint64_t RawSqlite::s7Update(const Workload& w) {
  auto& s = *stmts_;
  Checksum sum;
  s.run(s.begin.get());
  for (const ScoreUpdate& u : w.updates) {
    User updated;
    bool found = false;
    if (returning_) {
      sqlite3_stmt* st = s.update_score_returning.get();
      sqlite3_bind_double(st, 1, u.score);
      sqlite3_bind_int64(st, 2, u.id);
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        updated = readUser(st);
        found = true;
      } else if (rc != SQLITE_DONE) {
        fail(db_, "update user");
      }
      s.run(st);
    } else {
      sqlite3_stmt* st = s.update_score.get();
      sqlite3_bind_double(st, 1, u.score);
      sqlite3_bind_int64(st, 2, u.id);
      s.run(st);
      found = sqlite3_changes(db_) > 0 && readUserById(u.id, updated);
    }
    if (found) sum.addUser(updated);
  }
  s.run(s.commit.get());
  return sum.value();
}

}  // namespace litestone::bench
