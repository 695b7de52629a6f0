// Issue 13 part C: adopting databases other tools made. Each file in
// tests/migrate/adopt/ is DDL in the style one tool emits (Prisma, Django,
// Rails, a hand-written legacy schema with bracketed identifiers, a
// composite key, WITHOUT ROWID and a view). For each: introspect loads
// without errors, maps the declared types by affinity, and the client reads
// the same rows SQL sees.

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/connection.hpp"
#include "litestone/client.hpp"
#include "litestone/migrate.hpp"
#include "schema/load.hpp"
#include "schema/schema.hpp"
#include "testing.hpp"

namespace litestone::migrate {
namespace {

using litestone::testing::TempDir;

struct Expect {
  std::string model, field, type;  // type as the loaded schema's field type name
};

struct AdoptCase {
  std::string file;
  std::vector<Expect> fields;
  std::vector<std::string> composite_keys;  // "Model:a,b"
};

std::string buildDb(const TempDir& dir, const std::string& file) {
  std::string path = dir.file(file + ".db");
  engine::Connection c({.path = path});
  c.exec(testing::readFile(testing::sourceDir() + "/tests/migrate/adopt/" + file));
  return path;
}

std::string typeName(const schema::Field& f) {
  if (f.kind == schema::FieldKind::Relation) return "relation";
  switch (f.scalar) {
    case schema::ScalarType::Integer:
      return "Integer";
    case schema::ScalarType::Real:
      return "Real";
    case schema::ScalarType::Text:
      return "Text";
    case schema::ScalarType::Boolean:
      return "Boolean";
    case schema::ScalarType::DateTime:
      return "DateTime";
    case schema::ScalarType::Json:
      return "Json";
    case schema::ScalarType::Blob:
      return "Blob";
    case schema::ScalarType::File:
      return "File";
  }
  return "?";
}

class AdoptTest : public ::testing::TestWithParam<AdoptCase> {};

TEST_P(AdoptTest, IntrospectLoadsMapsTypesAndReadsTheSameRows) {
  const AdoptCase& c = GetParam();
  TempDir dir;
  std::string db = buildDb(dir, c.file);
  std::string text = introspect(db);
  auto loaded = schema::loadText(text, dir.file("introspected.lite"));
  ASSERT_TRUE(loaded.ok()) << text;
  const schema::Schema& s = *loaded.schema;
  for (const auto& e : c.fields) {
    const schema::Model* m = s.model(e.model);
    ASSERT_NE(m, nullptr) << e.model << "\n" << text;
    const schema::Field* f = m->field(e.field);
    ASSERT_NE(f, nullptr) << e.model << "." << e.field << "\n" << text;
    EXPECT_EQ(typeName(*f), e.type) << e.model << "." << e.field << "\n" << text;
  }
  for (const auto& k : c.composite_keys) {
    auto colon = k.find(':');
    const schema::Model* m = s.model(k.substr(0, colon));
    ASSERT_NE(m, nullptr) << text;
    std::string got;
    for (auto* f : m->primary_key) got += (got.empty() ? "" : ",") + f->name;
    EXPECT_EQ(got, k.substr(colon + 1)) << text;
  }
  // Index names other tools chose are kept, so push adds no second index.
  {
    TempDir pushed;
    std::string copy = pushed.file("copy.db");
    std::filesystem::copy_file(db, copy);
    ClientOptions po;
    po.schema = text;
    po.db = copy;
    Client pc = createClient(po);
    json report = autoMigrate(pc);
    for (const auto& sql : report["applied"]) {
      EXPECT_EQ(sql.get<std::string>().find("CREATE INDEX"), std::string::npos) << sql << "\n" << text;
    }
  }
  // Every model reads the rows SQL counts.
  ClientOptions o;
  o.schema = text;
  o.db = db;
  Client client = createClient(o);
  for (const auto& m : s.models) {
    json n = client.sql("SELECT COUNT(*) AS n FROM \"" + m.table + "\"");
    EXPECT_EQ(client[m.name].findMany().size(), n[0]["n"].get<size_t>()) << m.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, AdoptTest,
                         ::testing::Values(AdoptCase{"prisma.sql",
                                                     {{"Album", "price", "Real"},
                                                      {"Album", "explicit", "Boolean"},
                                                      {"Artist", "createdAt", "DateTime"},
                                                      {"Artist", "albums", "relation"},
                                                      {"Album", "artist", "relation"}},
                                                     {}},
                                           AdoptCase{"django.sql",
                                                     {{"shop_order", "total", "Real"},
                                                      {"shop_order", "placed_on", "DateTime"},
                                                      {"shop_order", "customer_id", "Integer"},
                                                      {"shop_customer", "is_active", "Boolean"},
                                                      {"shop_customer", "email", "Text"}},
                                                     {}},
                                           AdoptCase{"rails.sql",
                                                     {{"products", "price", "Real"},
                                                      {"products", "in_stock", "Boolean"},
                                                      {"products", "created_at", "DateTime"},
                                                      {"categories", "products", "relation"}},
                                                     {}},
                                           AdoptCase{"legacy.sql",
                                                     {{"Employee", "Salary", "Real"},
                                                      {"Employee", "HireDate", "DateTime"},
                                                      {"Employee", "LastName", "Text"},
                                                      {"Assignment", "Hours", "Real"},
                                                      {"Employee", "assignments", "relation"}},
                                                     {"Assignment:EmployeeId,ProjectId"}}),
                         [](const ::testing::TestParamInfo<AdoptCase>& param_info) {
                           return param_info.param.file.substr(0, param_info.param.file.find('.'));
                         });

}  // namespace
}  // namespace litestone::migrate
