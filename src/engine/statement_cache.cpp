#include "engine/statement_cache.hpp"

#include <utility>

namespace litestone::engine {

StatementCache::~StatementCache() {
  head_ = tail_ = nullptr;
  entries_.clear();
}

StatementCache::Entry* StatementCache::find(std::string_view sql) noexcept {
  auto it = entries_.find(sql);
  if (it == entries_.end()) return nullptr;
  Entry* e = it->second.get();
  if (e != head_) {
    unlink(e);
    pushFront(e);
  }
  return e;
}

StatementCache::Entry* StatementCache::insert(std::string sql, Statement stmt) {
  // Evict from the cold end, skipping statements on loan: evicting one would
  // finalize a statement someone is stepping.
  for (Entry* e = tail_; e != nullptr && entries_.size() >= capacity_;) {
    Entry* prev = e->prev;
    if (!e->in_use) erase(e);
    e = prev;
  }
  auto entry = std::make_unique<Entry>();
  entry->sql = std::move(sql);
  entry->stmt = std::move(stmt);
  Entry* e = entry.get();
  entries_.emplace(std::string_view(e->sql), std::move(entry));
  pushFront(e);
  size_.store(entries_.size(), std::memory_order_relaxed);
  return e;
}

void StatementCache::clear() noexcept {
  for (Entry* e = tail_; e != nullptr;) {
    Entry* prev = e->prev;
    if (!e->in_use) erase(e);
    e = prev;
  }
}

void StatementCache::unlink(Entry* e) noexcept {
  (e->prev != nullptr ? e->prev->next : head_) = e->next;
  (e->next != nullptr ? e->next->prev : tail_) = e->prev;
  e->prev = e->next = nullptr;
}

void StatementCache::pushFront(Entry* e) noexcept {
  e->prev = nullptr;
  e->next = head_;
  if (head_ != nullptr) head_->prev = e;
  head_ = e;
  if (tail_ == nullptr) tail_ = e;
}

void StatementCache::erase(Entry* e) noexcept {
  unlink(e);
  // Erase by iterator: the key views e->sql, which the erase destroys.
  entries_.erase(entries_.find(std::string_view(e->sql)));
  size_.store(entries_.size(), std::memory_order_relaxed);
}

}  // namespace litestone::engine
