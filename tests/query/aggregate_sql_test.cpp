// aggregate / groupBy compilation: the SQL holds quoted identifiers from the
// Schema and ? for every value; soft delete applies; shapes share SQL.

#include <gtest/gtest.h>

#include <filesystem>

#include "query/compile_aggregate.hpp"
#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::query {
namespace {

class AggregateSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto path = std::filesystem::path(testing::sourceDir()) / "tests" / "query" / "cases" / "schema.lite";
    schema_ = schema::loadTextOrThrow(testing::readFile(path.string()));
  }

  std::shared_ptr<const CompiledAggregate> compile(const std::string& model, const json& args, bool grouped) {
    args_ = args;
    AggregateRequest req;
    req.schema = schema_.get();
    req.model = schema_->model(model);
    req.grouped = grouped;
    req.args = &args_;
    return compileAggregate(req);
  }

  std::shared_ptr<const schema::Schema> schema_;
  json args_;
};

TEST_F(AggregateSqlTest, GroupByBindsEveryValue) {
  auto c = compile("users",
                   {{"by", {"role"}},
                    {"where", {{"accountId", 7}}},
                    {"_count", true},
                    {"_avg", {{"score", true}}},
                    {"having", {{"_count", {{"gt", 5}}}}},
                    {"orderBy", {{"_count", "desc"}}},
                    {"limit", 10}},
                   true);
  EXPECT_EQ(
      c->sql,
      "SELECT \"t0\".\"role\", COUNT(*), AVG(\"t0\".\"score\") FROM \"users\" AS \"t0\" WHERE "
      "\"t0\".\"accountId\" = ? GROUP BY \"t0\".\"role\" HAVING COUNT(*) > ? ORDER BY COUNT(*) DESC LIMIT ?");
  ASSERT_EQ(c->params.size(), 3u);
  EXPECT_EQ(pathText(c->params[0].path), "where.accountId");
  EXPECT_EQ(pathText(c->params[1].path), "having._count.gt");
  EXPECT_EQ(pathText(c->params[2].path), "limit");
}

TEST_F(AggregateSqlTest, SoftDeleteAndNamedFilters) {
  auto c = compile("posts",
                   {{"_paid", {{"count", true}, {"filter", {{"$sql", "status = ?"}, {"params", {"x"}}}}}},
                    {"_sum", {{"views", true}}}},
                   false);
  EXPECT_NE(c->sql.find("COUNT(*) FILTER (WHERE (status = ?))"), std::string::npos) << c->sql;
  EXPECT_NE(c->sql.find("\"deletedAt\" IS NULL"), std::string::npos) << c->sql;
  ASSERT_EQ(c->params.size(), 1u);
  EXPECT_EQ(pathText(c->params[0].path), "_paid.filter.params[0]");
}

}  // namespace
}  // namespace litestone::query
