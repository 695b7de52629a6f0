// The write pipeline's steps on hand-written schemas: transforms, defaults,
// stamps, validators (pass and fail, with their messages), unknown fields.

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "client/write/pipeline.hpp"
#include "litestone/error.hpp"
#include "schema/load.hpp"

namespace litestone::detail::write {
namespace {

constexpr const char* kSchema = R"(
enum Role { admin member }

type Address {
  city Text
  zip  Text?
}

model venues {
  id         Integer @id
  contact    Text    @email @lower @trim
  website    Text?   @url
  openedOn   Text?   @date
  nextShowAt Text?   @datetime
  phone      Text?   @phone
  postcode   Text    @regex("^[A-Z]{2}[0-9]{3}$") @upper
  name       Text    @length(2, 10) @trim
  handle     Text    @slug
  capacity   Integer @gt(0) @lte(1000)
  ticketFee  Real    @gte(0) @lt(50)
  sku        Text    @startsWith("ven_")
  domain     Text?   @endsWith(".org")
  tagline    Text?   @contains("live")
}

model items {
  id        Text     @id @default(uuid())
  code      Text     @default(ulid())
  short     Text     @default(nanoid())
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  updatedBy Integer? @updatedBy
  ownerId   Integer? @default(auth().id)
  title     Text
  slug      Text     @default(title) @slug
  role      Role     @default(member)
  active    Boolean  @default(true)
  count     Integer  @default(42)
  label     Text     @default("none")
  tags      Text[]
  address   Address?
  meta      Json?
  ratio     Real?
}
)";

class WritePipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { schema_ = schema::loadTextOrThrow(kSchema); }
  static void TearDownTestSuite() { schema_.reset(); }

  const schema::Model& model(const char* name) { return *schema_->model(name); }

  json run(const char* m, json data, WriteOp op = WriteOp::Create, json auth = nullptr) {
    auth_ = std::move(auth);
    RowContext ctx{model(m), op, auth_, "2026-01-02T03:04:05.678Z"};
    prepareRow(ctx, data);
    return data;
  }

  // The errors of a rejected row, as {field: rule}.
  std::vector<std::pair<std::string, std::string>> errorsOf(const char* m, json data,
                                                            WriteOp op = WriteOp::Create) {
    try {
      run(m, std::move(data), op);
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), "VALIDATION_FAILED");
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& err : e.meta()["errors"]) {
        EXPECT_FALSE(err["message"].get<std::string>().empty());
        out.emplace_back(err["field"], err["rule"]);
      }
      return out;
    }
    ADD_FAILURE() << "expected a ValidationError";
    return {};
  }

  json validVenue() {
    return {{"contact", "a@b.co"}, {"postcode", "AB123"}, {"name", "Hall"}, {"handle", "x"},
            {"capacity", 10},      {"ticketFee", 5.5},    {"sku", "ven_1"}};
  }

  static std::shared_ptr<const schema::Schema> schema_;
  json auth_;
};

std::shared_ptr<const schema::Schema> WritePipelineTest::schema_;

TEST_F(WritePipelineTest, TrimThenLowerBeforeEmailCheck) {
  json v = validVenue();
  v["contact"] = "  Mixed@Example.COM ";
  EXPECT_EQ(run("venues", v)["contact"], "mixed@example.com");
}

TEST_F(WritePipelineTest, UpperAppliesBeforeRegex) {
  json v = validVenue();
  v["postcode"] = "ab123";
  EXPECT_EQ(run("venues", v)["postcode"], "AB123");
}

TEST_F(WritePipelineTest, SlugTransform) {
  json v = validVenue();
  v["handle"] = "  Hello, World! Ça va? ";
  EXPECT_EQ(run("venues", v)["handle"], "hello-world-a-va");
  EXPECT_EQ(slugify("--A  b--"), "a-b");
}

TEST_F(WritePipelineTest, TrimCountsTowardLength) {
  json v = validVenue();
  v["name"] = "   ab   ";
  EXPECT_EQ(run("venues", v)["name"], "ab");
  v["name"] = "  a  ";
  auto errs = errorsOf("venues", v);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0], std::make_pair(std::string("name"), std::string("length")));
}

TEST_F(WritePipelineTest, ValidVenuePasses) { EXPECT_NO_THROW(run("venues", validVenue())); }

