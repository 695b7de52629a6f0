#include "engine/statement.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/connection.hpp"
#include "litestone/error.hpp"

namespace litestone::engine {
namespace {

using namespace std::string_literals;

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Statement behaviour does not depend on storage; :memory: keeps the suite
    // fast (file round trips are covered by the Database tests).
    conn_ = std::make_unique<Connection>(ConnectionOptions{.path = ":memory:"});
    conn_->exec("CREATE TABLE v(x ANY) STRICT");
  }

  // Inserts one value through bind_fn and reads it back with read_fn.
  template <typename Bind, typename Read>
  auto roundTrip(Bind bind_fn, Read read_fn) {
    conn_->exec("DELETE FROM v");
    auto ins = conn_->prepare("INSERT INTO v(x) VALUES (?)");
    bind_fn(ins);
    EXPECT_EQ(ins.run(), 1);
    auto sel = conn_->prepare("SELECT x FROM v");
    EXPECT_TRUE(sel.step());
    auto value = read_fn(sel);
    EXPECT_FALSE(sel.step());
    return value;
  }

  std::unique_ptr<Connection> conn_;
};

TEST_F(StatementTest, RoundTripsEveryStorageClass) {
  EXPECT_EQ(roundTrip([](Statement& s) { s.bindNull(1); }, [](Statement& s) { return s.columnType(0); }),
            ColumnType::Null);

  for (int64_t v : {int64_t{0}, int64_t{-1}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min(), int64_t{9007199254740993}}) {
    EXPECT_EQ(roundTrip([&](Statement& s) { s.bind(1, v); }, [](Statement& s) { return s.getInt(0); }), v);
  }
  EXPECT_EQ(
      roundTrip([](Statement& s) { s.bind(1, int64_t{42}); }, [](Statement& s) { return s.columnType(0); }),
      ColumnType::Integer);

  EXPECT_DOUBLE_EQ(
      roundTrip([](Statement& s) { s.bind(1, 3.25); }, [](Statement& s) { return s.getDouble(0); }), 3.25);
  EXPECT_EQ(roundTrip([](Statement& s) { s.bind(1, 3.25); }, [](Statement& s) { return s.columnType(0); }),
            ColumnType::Real);

  auto unicode = "héllo 世界 🚀"s;
  EXPECT_EQ(roundTrip([&](Statement& s) { s.bindText(1, unicode); },
                      [](Statement& s) { return std::string(s.getText(0)); }),
            unicode);

  auto with_nul = "a\0b\0c"s;
  ASSERT_EQ(with_nul.size(), 5u);
  EXPECT_EQ(roundTrip([&](Statement& s) { s.bindText(1, with_nul); },
                      [](Statement& s) { return std::string(s.getText(0)); }),
            with_nul);

  std::vector<uint8_t> blob = {0, 1, 2, 0, 255, 0};
  auto got = roundTrip([&](Statement& s) { s.bindBlob(1, blob); },
                       [](Statement& s) {
                         EXPECT_EQ(s.columnType(0), ColumnType::Blob);
                         auto b = s.getBlob(0);
                         return std::vector<uint8_t>(b.begin(), b.end());
                       });
  EXPECT_EQ(got, blob);
}

TEST_F(StatementTest, EmptyTextAndBlobAreNotNull) {
  EXPECT_EQ(roundTrip([](Statement& s) { s.bindText(1, std::string_view()); },
                      [](Statement& s) { return s.columnType(0); }),
            ColumnType::Text);
  EXPECT_EQ(roundTrip([](Statement& s) { s.bindBlob(1, {}); }, [](Statement& s) { return s.columnType(0); }),
            ColumnType::Blob);
}

TEST_F(StatementTest, BindJsonMapsEachJsonType) {
  auto typeOf = [&](const json& v) {
    return roundTrip([&](Statement& s) { s.bindJson(1, v); },
                     [](Statement& s) { return std::pair(s.columnType(0), s.getJson(0)); });
  };
  EXPECT_EQ(typeOf(nullptr), std::pair(ColumnType::Null, json(nullptr)));
  EXPECT_EQ(typeOf(true), std::pair(ColumnType::Integer, json(1)));
  EXPECT_EQ(typeOf(false), std::pair(ColumnType::Integer, json(0)));
  EXPECT_EQ(typeOf(-7), std::pair(ColumnType::Integer, json(-7)));
  EXPECT_EQ(typeOf(uint64_t{7}), std::pair(ColumnType::Integer, json(7)));
  EXPECT_EQ(typeOf(1.5), std::pair(ColumnType::Real, json(1.5)));
  EXPECT_EQ(typeOf("tëxt"), std::pair(ColumnType::Text, json("tëxt")));
  EXPECT_EQ(typeOf(json::array({1, 2})), std::pair(ColumnType::Text, json("[1,2]")));
  EXPECT_EQ(typeOf(json{{"a", 1}}), std::pair(ColumnType::Text, json(R"({"a":1})")));
  EXPECT_EQ(typeOf(json::binary({'h', 'i', '!'})), std::pair(ColumnType::Blob, json{{"$blob", "aGkh"}}));
}

