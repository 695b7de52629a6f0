// The whole-set writes run one statement, whatever the number of rows:
// updateMany, deleteMany, removeMany and restore compile to one UPDATE or
// DELETE (query/compile.hpp) whose where is the read path's, soft delete
// included. Counted through onQuery on a real database file.

#include <algorithm>

#include "write_fixture.hpp"

namespace litestone::write_test {
namespace {

class WriteStatementsTest : public WriteTest {
 protected:
  template <class Fn>
  std::vector<QueryEvent> capture(Fn fn) {
    std::vector<QueryEvent> events;
    auto stop = db().tapQuery([&](const QueryEvent& e) { events.push_back(e); });
    fn();
    stop();
    return events;
  }

  static bool isWrite(const QueryEvent& e) {
    return e.sql.rfind("UPDATE", 0) == 0 || e.sql.rfind("DELETE", 0) == 0 || e.sql.rfind("INSERT", 0) == 0;
  }

  // Posts of one author: n rows.
  void posts(int n) {
    json a = account();
    json u = user(a["id"], "a@b.co");
    json rows = json::array();
    for (int i = 0; i < n; ++i) rows.push_back({{"authorId", u["id"]}, {"title", "t" + std::to_string(i)}});
    ASSERT_EQ(m("posts").createMany({{"data", rows}})["count"], n);
  }
};

TEST_F(WriteStatementsTest, UpdateManyOfTenThousandRowsIsOneStatement) {
  posts(10000);
  json result;
  auto events = capture([&] {
    result =
        m("posts").updateMany({{"where", {{"title", {{"startsWith", "t"}}}}}, {"data", {{"title", "x"}}}});
  });
  EXPECT_EQ(result, json({{"count", 10000}}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].operation, "updateMany");
  EXPECT_EQ(events[0].row_count, 10000);
  // the value and the filter are bound, and soft delete comes from the pass
  EXPECT_EQ(events[0].params, json({"x", "t*"}));
  EXPECT_NE(events[0].sql.find("\"deletedAt\" IS NULL"), std::string::npos) << events[0].sql;
  EXPECT_EQ(m("posts").count({{"where", {{"title", "x"}}}}), 10000);
}

TEST_F(WriteStatementsTest, RemoveRestoreAndDeleteManyAreOneStatementEach) {
  posts(10000);
  auto one = [&](auto fn, int64_t count) {
    json result;
    auto events = capture([&] { result = fn(); });
    if (count >= 0) {
      EXPECT_EQ(result["count"], count);
    }
    EXPECT_EQ(std::count_if(events.begin(), events.end(), isWrite), 1) << events.size();
  };
  one([&] { return m("posts").removeMany({{"where", {{"id", {{"gt", 5000}}}}}}); }, 5000);
  EXPECT_EQ(m("posts").count(), 5000);
  one([&] { return m("posts").removeMany({{"where", {{"id", {{"gt", 4000}}}}}}); }, 1000);  // live only
  one([&] { return m("posts").restore({{"where", {{"id", {{"gt", 4500}}}}}, {"select", false}}); }, -1);
  EXPECT_EQ(m("posts").count(), 9500);
  one([&] { return m("posts").deleteMany({{"where", {{"id", {{"lte", 4500}}}}}}); }, 4500);
  EXPECT_EQ(m("posts").count({{"withDeleted", true}}), 5500);
}

TEST_F(WriteStatementsTest, UpdateManyFailureChangesNothing) {
  json a = account();
  user(a["id"], "a@b.co");
  user(a["id"], "c@d.co");
  LITESTONE_EXPECT_REJECTED_UNCHANGED(ConstraintError,
                                      m("users").updateMany({{"data", {{"email", "same@x.io"}}}}));
  LITESTONE_EXPECT_REJECTED_UNCHANGED(
      QueryError, m("users").updateMany({{"where", {{"nope", 1}}}, {"data", {{"name", "x"}}}}));
}

}  // namespace
}  // namespace litestone::write_test
