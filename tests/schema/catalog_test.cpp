// The resolved catalog of every fixture, asserted construct by construct.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "schema/load.hpp"
#include "testing.hpp"

namespace litestone::schema {
namespace {

std::shared_ptr<const Schema> fixture(const std::string& name) {
  std::string path = testing::sourceDir() + "/tests/schema/fixtures/" + name;
  LoadResult r = loadFile(path);
  std::string all;
  for (const auto& d : r.diagnostics.list()) all += r.sources->render(d);
  EXPECT_TRUE(r.ok()) << all;
  return r.schema;
}

TEST(CatalogTest, DefaultsAndLifecycle) {
  auto s = fixture("enums_defaults.lite");
  ASSERT_TRUE(s);
  const Model* r = s->model("releases");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->table, "music_releases");
  using K = DefaultValue::Kind;
  EXPECT_EQ(r->field("publicId")->default_value.kind, K::Uuid);
  EXPECT_EQ(r->field("sortKey")->default_value.kind, K::Ulid);
  EXPECT_EQ(r->field("shareCode")->default_value.kind, K::Nanoid);
  EXPECT_EQ(r->field("displayTitle")->default_value.kind, K::FieldRef);
  EXPECT_EQ(r->field("displayTitle")->default_value.ref, "title");
  EXPECT_EQ(r->field("genre")->default_value.literal, "jazz");
  EXPECT_EQ(r->field("priceCents")->default_value.literal, 999);
  EXPECT_EQ(r->field("rating")->default_value.literal, 4.5);
  EXPECT_EQ(r->field("explicit")->default_value.literal, false);
  EXPECT_EQ(r->field("blurb")->default_value.literal, "Coming soon");
  EXPECT_EQ(r->field("createdBy")->default_value.kind, K::AuthField);
  EXPECT_EQ(r->field("createdBy")->default_value.ref, "id");
  EXPECT_TRUE(r->field("updatedAt")->updated_at);
  EXPECT_EQ(r->field("editedBy")->updated_by, "id");
  EXPECT_EQ(r->field("editedByMail")->updated_by, "email");
  EXPECT_TRUE(r->field("catalogNo")->sequence);
  EXPECT_EQ(r->field("catalogNo")->sequence_scope, r->field("labelId"));
  EXPECT_EQ(r->field("internalNote")->omit, Visibility::Default);
  EXPECT_EQ(r->field("rawPayload")->omit, Visibility::All);
  EXPECT_EQ(r->field("costCents")->guarded, Visibility::Default);
  EXPECT_EQ(r->field("royaltyKey")->guarded, Visibility::All);
  EXPECT_TRUE(r->field("trackCount")->computed);
  EXPECT_FALSE(r->field("trackCount")->stored());
  EXPECT_EQ(r->field("legacyCode")->column, "legacy_code");
  ASSERT_EQ(r->indexes.size(), 2u);
  EXPECT_EQ(r->indexes[0].name, "music_releases_labelId_state_idx");
  EXPECT_FALSE(r->indexes[0].unique);
  EXPECT_EQ(r->indexes[1].name, "music_releases_labelId_catalogNo_key");
  EXPECT_TRUE(r->indexes[1].unique);
  EXPECT_TRUE(s->model("curators")->is_auth);
  const Enum* state = s->enumType("ReleaseState");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->values, (std::vector<std::string>{"draft", "scheduled", "published", "withdrawn"}));
  EXPECT_EQ(state->docs.size(), 1u);
}

TEST(CatalogTest, FunctionsBecomeGeneratedColumns) {
  auto s = fixture("functions.lite");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->functions.size(), 2u);
  EXPECT_EQ(s->function("joinName")->params.size(), 2u);
  const Model* m = s->model("musicians");
  EXPECT_EQ(*m->field("stageName")->generated_sql,
            "COALESCE(\"givenName\", '') || ' ' || COALESCE(\"familyName\", '')");
  EXPECT_EQ(*m->field("handle")->generated_sql, "lower(trim(replace(\"stageName\", ' ', '-')))");
  EXPECT_TRUE(m->field("handle")->generated_stored);
  const Model* g = s->model("gigs");
  EXPECT_EQ(*g->field("venueSlug")->generated_sql, "lower(trim(replace(\"venue\", ' ', '-')))");
  EXPECT_EQ(*g->field("grossMax")->generated_sql, "seats * price");
}

