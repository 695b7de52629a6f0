#include "json_api.hpp"

#if LITESTONE_BENCH_ORM

#include <iostream>
#include <set>

#include "litestone/litestone.hpp"

namespace litestone::bench {

namespace {

json userData(const User& u) {
  return json{{"id", u.id},     {"accountId", u.account_id}, {"email", u.email},         {"name", u.name},
              {"role", u.role}, {"score", u.score},          {"createdAt", u.created_at}};
}

// Reads a user row of the client's JSON shape into the checksum: the same
// fields RawSqlite copies into a User.
void addUser(Checksum& sum, const json& row, int64_t weight = 1) {
  sum.add(row.at("id").get<int64_t>() * weight);
  sum.add(row.at("accountId").get<int64_t>());
  sum.addText(row.at("email").get_ref<const std::string&>());
  sum.addText(row.at("name").get_ref<const std::string&>());
  sum.addText(row.at("role").get_ref<const std::string&>());
  sum.addReal(row.at("score").get<double>());
  sum.addText(row.at("createdAt").get_ref<const std::string&>());
}

void addPost(Checksum& sum, const json& row) {
  sum.add(row.at("id").get<int64_t>());
  sum.add(row.at("authorId").get<int64_t>());
  sum.addText(row.at("title").get_ref<const std::string&>());
  sum.addText(row.at("body").get_ref<const std::string&>());
  sum.addText(row.at("status").get_ref<const std::string&>());
  sum.addText(row.at("createdAt").get_ref<const std::string&>());
}

// One function per step, never inlined, so that a profiler can attribute
// (and callgrind --toggle-collect='*jsonS3*' can isolate) each step.

[[gnu::noinline]] uint64_t jsonS1BulkInsert(const Client& db, const Workload& w) {
  Checksum sum;
  {
    json data = json::array();
    for (const Account& a : w.accounts) data.push_back({{"id", a.id}, {"name", a.name}, {"plan", a.plan}});
    sum.add(db["accounts"].createMany({{"data", std::move(data)}}).at("count").get<int64_t>());
  }
  {
    json data = json::array();
    for (const User& u : w.users) data.push_back(userData(u));
    sum.add(db["users"].createMany({{"data", std::move(data)}}).at("count").get<int64_t>());
  }
  {
    json data = json::array();
    for (const Post& p : w.posts)
      data.push_back({{"id", p.id},
                      {"authorId", p.author_id},
                      {"title", p.title},
                      {"body", p.body},
                      {"status", p.status},
                      {"createdAt", p.created_at}});
    sum.add(db["posts"].createMany({{"data", std::move(data)}}).at("count").get<int64_t>());
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t jsonS2Create(const Client& db, const Workload& w) {
  Checksum sum;
  db.transaction([&](Client& tx) {
    for (const User& u : w.new_users) addUser(sum, tx["users"].create({{"data", userData(u)}}));
  });
  return sum.value();
}

[[gnu::noinline]] uint64_t jsonS3PointRead(const Client& db, const Workload& w) {
  Checksum sum;
  for (int64_t id : w.read_ids) {
    json row = db["users"].findUnique({{"where", {{"id", id}}}});
    if (!row.is_null()) addUser(sum, row);
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t jsonS4FilteredList(const Client& db, const Workload& w) {
  Checksum sum;
  for (int64_t account : w.list_accounts) {
    json rows = db["users"].findMany({{"where", {{"accountId", account}, {"role", "admin"}}},
                                      {"orderBy", {{"createdAt", "desc"}}},
                                      {"limit", 20}});
    sum.add(static_cast<int64_t>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) addUser(sum, rows[i], static_cast<int64_t>(i + 1));
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t jsonS5Include(const Client& db, const Workload& w) {
  Checksum sum;
  for (int64_t account : w.include_accounts) {
    json rows = db["users"].findMany({{"where", {{"accountId", account}}},
                                      {"orderBy", {{"id", "asc"}}},
                                      {"limit", 20},
                                      {"include", {{"posts", true}}}});
    sum.add(static_cast<int64_t>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
      addUser(sum, rows[i], static_cast<int64_t>(i + 1));
      const json& posts = rows[i].at("posts");
      sum.add(static_cast<int64_t>(posts.size()));
      for (const json& p : posts) addPost(sum, p);
    }
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t jsonS6Aggregate(const Client& db, const Workload& w) {
  Checksum sum;
  for (int64_t account : w.aggregate_accounts) {
    json groups = db["users"].call("groupBy", {{"by", {"role"}},
                                               {"where", {{"accountId", account}}},
                                               {"_count", true},
                                               {"_avg", {{"score", true}}}});
    sum.add(static_cast<int64_t>(groups.size()));
    for (const json& g : groups) {
      sum.addText(g.at("role").get_ref<const std::string&>());
      const json& count = g.at("_count");
      sum.add(count.is_object() ? count.at("_all").get<int64_t>() : count.get<int64_t>());
      sum.addReal(g.at("_avg").at("score").get<double>());
    }
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t jsonS7Update(const Client& db, const Workload& w) {
  Checksum sum;
  db.transaction([&](Client& tx) {
    for (const ScoreUpdate& u : w.updates) {
      json row = tx["users"].update({{"where", {{"id", u.id}}}, {"data", {{"score", u.score}}}});
      if (!row.is_null()) addUser(sum, row);
    }
  });
  return sum.value();
}

}  // namespace

struct JsonApi::Impl {
  Client db;
  std::function<void()> untap;
};

JsonApi::JsonApi(const std::string& path, bool trace_sql, const std::string& include_strategy) {
  ClientOptions options;
  if (!include_strategy.empty()) options.include_strategy = include_strategy;
  options.schema = std::string(kSchemaText);
  options.db = path;
  impl_ = std::make_unique<Impl>(Impl{createClient(options), {}});
  autoMigrate(impl_->db);
  if (trace_sql) {
    // Each distinct statement once, so the trace shows what every step runs.
    auto seen = std::make_shared<std::set<std::string>>();
    impl_->untap = impl_->db.tapQuery([seen](const QueryEvent& e) {
      if (seen->insert(e.operation + " " + e.sql).second)
        std::cerr << "  sql " << e.model << "." << e.operation << ": " << e.sql << "\n";
    });
  }
}

JsonApi::~JsonApi() {
  if (!impl_) return;
  if (impl_->untap) impl_->untap();
  impl_->db.close();
}

bool JsonApi::available() { return true; }

std::optional<uint64_t> JsonApi::run(Step step, const Workload& w) {
  const Client& db = impl_->db;
  missing_reason_.clear();
  failed_ = false;
  try {
    switch (step) {
      case Step::S1:
        return jsonS1BulkInsert(db, w);
      case Step::S2:
        return jsonS2Create(db, w);
      case Step::S3:
        return jsonS3PointRead(db, w);
      case Step::S4:
        return jsonS4FilteredList(db, w);
      case Step::S5:
        return jsonS5Include(db, w);
      case Step::S6:
        return jsonS6Aggregate(db, w);
      case Step::S7:
        return jsonS7Update(db, w);
    }
  } catch (const QueryError& e) {
    if (e.code() != "QUERY_UNKNOWN_ACTION") throw;
    static constexpr std::array<std::string_view, kStepCount> kActions = {
        "createMany", "create", "findUnique", "findMany", "findMany include", "groupBy", "update"};
    missing_reason_ = std::string(kActions[static_cast<size_t>(step)]) + " not implemented";
  } catch (const Error& e) {
    failed_ = true;
    missing_reason_ = "error " + e.code() + ": " + e.what();
  } catch (const std::exception& e) {
    // A result of an unexpected shape (json::at, get<>) lands here.
    failed_ = true;
    missing_reason_ = std::string("error: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace litestone::bench

#else  // The client layer is not built: every ORM step is n/a.

namespace litestone::bench {

struct JsonApi::Impl {};

JsonApi::JsonApi(const std::string&, bool, const std::string&) {}
JsonApi::~JsonApi() = default;
bool JsonApi::available() { return false; }

std::optional<uint64_t> JsonApi::run(Step, const Workload&) {
  missing_reason_ = "ORM not built (LITESTONE_BENCH_ORM=OFF)";
  return std::nullopt;
}

}  // namespace litestone::bench

#endif