TEST_F(StatementTest, BindJsonRefBindsTheSameValuesWithoutCopyingText) {
  for (const json& v : {json(nullptr), json(true), json(-7), json(1.5), json("tëxt"), json(""),
                        json::array({1, 2}), json{{"a", 1}}}) {
    auto viaCopy = roundTrip([&](Statement& s) { s.bindJson(1, v); },
                             [](Statement& s) { return std::pair(s.columnType(0), s.getJson(0)); });
    auto viaRef = roundTrip([&](Statement& s) { s.bindJsonRef(1, v); },
                            [](Statement& s) { return std::pair(s.columnType(0), s.getJson(0)); });
    EXPECT_EQ(viaRef, viaCopy) << v.dump();
  }
  std::string text = "by reference";
  EXPECT_EQ(
      roundTrip([&](Statement& s) { s.bindTextRef(1, text); }, [](Statement& s) { return s.getJson(0); }),
      json("by reference"));
}

TEST_F(StatementTest, GetJsonEncodesBlobsAsBase64WithPadding) {
  auto b64 = [&](std::vector<uint8_t> bytes) {
    return roundTrip([&](Statement& s) { s.bindBlob(1, bytes); }, [](Statement& s) { return s.getJson(0); });
  };
  EXPECT_EQ(b64({'f'}), (json{{"$blob", "Zg=="}}));
  EXPECT_EQ(b64({'f', 'o'}), (json{{"$blob", "Zm8="}}));
  EXPECT_EQ(b64({'f', 'o', 'o'}), (json{{"$blob", "Zm9v"}}));
  EXPECT_EQ(b64({0, 0xff, 0xfe, 0}), (json{{"$blob", "AP/+AA=="}}));
}

TEST_F(StatementTest, UnsignedBeyondInt64IsRejected) {
  auto s = conn_->prepare("SELECT ?");
  try {
    s.bindJson(1, json(std::numeric_limits<uint64_t>::max()));
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "DATABASE_ERROR");
  }
}

TEST_F(StatementTest, ColumnNamesAndCounts) {
  auto s = conn_->prepare("SELECT 1 AS one, 'x' AS two, ? AS three");
  EXPECT_EQ(s.paramCount(), 1);
  EXPECT_EQ(s.columnCount(), 3);
  EXPECT_EQ(s.columnName(1), "two");
  EXPECT_EQ(s.sql(), "SELECT 1 AS one, 'x' AS two, ? AS three");
}

TEST_F(StatementTest, PrepareErrorCarriesSql) {
  try {
    conn_->prepare("SELEC nope");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "DATABASE_ERROR");
    EXPECT_EQ(e.meta()["sql"], "SELEC nope");
    EXPECT_EQ(e.meta()["sqlite_code"], 1);  // SQLITE_ERROR
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos);
  }
}

TEST_F(StatementTest, PrepareRefusesSeveralStatementsButAllowsTrailingComment) {
  EXPECT_THROW(conn_->prepare("SELECT 1; SELECT 2"), DatabaseError);
  EXPECT_THROW(conn_->prepare("   "), DatabaseError);
  auto s = conn_->prepare("SELECT 1; -- trailing comment\n");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.getInt(0), 1);
}

TEST_F(StatementTest, BindOutOfRangeThrows) {
  auto s = conn_->prepare("SELECT ?");
  EXPECT_THROW(s.bind(2, int64_t{1}), DatabaseError);
}

TEST_F(StatementTest, MovedFromStatementThrowsClosed) {
  auto a = conn_->prepare("SELECT 1");
  Statement b = std::move(a);
  EXPECT_FALSE(static_cast<bool>(a));  // NOLINT(bugprone-use-after-move): testing it
  try {
    a.step();  // NOLINT(bugprone-use-after-move)
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.code(), "DATABASE_CLOSED");
  }
  ASSERT_TRUE(b.step());
  EXPECT_EQ(b.getInt(0), 1);
}

TEST_F(StatementTest, TryResetClearsBindingsAndRewinds) {
  auto s = conn_->prepare("SELECT ?");
  s.bind(1, int64_t{5});
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.getInt(0), 5);
  EXPECT_EQ(s.tryReset(), 0);
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.columnType(0), ColumnType::Null);
}

}  // namespace
}  // namespace litestone::engine
