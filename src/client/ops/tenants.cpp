// TenantClients: an LRU of Clients keyed by tenant id, all sharing one
// parsed schema.

#include "litestone/tenants.hpp"

#include <list>
#include <mutex>
#include <unordered_map>

#include "client/state.hpp"

namespace litestone {

namespace {

constexpr const char* kPlaceholder = "{tenant}";
// Ids become part of a file name: a bounded length keeps them inside
// NAME_MAX with any template around them.
constexpr size_t kMaxTenantLength = 64;

void checkTenant(const std::string& id) {
  bool ok = !id.empty() && id.size() <= kMaxTenantLength;
  for (char c : id) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }
  if (!ok) {
    throw QueryError("QUERY_BAD_TENANT",
                     "tenant id \"" + id + "\" must be 1-64 characters of letters, digits, '-' and '_'",
                     {{"tenant", id}});
  }
}

}  // namespace

struct TenantClients::Impl {
  TenantOptions options;
  mutable std::mutex mutex;                       // guards lru and index
  std::mutex open_mutex;                          // held while a tenant is opened
  std::list<std::pair<std::string, Client>> lru;  // most recently used first
  std::unordered_map<std::string, std::list<std::pair<std::string, Client>>::iterator> index;
};

TenantClients::TenantClients(TenantOptions options) : impl_(std::make_unique<Impl>()) {
  if (options.path_template.find(kPlaceholder) == std::string::npos) {
    throw QueryError("QUERY_BAD_TENANT_OPTIONS",
                     "path_template \"" + options.path_template + "\" must contain {tenant}",
                     {{"field", "path_template"}, {"value", options.path_template}});
  }
  if (options.max_open == 0) {
    throw QueryError("QUERY_BAD_TENANT_OPTIONS", "max_open must be at least 1",
                     {{"field", "max_open"}, {"value", 0}});
  }
  if (!options.client.parsed) {
    options.client.parsed =
        options.client.path.empty() ? parse(options.client.schema) : parseFile(options.client.path);
  }
  impl_->options = std::move(options);
}

TenantClients::~TenantClients() = default;

std::string TenantClients::pathFor(const std::string& tenant) const {
  checkTenant(tenant);
  std::string path = impl_->options.path_template;
  for (auto at = path.find(kPlaceholder); at != std::string::npos;
       at = path.find(kPlaceholder, at + tenant.size())) {
    path.replace(at, std::char_traits<char>::length(kPlaceholder), tenant);
  }
  return path;
}

Client TenantClients::get(const std::string& tenant) {
  std::string path = pathFor(tenant);
  Impl& d = *impl_;
  {
    std::lock_guard lock(d.mutex);
    auto it = d.index.find(tenant);
    if (it != d.index.end()) {
      d.lru.splice(d.lru.begin(), d.lru, it->second);
      return it->second->second;
    }
  }
  // Opened outside the cache lock, so that hits on other tenants do not wait
  // for the file system; open_mutex makes two threads missing at once open
  // (and migrate) a file one after the other, the second finding it cached.
  std::lock_guard opening(d.open_mutex);
  {
    std::lock_guard lock(d.mutex);
    auto it = d.index.find(tenant);
    if (it != d.index.end()) return it->second->second;
  }
  ClientOptions co = d.options.client;
  co.db = path;
  Client client = createClient(co);
  if (d.options.auto_migrate) autoMigrate(client);
  std::vector<Client> dropped;  // destroyed after the lock is released
  std::lock_guard lock(d.mutex);
  d.lru.emplace_front(tenant, client);
  d.index[tenant] = d.lru.begin();
  while (d.lru.size() > d.options.max_open) {
    d.index.erase(d.lru.back().first);
    dropped.push_back(std::move(d.lru.back().second));  // connections close with the last handle
    d.lru.pop_back();
  }
  return client;
}

std::vector<std::string> TenantClients::openTenants() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> out;
  for (const auto& [id, client] : impl_->lru) out.push_back(id);
  return out;
}

size_t TenantClients::size() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->lru.size();
}

void TenantClients::clear() {
  std::lock_guard lock(impl_->mutex);
  impl_->index.clear();
  impl_->lru.clear();
}

}  // namespace litestone