TEST(CatalogTest, SoftDeleteFtsExternal) {
  auto s = fixture("lifecycle.lite");
  ASSERT_TRUE(s);
  const Model* nb = s->model("notebooks");
  EXPECT_TRUE(nb->soft_delete);
  EXPECT_TRUE(nb->soft_delete_cascade);
  EXPECT_EQ(nb->deleted_at, nb->field("deletedAt"));
  const Model* pages = s->model("pages");
  EXPECT_TRUE(pages->soft_delete);
  EXPECT_FALSE(pages->soft_delete_cascade);
  ASSERT_EQ(pages->fts_fields.size(), 2u);
  EXPECT_EQ(pages->fts_fields[0], pages->field("heading"));
  EXPECT_EQ(pages->field("notebook")->relation->on_delete, "Cascade");
  EXPECT_TRUE(s->model("drafts")->field("scratch")->hard_delete);
  EXPECT_FALSE(s->model("drafts")->strict);
  EXPECT_TRUE(s->model("livePages")->external);
  EXPECT_TRUE(s->model("pageSearch")->external);
  EXPECT_TRUE(s->model("pages")->strict);
}

TEST(CatalogTest, Databases) {
  unsetenv("GARDEN_DB");
  auto s = fixture("multi_db.lite");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->databases.size(), 4u);
  EXPECT_EQ(s->mainDatabase().name, "main");
  std::string dir = testing::sourceDir() + "/tests/schema/fixtures/";
  EXPECT_EQ(s->mainDatabase().path, std::filesystem::path(dir + "garden.db").lexically_normal().string());
  const Database* clicks = s->database("clicks");
  EXPECT_EQ(clicks->driver, "jsonl");
  EXPECT_EQ(clicks->retention_days, 14);
  EXPECT_EQ(clicks->path.back(), '/');
  EXPECT_EQ(s->database("trail")->driver, "logger");
  EXPECT_EQ(s->database("trail")->retention_days, 365);
  EXPECT_EQ(s->model("harvests")->database, s->database("metrics"));
  EXPECT_EQ(s->model("pageHits")->database, clicks);
  EXPECT_TRUE(s->model("pageHits")->primary_key.empty());
  const Model* g = s->model("gardeners");
  EXPECT_EQ(g->database, &s->mainDatabase());
  EXPECT_EQ(g->log_db, "trail");
  EXPECT_TRUE(g->field("email")->encrypted);
  EXPECT_TRUE(g->field("email")->searchable);
  EXPECT_EQ(g->field("email")->guarded, Visibility::All);
  EXPECT_FALSE(g->field("taxNumber")->searchable);
  EXPECT_TRUE(g->field("accessCode")->secret);
  EXPECT_TRUE(g->field("accessCode")->encrypted);
  EXPECT_EQ(g->field("accessCode")->log_db, "trail");
  EXPECT_EQ(g->field("plotCount")->log_db, "trail");
}

TEST(CatalogTest, DatabasePathFromEnvironment) {
  setenv("GARDEN_DB", "/tmp/garden-env.db", 1);
  auto s = fixture("multi_db.lite");
  unsetenv("GARDEN_DB");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->mainDatabase().path, "/tmp/garden-env.db");
}

TEST(CatalogTest, Policies) {
  auto s = fixture("policies.lite");
  ASSERT_TRUE(s);
  const Model* studios = s->model("studios");
  ASSERT_TRUE(studios->gate);
  EXPECT_EQ(*studios->gate, (std::array<int, 4>{1, 3, 4, 6}));
  EXPECT_EQ(*s->model("archive")->gate, (std::array<int, 4>{9, 9, 9, 9}));
  ASSERT_EQ(studios->policies.size(), 2u);
  const Policy& read = studios->policies[0];
  EXPECT_TRUE(read.allow);
  EXPECT_EQ(read.ops, std::vector<PolicyOp>{PolicyOp::Read});
  EXPECT_EQ(read.expr.kind, PolicyExprKind::Or);
  EXPECT_EQ(read.expr.children[0].kind, PolicyExprKind::Field);
  EXPECT_EQ(read.expr.children[0].path[0], studios->field("open"));
  const PolicyExpr& cmp = read.expr.children[1];
  EXPECT_EQ(cmp.kind, PolicyExprKind::Compare);
  EXPECT_EQ(cmp.op, "==");
  EXPECT_EQ(cmp.children[1].kind, PolicyExprKind::Auth);
  EXPECT_EQ(cmp.children[1].auth_path, std::vector<std::string>{"id"});
  EXPECT_EQ(studios->policies[1].ops.size(), 4u);
  EXPECT_EQ(studios->policies[1].message, "only owners may change a studio");

  const Model* scripts = s->model("scripts");
  ASSERT_EQ(scripts->policies.size(), 7u);
  EXPECT_EQ(scripts->policies[1].expr.children[1].kind, PolicyExprKind::Not);
  const PolicyExpr& check = scripts->policies[3].expr;
  EXPECT_EQ(check.kind, PolicyExprKind::Check);
  EXPECT_EQ(check.relation, scripts->field("studio")->relation);
  EXPECT_EQ(check.children[0].children[0].path[0], studios->field("open"));
  EXPECT_FALSE(scripts->policies[4].allow);
  EXPECT_EQ(scripts->policies[4].ops, std::vector<PolicyOp>{PolicyOp::Delete});
  EXPECT_EQ(scripts->policies[5].expr.children[1].kind, PolicyExprKind::Now);
  const PolicyExpr& neg = scripts->policies[6].expr.children[0].children[1].children[1];
  EXPECT_EQ(neg.literal, -1);
  const Field* budget = scripts->field("budget");
  ASSERT_EQ(budget->policies.size(), 1u);
  EXPECT_EQ(budget->policies[0].ops, std::vector<PolicyOp>{PolicyOp::Read});
}

