// Client::transaction, Client::sql, call batches and @sequence under
// concurrent writers.

#include <set>
#include <thread>

#include "write_fixture.hpp"

namespace litestone::write_test {
namespace {

TEST_F(WriteTest, TransactionCommitsOnReturn) {
  db().transaction([](Client& tx) {
    json a = tx["accounts"].create({{"data", {{"name", "A"}}}});
    tx["users"].create({{"data", {{"accountId", a["id"]}, {"email", "a@x.io"}}}});
  });
  EXPECT_EQ(m("users").count(), 1);
}

TEST_F(WriteTest, TransactionRollsBackOnThrowAndRethrows) {
  json before = dump();
  EXPECT_THROW(db().transaction([](Client& tx) {
    tx["accounts"].create({{"data", {{"name", "A"}}}});
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(dump(), before);
}

TEST_F(WriteTest, NestedTransactionIsASavepoint) {
  db().transaction([](Client& tx) {
    tx["accounts"].create({{"data", {{"name", "outer"}}}});
    EXPECT_THROW(tx.transaction([](Client& inner) {
      inner["accounts"].create({{"data", {{"name", "inner"}}}});
      throw std::runtime_error("inner fails");
    }),
                 std::runtime_error);
  });
  json names = m("accounts").findMany();
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0]["name"], "outer");
}

// A single-statement create / update inside the caller's transaction runs
// without a SAVEPOINT: a failing one must still leave the transaction's
// earlier work intact and the transaction usable.
TEST_F(WriteTest, FailedSingleStatementWriteInsideTransactionKeepsEarlierWork) {
  db().transaction([](Client& tx) {
    json a = tx["accounts"].create({{"data", {{"name", "A"}}}});
    tx["users"].create({{"data", {{"accountId", a["id"]}, {"email", "a@x.io"}}}});
    EXPECT_THROW(tx["users"].create({{"data", {{"accountId", a["id"]}, {"email", "a@x.io"}}}}),
                 ConstraintError);
    EXPECT_THROW(tx["users"].create({{"data", {{"accountId", 999}, {"email", "b@x.io"}}}}), ConstraintError);
    EXPECT_THROW(tx["users"].update({{"where", {{"email", "a@x.io"}}}, {"data", {{"accountId", 999}}}}),
                 ConstraintError);
    tx["users"].update({{"where", {{"email", "a@x.io"}}}, {"data", {{"name", "Ann"}}}});
  });
  json users = m("users").findMany();
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0]["name"], "Ann");
  EXPECT_EQ(users[0]["accountId"], m("accounts").findFirst()["id"]);
}

TEST_F(WriteTest, SqlReturnsRowsOrChanges) {
  EXPECT_EQ(db().sql("INSERT INTO accounts (name) VALUES (?), (?)", {"a", "b"}), json({{"changes", 2}}));
  json rows = db().sql("SELECT name FROM accounts WHERE name = ?", {"b"});
  EXPECT_EQ(rows, json::array({{{"name", "b"}}}));
  EXPECT_EQ(db().sql("SELECT count(*) AS n FROM accounts WHERE name = :n", {{"n", "a"}})[0]["n"], 1);
  EXPECT_THROW(db().sql("SELECT ?", json::array()), QueryError);
  // A bound value is data, never SQL.
  db().sql("INSERT INTO accounts (name) VALUES (?)", {"x'); DROP TABLE accounts; --"});
  EXPECT_EQ(m("accounts").count(), 3);
}

TEST_F(WriteTest, FailingCallInBatchRollsBackEarlierCalls) {
  json before = dump();
  json batch = json::array({
      {{"model", "accounts"}, {"action", "create"}, {"args", {{"data", {{"name", "A"}}}}}},
      {{"model", "users"}, {"action", "create"}, {"args", {{"data", {{"accountId", 1}, {"email", "bad"}}}}}},
  });
  EXPECT_THROW(db().call(batch), ValidationError);
  EXPECT_EQ(dump(), before);
}

TEST_F(WriteTest, SequenceCountsPerScopeFromOne) {
  json a = account("A");
  json b = account("B");
  auto quote = [&](const json& acc) {
    return m("quotes").create({{"data", {{"accountId", acc["id"]}}}})["number"];
  };
  EXPECT_EQ(quote(a), 1);
  EXPECT_EQ(quote(a), 2);
  EXPECT_EQ(quote(b), 1);
  EXPECT_EQ(quote(a), 3);
}

TEST_F(WriteTest, SequenceHasNoDuplicatesUnderConcurrentWriters) {
  json a = account("A");
  json b = account("B");
  constexpr int kThreads = 6, kEach = 30;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Client c = db();
      for (int i = 0; i < kEach; ++i) {
        json acc = (t + i) % 2 ? a["id"] : b["id"];
        c["quotes"].create({{"data", {{"accountId", acc}}}, {"select", false}});
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& acc : {a, b}) {
    json rows =
        m("quotes").findMany({{"where", {{"accountId", acc["id"]}}}, {"orderBy", {{"number", "asc"}}}});
    ASSERT_EQ(rows.size(), static_cast<size_t>(kThreads * kEach / 2));
    for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i]["number"], static_cast<int64_t>(i + 1));
  }
}

TEST_F(WriteTest, SequenceIsNotConsumedByARejectedWrite) {
  json a = account("A");
  EXPECT_EQ(m("quotes").create({{"data", {{"accountId", a["id"]}}}})["number"], 1);
  EXPECT_THROW(m("quotes").create({{"data", {{"accountId", 4242}}}}), ConstraintError);
  EXPECT_EQ(m("quotes").create({{"data", {{"accountId", a["id"]}}}})["number"], 2);
}

}  // namespace
}  // namespace litestone::write_test