struct Case {
  const char* field;
  json good;
  json bad;
  const char* rule;
  const char* message_part;
};

TEST_F(WritePipelineTest, EachValidatorPassesAndFailsWithItsMessage) {
  const Case cases[] = {
      {"contact", "x@y.io", "not-an-email", "email", "valid email"},
      {"website", "https://a.org/x?q=1", "a.org", "url", "valid URL"},
      {"openedOn", "2024-02-29", "2023-02-29", "date", "YYYY-MM-DD"},
      {"nextShowAt", "2026-01-02T03:04:05.678Z", "2026-01-02 25:00", "datetime", "ISO-8601"},
      {"phone", "+1 (555) 123-4567", "12ab", "phone", "phone"},
      {"postcode", "ZZ999", "Z9", "regex", "^[A-Z]{2}[0-9]{3}$"},
      {"name", "Ok", "this is far too long", "length", "between 2 and 10"},
      {"capacity", 1, 0, "gt", "greater than 0"},
      {"capacity", 1000, 1001, "lte", "at most 1000"},
      {"ticketFee", 0, -0.5, "gte", "at least 0"},
      {"ticketFee", 49.9, 50, "lt", "less than 50"},
      {"sku", "ven_9", "v_9", "startsWith", "start with \"ven_\""},
      {"domain", "x.org", "x.com", "endsWith", "end with \".org\""},
      {"tagline", "alive!", "dead", "contains", "contain \"live\""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field + std::string(" ") + c.rule);
    json v = validVenue();
    v[c.field] = c.good;
    EXPECT_NO_THROW(run("venues", v));
    v[c.field] = c.bad;
    try {
      run("venues", v);
      ADD_FAILURE() << "accepted " << c.bad.dump();
    } catch (const ValidationError& e) {
      ASSERT_EQ(e.meta()["errors"].size(), 1u) << e.meta().dump();
      const json& err = e.meta()["errors"][0];
      EXPECT_EQ(err["field"], c.field);
      EXPECT_EQ(err["rule"], c.rule);
      EXPECT_NE(err["message"].get<std::string>().find(c.message_part), std::string::npos) << err.dump();
      EXPECT_NE(std::string(e.what()).find(c.field), std::string::npos);
    }
  }
}

TEST_F(WritePipelineTest, EveryFailingFieldIsReportedAtOnce) {
  json v = {{"contact", "nope"}, {"postcode", 5}, {"capacity", "ten"}, {"ticketFee", 99}, {"sku", "x"}};
  auto errs = errorsOf("venues", v);
  std::set<std::pair<std::string, std::string>> got(errs.begin(), errs.end());
  std::set<std::pair<std::string, std::string>> want = {
      {"contact", "email"},  {"postcode", "type"}, {"capacity", "type"},   {"ticketFee", "lt"},
      {"sku", "startsWith"}, {"name", "required"}, {"handle", "required"},
  };
  EXPECT_EQ(got, want);
}

TEST_F(WritePipelineTest, UpdateDoesNotRequireAbsentFields) {
  EXPECT_NO_THROW(run("venues", {{"capacity", 5}}, WriteOp::Update));
  auto errs = errorsOf("venues", {{"name", nullptr}}, WriteOp::Update);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].second, "notNull");
}

TEST_F(WritePipelineTest, UnknownFieldIsAQueryErrorListingFields) {
  json v = validVenue();
  v["nmae"] = "x";
  try {
    run("venues", v);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "QUERY_UNKNOWN_FIELD");
    std::string msg = e.what();
    EXPECT_NE(msg.find("\"nmae\""), std::string::npos);
    EXPECT_NE(msg.find("contact"), std::string::npos);
    EXPECT_EQ(e.meta()["field"], "nmae");
  }
}

TEST_F(WritePipelineTest, InjectionLookingKeyIsUnknownField) {
  json v = validVenue();
  v["name\" = 1; DROP TABLE venues; --"] = "x";
  EXPECT_THROW(run("venues", v), QueryError);
}

