// ParamSource::Auth: a value taken from the caller's auth JSON at bind time.
// No pass lowers one yet (policies will); this pins the mechanism: the SQL
// holds a placeholder, the value is read per call from auth, and the compile
// cache keys on the shape of auth, never its values.

#include <gtest/gtest.h>

#include "client/read_exec.hpp"
#include "query/compile.hpp"
#include "query/emit/emit.hpp"
#include "query/ir/dump.hpp"
#include "schema/load.hpp"

namespace litestone::query {
namespace {

constexpr const char* kSchema = R"(
model accounts {
  id   Integer @id
  name Text
}
)";

TEST(AuthParamTest, EmittedAsPlaceholderAndResolvedFromAuthPerCall) {
  auto schema = schema::loadTextOrThrow(kSchema);
  const schema::Model* m = schema->model("accounts");
  Select s;
  s.model = m;
  s.alias = 0;
  Output o;
  o.kind = Output::Kind::Field;
  o.name = "id";
  o.field = m->field("id");
  s.outputs.push_back(std::move(o));
  auto cmp = std::make_unique<CompareNode>();
  cmp->column = ColumnRef{0, m->field("id"), {}};
  cmp->value.source = ParamSource::Auth;
  cmp->value.path = {PathStep{"org", -1}, PathStep{"id", -1}};
  s.where = std::move(cmp);
  EXPECT_NE(dumpSelect(s).find("auth.org.id"), std::string::npos) << dumpSelect(s);
  CompiledSelect c = emitSelect(s);
  EXPECT_EQ(c.sql, "SELECT \"t0\".\"id\" FROM \"accounts\" AS \"t0\" WHERE \"t0\".\"id\" = ?");
  ASSERT_EQ(c.params.size(), 1u);
  json args = json::object();
  EXPECT_EQ(detail::resolveParam(c.params[0], args, {}, json{{"org", {{"id", 7}}}}), 7);
  EXPECT_EQ(detail::resolveParam(c.params[0], args, {}, json{{"org", {{"id", "x"}}}}), "x");
  EXPECT_TRUE(detail::resolveParam(c.params[0], args, {}, json{{"id", 1}}).is_null());
  EXPECT_TRUE(detail::resolveParam(c.params[0], args, {}).is_null());
}

TEST(AuthParamTest, CacheKeyHoldsTheShapeOfAuthNotItsValues) {
  auto schema = schema::loadTextOrThrow(kSchema);
  CompileCache cache;
  json args = {{"where", {{"name", "a"}}}};
  auto read = [&](const json& auth) {
    ReadRequest req;
    req.schema = schema.get();
    req.model = schema->model("accounts");
    req.args = &args;
    req.auth = &auth;
    return cache.read(req);
  };
  auto a = read(json{{"id", 1}, {"role", "admin"}});
  EXPECT_EQ(read(json{{"id", 2}, {"role", "member"}}), a);  // same shape: one entry
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_NE(read(json{{"id", "u1"}, {"role", "admin"}}), a);  // id is a string now
  EXPECT_NE(read(json{{"id", 1}}), a);                        // fewer keys
  auto none = read(json());
  EXPECT_NE(none, a);
  EXPECT_EQ(read(json()), none);
  EXPECT_EQ(cache.size(), 4u);
}

}  // namespace
}  // namespace litestone::query
