// TenantClients on real database files: one file per tenant, LRU eviction,
// ids that cannot escape the template, many threads at once.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

constexpr const char* kSchema = R"(
model notes {
  id   Integer @id
  text Text
}
)";

TenantOptions options(const TempDir& dir, size_t max_open) {
  TenantOptions o;
  o.client.schema = kSchema;
  o.path_template = dir.file("tenants/{tenant}.db");
  o.max_open = max_open;
  o.auto_migrate = true;
  return o;
}

TEST(TenantClientsTest, EachTenantHasItsOwnFile) {
  TempDir dir;
  TenantClients tenants(options(dir, 8));
  tenants.get("acme")["notes"].create({{"data", {{"text", "a"}}}});
  tenants.get("globex")["notes"].create({{"data", {{"text", "g1"}}}});
  tenants.get("globex")["notes"].create({{"data", {{"text", "g2"}}}});
  EXPECT_EQ(tenants.get("acme")["notes"].count(), 1);
  EXPECT_EQ(tenants.get("globex")["notes"].count(), 2);
  EXPECT_TRUE(fs::exists(dir.file("tenants/acme.db")));
  EXPECT_TRUE(fs::exists(dir.file("tenants/globex.db")));
  EXPECT_EQ(tenants.pathFor("x"), dir.file("tenants/x.db"));
}

TEST(TenantClientsTest, LeastRecentlyUsedIsDroppedButHandlesStayUsable) {
  TempDir dir;
  TenantClients tenants(options(dir, 2));
  Client a = tenants.get("a");
  tenants.get("b");
  tenants.get("a");  // a is now the most recent
  tenants.get("c");  // drops b
  EXPECT_EQ(tenants.size(), 2u);
  EXPECT_EQ(tenants.openTenants(), (std::vector<std::string>{"c", "a"}));
  tenants.get("d");  // drops a from the cache; our handle still works
  EXPECT_EQ(tenants.openTenants(), (std::vector<std::string>{"d", "c"}));
  a["notes"].create({{"data", {{"text", "still open"}}}});
  EXPECT_EQ(tenants.get("a")["notes"].count(), 1);
}

TEST(TenantClientsTest, BadIdsAndOptionsAreRefused) {
  TempDir dir;
  TenantClients tenants(options(dir, 2));
  for (const char* id : {"", "../etc", "a/b", "a b", "x.db"}) {
    try {
      tenants.get(id);
      FAIL() << id;
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), "QUERY_BAD_TENANT") << id;
    }
  }
  EXPECT_EQ(tenants.size(), 0u);
  EXPECT_FALSE(fs::exists(dir.file("tenants")));
  auto bad = options(dir, 2);
  bad.path_template = dir.file("fixed.db");
  EXPECT_THROW(TenantClients{bad}, QueryError);
  bad = options(dir, 0);
  EXPECT_THROW(TenantClients{bad}, QueryError);
}

TEST(TenantClientsTest, ManyThreadsShareTheCache) {
  TempDir dir;
  TenantClients tenants(options(dir, 3));
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string id = "t" + std::to_string((t + i) % 5);
        tenants.get(id)["notes"].create({{"data", {{"text", std::to_string(t)}}}});
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(tenants.size(), 3u);
  int64_t total = 0;
  for (int k = 0; k < 5; ++k) total += tenants.get("t" + std::to_string(k))["notes"].count();
  EXPECT_EQ(total, 6 * 20);
}

}  // namespace
}  // namespace litestone