TEST(CatalogTest, Relations) {
  auto s = fixture("relations.lite");
  ASSERT_TRUE(s);
  const Model* players = s->model("players");
  const Relation* band = players->field("band")->relation;
  EXPECT_EQ(band->kind, RelationKind::BelongsTo);
  EXPECT_EQ(band->on_update, "Cascade");
  const Relation* mentor = players->field("mentor")->relation;
  const Relation* mentees = players->field("mentees")->relation;
  EXPECT_EQ(mentor->name, "mentoring");
  EXPECT_TRUE(mentor->self());
  EXPECT_EQ(mentees->kind, RelationKind::HasMany);
  EXPECT_EQ(mentees->opposite, mentor);
  EXPECT_EQ(mentor->on_delete, "SetNull");
  EXPECT_EQ(s->model("skills")->field("holders")->relation->kind, RelationKind::HasMany);
  const Model* bands = s->model("bands");
  const Field* count = bands->field("memberCount");
  ASSERT_TRUE(count->from);
  EXPECT_EQ(count->from->aggregate, "count");
  EXPECT_EQ(count->from->relation, bands->field("members")->relation);
  EXPECT_EQ(count->column, "");
  EXPECT_EQ(bands->field("totalTakings")->from->field, s->model("shows")->field("takings"));
  EXPECT_EQ(bands->field("hasSoldOut")->from->aggregate, "exists");
  EXPECT_EQ(bands->field("hasSoldOut")->from->where_sql, "takings >= 10000");
  EXPECT_EQ(bands->field("latestShow")->from->aggregate, "last");
}

TEST(CatalogTest, TraitsTypesFiles) {
  auto s = fixture("traits_types.lite");
  ASSERT_TRUE(s);
  const Model* c = s->model("couriers");
  EXPECT_EQ(c->traits, (std::vector<std::string>{"Stamped", "Removable"}));
  ASSERT_TRUE(c->field("createdAt"));
  EXPECT_EQ(c->fields.back().name, "deletedAt");
  EXPECT_TRUE(c->soft_delete);
  EXPECT_EQ(c->field("home")->kind, FieldKind::TypedJson);
  EXPECT_EQ(c->field("home")->json_type, s->type("Location"));
  EXPECT_TRUE(c->field("route")->list);
  EXPECT_EQ(c->field("route")->scalar, ScalarType::Json);
  EXPECT_EQ(c->field("tags")->scalar, ScalarType::Json);
  EXPECT_EQ(c->field("photo")->scalar, ScalarType::File);
  EXPECT_EQ(c->field("scans")->accept, "image/*");
  EXPECT_TRUE(c->field("scans")->keep_versions);
  EXPECT_TRUE(c->field("notes")->markdown);
  const TypeDecl* loc = s->type("Location");
  ASSERT_EQ(loc->field("country")->validators.size(), 1u);
  EXPECT_EQ(loc->field("country")->validators[0].args, (json{{"min", 2}, {"max", 2}}));
  EXPECT_EQ(s->type("Stop")->field("at")->json_type, loc);
}

TEST(CatalogTest, ValidatorsAndTransforms) {
  auto s = fixture("validators.lite");
  ASSERT_TRUE(s);
  const Model* v = s->model("venues");
  EXPECT_EQ(v->field("contact")->validators[0].rule, "email");
  EXPECT_EQ(v->field("contact")->transforms, (std::vector<Transform>{Transform::Lower, Transform::Trim}));
  EXPECT_EQ(v->field("postcode")->validators[0].args["pattern"], "^[A-Z]{2}[0-9]{3}$");
  EXPECT_EQ(v->field("handle")->transforms, std::vector<Transform>{Transform::Slug});
  EXPECT_EQ(v->field("capacity")->validators[0].args["value"], 0);
  EXPECT_EQ(v->field("capacity")->validators[1].rule, "lte");
  EXPECT_EQ(v->field("sku")->validators[0].args["value"], "ven_");
}

TEST(CatalogTest, ImportsAreReadOnce) {
  auto s = fixture("imports/schema.lite");
  ASSERT_TRUE(s);
  EXPECT_GE(s->files.size(), 3u);
}

}  // namespace
}  // namespace litestone::schema
