#pragma once

// One Client per tenant, each on its own database file, opened on demand.
//
//   litestone::TenantClients tenants({.client = {.path = "schema.lite"},
//                                     .path_template = "tenants/{tenant}.db",
//                                     .max_open = 64});
//   json rows = tenants.get("acme")["users"].findMany();
//
// The schema is parsed once and shared by every tenant. At most max_open
// tenants stay open; opening one more drops the least recently used from the
// cache. A dropped tenant's connections close when the last Client handle to
// it goes away, so a thread still using it is never cut off. Safe to use from
// many threads at once.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "litestone/client.hpp"
#include "litestone/export.hpp"

namespace litestone {

struct TenantOptions {
  ClientOptions client{};       // schema, options; .db is replaced per tenant
  std::string path_template{};  // main database path; "{tenant}" is replaced by the id
  size_t max_open = 64;         // tenants kept open (least recently used dropped first)
  bool auto_migrate = false;    // autoMigrate each tenant when it is first opened
};

class LITESTONE_EXPORT TenantClients {
 public:
  // Parses the schema once. Throws SchemaError, or QueryError
  // QUERY_BAD_TENANT_OPTIONS when path_template lacks "{tenant}" or max_open is 0.
  explicit TenantClients(TenantOptions options);
  ~TenantClients();
  TenantClients(const TenantClients&) = delete;
  TenantClients& operator=(const TenantClients&) = delete;

  // The tenant's client, opening it if needed. Ids are 1-64 characters of
  // letters, digits, '-' and '_' (they become part of a file name); others
  // throw QueryError QUERY_BAD_TENANT.
  Client get(const std::string& tenant);
  // The database path of a tenant (validates the id).
  std::string pathFor(const std::string& tenant) const;
  // Open tenants, most recently used first.
  std::vector<std::string> openTenants() const;
  size_t size() const;
  // Drops every tenant from the cache.
  void clear();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace litestone
