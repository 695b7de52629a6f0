#include "typed_api.hpp"

#include "bench_models.hpp"
#include "litestone/litestone.hpp"

namespace litestone::bench {

namespace {

benchdb::UsersCreate userData(const User& u) {
  return {.id = u.id,
          .accountId = u.account_id,
          .email = u.email,
          .name = u.name,
          .role = u.role,
          .score = u.score,
          .createdAt = DateTime{u.created_at}};
}

// The same fields, in the same order, as JsonApi's addUser.
void addUser(Checksum& sum, const benchdb::Users& u, int64_t weight = 1) {
  sum.add(u.id * weight);
  sum.add(u.accountId);
  sum.addText(u.email);
  sum.addText(u.name);
  sum.addText(u.role);
  sum.addReal(u.score);
  sum.addText(u.createdAt.iso);
}

void addPost(Checksum& sum, const benchdb::Posts& p) {
  sum.add(p.id);
  sum.add(p.authorId);
  sum.addText(p.title);
  sum.addText(p.body);
  sum.addText(p.status);
  sum.addText(p.createdAt.iso);
}

[[gnu::noinline]] uint64_t typedS1BulkInsert(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  {
    std::vector<benchdb::AccountsCreate> data;
    data.reserve(w.accounts.size());
    for (const Account& a : w.accounts) data.push_back({.id = a.id, .name = a.name, .plan = a.plan});
    sum.add(db.accounts.createMany(data));
  }
  {
    std::vector<benchdb::UsersCreate> data;
    data.reserve(w.users.size());
    for (const User& u : w.users) data.push_back(userData(u));
    sum.add(db.users.createMany(data));
  }
  {
    std::vector<benchdb::PostsCreate> data;
    data.reserve(w.posts.size());
    for (const Post& p : w.posts)
      data.push_back({.id = p.id,
                      .authorId = p.author_id,
                      .title = p.title,
                      .body = p.body,
                      .status = p.status,
                      .createdAt = DateTime{p.created_at}});
    sum.add(db.posts.createMany(data));
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t typedS2Create(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  db.client.transaction([&](Client& tx) {
    benchdb::UsersClient users(tx);
    for (const User& u : w.new_users) addUser(sum, users.create(userData(u)));
  });
  return sum.value();
}

[[gnu::noinline]] uint64_t typedS3PointRead(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  for (int64_t id : w.read_ids) {
    if (auto u = db.users.findUnique({.id = {.equals = id}})) addUser(sum, *u);
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t typedS4FilteredList(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  for (int64_t account : w.list_accounts) {
    auto rows = db.users.findMany({.where = {.accountId = {.equals = account}, .role = {.equals = "admin"}},
                                   .orderBy = {{.createdAt = Order::Desc}},
                                   .limit = 20});
    sum.add(static_cast<int64_t>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) addUser(sum, rows[i], static_cast<int64_t>(i + 1));
  }
  return sum.value();
}

[[gnu::noinline]] uint64_t typedS5Include(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  for (int64_t account : w.include_accounts) {
    auto rows = db.users.findMany({.where = {.accountId = {.equals = account}},
                                   .orderBy = {{.id = Order::Asc}},
                                   .limit = 20,
                                   .include = {.posts = true}});
    sum.add(static_cast<int64_t>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
      addUser(sum, rows[i], static_cast<int64_t>(i + 1));
      if (!rows[i].posts) throw std::runtime_error("posts were not included");
      const auto& posts = *rows[i].posts;
      sum.add(static_cast<int64_t>(posts.size()));
      for (const auto& p : posts) addPost(sum, p);
    }
  }
  return sum.value();
}

// No typed aggregate accessor: the JSON fallback on the same client.
[[gnu::noinline]] uint64_t typedS6Aggregate(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  for (int64_t account : w.aggregate_accounts) {
    json groups = db.users.untyped().call("groupBy", {{"by", {"role"}},
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

[[gnu::noinline]] uint64_t typedS7Update(const benchdb::Db& db, const Workload& w) {
  Checksum sum;
  db.client.transaction([&](Client& tx) {
    benchdb::UsersClient users(tx);
    for (const ScoreUpdate& u : w.updates) {
      if (auto row = users.update({.id = {.equals = u.id}}, {.score = u.score})) addUser(sum, *row);
    }
  });
  return sum.value();
}

}  // namespace

struct TypedApi::Impl {
  benchdb::Db db;
};

TypedApi::TypedApi(const std::string& path) {
  ClientOptions options;
  options.schema = std::string(kSchemaText);
  options.db = path;
  Client client = createClient(options);
  autoMigrate(client);
  impl_ = std::make_unique<Impl>(Impl{benchdb::Db(client)});
}

TypedApi::~TypedApi() {
  if (impl_) impl_->db.client.close();
}

std::optional<uint64_t> TypedApi::run(Step step, const Workload& w) {
  const benchdb::Db& db = impl_->db;
  missing_reason_.clear();
  try {
    switch (step) {
      case Step::S1:
        return typedS1BulkInsert(db, w);
      case Step::S2:
        return typedS2Create(db, w);
      case Step::S3:
        return typedS3PointRead(db, w);
      case Step::S4:
        return typedS4FilteredList(db, w);
      case Step::S5:
        return typedS5Include(db, w);
      case Step::S6:
        return typedS6Aggregate(db, w);
      case Step::S7:
        return typedS7Update(db, w);
    }
  } catch (const std::exception& e) {
    missing_reason_ = std::string("error: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace litestone::bench
