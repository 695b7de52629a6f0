// Seeds on real database files: applied once, --force, one transaction per
// seed, C++ seeders and Seeder::once.

#include <gtest/gtest.h>

#include <string>

#include "litestone/litestone.hpp"
#include "testing.hpp"

namespace litestone {
namespace {

using testing::TempDir;

constexpr const char* kSchema = R"(
model roles {
  id   Integer @id
  name Text    @unique
}

model visits {
  id   Integer @id
  note Text
}
)";

Client openDb(const TempDir& dir, ClientOptions o = {}) {
  o.schema = kSchema;
  o.db = dir.file("app.db");
  Client db = createClient(o);
  autoMigrate(db);
  return db;
}

seed::Options seedOptions(const std::string& dir, const std::string& name = "", bool force = false) {
  seed::Options o;
  o.dir = dir;
  o.name = name;
  o.force = force;
  return o;
}

constexpr const char* kRoles = R"([
  {"model": "roles", "action": "create", "args": {"data": {"name": "admin"}}},
  {"model": "roles", "action": "create", "args": {"data": {"name": "member"}}}
])";

TEST(SeedTest, FilesRunOnceInNameOrderAndForceRunsAgain) {
  TempDir dir;
  dir.write("seeds/01_roles.json", kRoles);
  dir.write("seeds/02_more.json",
            R"([{"model": "visits", "action": "create", "args": {"data": {"note": "hello"}}}])");
  Client db = openDb(dir);
  auto first = seed::run(db, seedOptions(dir.file("seeds")));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].name, "01_roles");
  EXPECT_EQ(first[0].state, "applied");
  EXPECT_EQ(first[0].calls, 2);
  EXPECT_EQ(db["roles"].count(), 2);
  EXPECT_EQ(db["visits"].count(), 1);

  auto second = seed::run(db, seedOptions(dir.file("seeds")));
  EXPECT_EQ(second[0].state, "skipped");
  EXPECT_EQ(second[1].state, "skipped");
  EXPECT_EQ(db["roles"].count(), 2);
  EXPECT_EQ(db["visits"].count(), 1);

  auto forced = seed::run(db, seedOptions(dir.file("seeds"), "02_more", true));
  ASSERT_EQ(forced.size(), 1u);
  EXPECT_EQ(forced[0].state, "applied");
  EXPECT_EQ(db["visits"].count(), 2);
  EXPECT_EQ(db["roles"].count(), 2);
  EXPECT_EQ(db.sql("SELECT count(*) AS n FROM _litestone_seeds")[0]["n"], 2);
}

TEST(SeedTest, AFailingCallRollsBackTheWholeSeed) {
  TempDir dir;
  // The second call violates @unique: the first must not stay behind.
  dir.write("seeds/dup.json", R"([
    {"model": "roles", "action": "create", "args": {"data": {"name": "x"}}},
    {"model": "roles", "action": "create", "args": {"data": {"name": "x"}}}
  ])");
  Client db = openDb(dir);
  EXPECT_THROW(seed::run(db, seedOptions(dir.file("seeds"))), ConstraintError);
  EXPECT_EQ(db["roles"].count(), 0);
  // Not recorded: fixing the file lets it run.
  dir.write("seeds/dup.json", kRoles);
  EXPECT_EQ(seed::run(db, seedOptions(dir.file("seeds")))[0].state, "applied");
}

TEST(SeedTest, BadFilesAndUnknownNamesChangeNothing) {
  TempDir dir;
  dir.write("seeds/a.json", kRoles);
  dir.write("seeds/b.json", R"({"model": "roles"})");
  Client db = openDb(dir);
  try {
    seed::run(db, seedOptions(dir.file("seeds"), "b"));
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "SEED_BAD_FILE");
  }
  try {
    seed::run(db, seedOptions(dir.file("seeds"), "zzz"));
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "SEED_NOT_FOUND");
  }
  EXPECT_EQ(db["roles"].count(), 0);
}

TEST(SeedTest, RegisteredSeedersAndSeederOnce) {
  TempDir dir;
  int runs = 0;
  ClientOptions o;
  o.seeders.push_back({"base", [&](Client& tx) {
                         ++runs;
                         tx["roles"].create({{"data", {{"name", "owner"}}}});
                       }});
  Client db = openDb(dir, o);
  auto r = seed::run(db, seedOptions(dir.file("none")));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind, "cpp");
  seed::run(db, seedOptions(dir.file("none")));
  EXPECT_EQ(runs, 1);

  auto add = [](Client& tx) { tx["roles"].create({{"data", {{"name", "v1"}}}}); };
  EXPECT_TRUE(Seeder::once(db, "base-v1", add));
  EXPECT_FALSE(Seeder::once(db, "base-v1", add));
  EXPECT_EQ(db["roles"].count(), 2);
  EXPECT_THROW(Seeder::once(db, "boom", [](Client&) { throw std::runtime_error("no"); }), std::runtime_error);
  EXPECT_TRUE(Seeder::once(db, "boom", [](Client&) {})) << "a failed block must not be recorded";
}

}  // namespace
}  // namespace litestone
