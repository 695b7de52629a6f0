#pragma once

// Bounded LRU of prepared statements for one connection, keyed by SQL text.
// A hit costs one hash of the SQL and a few pointer swaps: an unordered_map
// finds the entry, an intrusive doubly linked list keeps recency. Not
// thread-safe (like its Connection), except size(), which any thread may read.

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/statement.hpp"

namespace litestone::engine {

class StatementCache {
 public:
  struct Entry {
    std::string sql;
    Statement stmt;
    bool in_use = false;    // on loan through a StatementLease; never evicted then
    Entry* prev = nullptr;  // towards the most recently used
    Entry* next = nullptr;  // towards the least recently used
  };

  explicit StatementCache(size_t capacity) noexcept : capacity_(capacity) {}
  ~StatementCache();  // finalizes every statement
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The entry for sql, marked most recently used, or nullptr.
  Entry* find(std::string_view sql) noexcept;
  // Adds a statement for sql (which must not be cached yet) as the most
  // recently used entry, first evicting least recently used entries that are
  // not on loan so that the cache stays within capacity.
  Entry* insert(std::string sql, Statement stmt);
  // Finalizes every statement that is not on loan.
  void clear() noexcept;

  size_t capacity() const noexcept { return capacity_; }
  size_t size() const noexcept { return size_.load(std::memory_order_relaxed); }

 private:
  void unlink(Entry* e) noexcept;
  void pushFront(Entry* e) noexcept;
  void erase(Entry* e) noexcept;

  size_t capacity_;
  std::unordered_map<std::string_view, std::unique_ptr<Entry>> entries_;  // keys view Entry::sql
  Entry* head_ = nullptr;                                                 // most recently used
  Entry* tail_ = nullptr;                                                 // least recently used
  std::atomic<size_t> size_{0};
};

}  // namespace litestone::engine