TEST_F(WritePipelineTest, DefaultsOfEveryKind) {
  json row = run("items", {{"title", "Hello There"}, {"tags", json::array()}}, WriteOp::Create, {{"id", 7}});
  EXPECT_TRUE(
      std::regex_match(row["id"].get<std::string>(),
                       std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")))
      << row["id"];
  EXPECT_TRUE(std::regex_match(row["code"].get<std::string>(), std::regex("^[0-9A-HJKMNP-TV-Z]{26}$")))
      << row["code"];
  EXPECT_TRUE(std::regex_match(row["short"].get<std::string>(), std::regex("^[A-Za-z0-9_-]{21}$")));
  EXPECT_EQ(row["createdAt"], "2026-01-02T03:04:05.678Z");
  EXPECT_EQ(row["updatedAt"], "2026-01-02T03:04:05.678Z");  // stamped on create too
  EXPECT_EQ(row["updatedBy"], 7);
  EXPECT_EQ(row["ownerId"], 7);
  EXPECT_EQ(row["slug"], "hello-there");  // copied from title, then @slug
  EXPECT_EQ(row["role"], "member");
  EXPECT_EQ(row["active"], true);
  EXPECT_EQ(row["count"], 42);
  EXPECT_EQ(row["label"], "none");
}

TEST_F(WritePipelineTest, ExplicitValuesBeatDefaultsAndNullStaysNull) {
  json row =
      run("items", {{"title", "T"}, {"tags", {"x"}}, {"count", 1}, {"ownerId", nullptr}, {"role", "admin"}});
  EXPECT_EQ(row["count"], 1);
  EXPECT_TRUE(row["ownerId"].is_null());
  EXPECT_EQ(row["role"], "admin");
  EXPECT_FALSE(row.contains("updatedBy"));  // no auth: nothing to stamp
}

TEST_F(WritePipelineTest, UpdateStampsButAppliesNoDefaults) {
  json row = run("items", {{"title", "T"}}, WriteOp::Update, {{"id", 3}});
  EXPECT_EQ(row["updatedAt"], "2026-01-02T03:04:05.678Z");
  EXPECT_EQ(row["updatedBy"], 3);
  EXPECT_FALSE(row.contains("id"));
  EXPECT_FALSE(row.contains("createdAt"));
}

TEST_F(WritePipelineTest, TypeChecks) {
  auto errs = errorsOf("items", {{"title", 1},
                                 {"active", 1},
                                 {"count", 1.5},
                                 {"role", "owner"},
                                 {"tags", "a"},
                                 {"createdAt", "yesterday"},
                                 {"address", {{"zip", 1}}},
                                 {"ratio", "x"}});
  std::set<std::pair<std::string, std::string>> got(errs.begin(), errs.end());
  std::set<std::pair<std::string, std::string>> want = {
      {"title", "type"},
      {"active", "type"},
      {"count", "type"},
      {"role", "enum"},
      {"tags", "type"},
      {"createdAt", "type"},
      {"address.city", "required"},
      {"address.zip", "type"},
      {"ratio", "type"},
      {"slug", "type"},  // slug copies the bad title
  };
  EXPECT_EQ(got, want);
  EXPECT_NO_THROW(run("items", {{"title", "t"},
                                {"tags", {"a", "b"}},
                                {"meta", {{"any", {1, 2}}}},
                                {"address", {{"city", "Oslo"}}},
                                {"ratio", 2}}));
}

TEST_F(WritePipelineTest, GeneratorsAreUniqueAndUlidsSort) {
  std::set<std::string> uuids, ulids, nanoids;
  std::string prev;
  for (int i = 0; i < 2000; ++i) {
    uuids.insert(uuidV4());
    nanoids.insert(nanoid());
    std::string u = ulid();
    EXPECT_LT(prev, u);
    prev = u;
    ulids.insert(u);
  }
  EXPECT_EQ(uuids.size(), 2000u);
  EXPECT_EQ(ulids.size(), 2000u);
  EXPECT_EQ(nanoids.size(), 2000u);
}

TEST_F(WritePipelineTest, NowIsIsoUtcWithMilliseconds) {
  EXPECT_TRUE(std::regex_match(nowIso(), std::regex(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")))
      << nowIso();
}

TEST_F(WritePipelineTest, AuthValueFollowsPaths) {
  json auth = {{"id", 1}, {"account", {{"id", 9}}}};
  EXPECT_EQ(authValue(auth, "account.id"), 9);
  EXPECT_TRUE(authValue(auth, "missing.id").is_null());
  EXPECT_TRUE(authValue(nullptr, "id").is_null());
}

}  // namespace
}  // namespace litestone::detail::write
