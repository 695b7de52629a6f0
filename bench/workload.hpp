#pragma once

// The benchmark workload of /work/shared/BENCHMARK.md: the schema, the row
// counts, and one seeded generator that produces the rows and the random ids
// every implementation uses. Both paths read the same Workload, so their
// checksums must agree.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace litestone::bench {

// BENCHMARK.md writes accounts on one line; the schema grammar wants one
// field per line, so it is spelled out here (same fields, same types).
inline constexpr std::string_view kSchemaText = R"(model accounts {
  id Integer @id
  name Text
  plan Text
  users users[]
}
model users {
  id Integer @id
  account accounts @relation(fields: [accountId], references: [id])
  accountId Integer
  email Text @unique
  name Text
  role Text
  score Real
  createdAt DateTime
  posts posts[]
  @@index([accountId])
}
model posts {
  id Integer @id
  author users @relation(fields: [authorId], references: [id])
  authorId Integer
  title Text
  body Text
  status Text
  createdAt DateTime
  @@index([authorId])
}
)";

// The steps, in the order they run. Each later step reads what S1/S2 wrote.
enum class Step { S1, S2, S3, S4, S5, S6, S7 };
inline constexpr int kStepCount = 7;
inline constexpr std::array<std::string_view, kStepCount> kStepIds = {"S1", "S2", "S3", "S4",
                                                                      "S5", "S6", "S7"};
inline constexpr std::array<std::string_view, kStepCount> kStepNames = {
    "bulk insert", "create", "point read", "filtered list", "include", "aggregate", "update"};

// Full-scale row and operation counts of BENCHMARK.md.
struct Counts {
  int64_t accounts = 1'000;
  int64_t users = 100'000;
  int64_t posts = 200'000;
  int64_t creates = 10'000;
  int64_t point_reads = 100'000;
  int64_t lists = 10'000;
  int64_t includes = 2'000;
  int64_t aggregates = 1'000;
  int64_t updates = 10'000;

  // Every count times `factor`, at least 1 (a quick run uses --scale 0.1).
  static Counts scaled(double factor) {
    Counts c;
    auto s = [factor](int64_t& n) {
      n = std::max<int64_t>(1, std::llround(static_cast<double>(n) * factor));
    };
    for (int64_t* n : {&c.accounts, &c.users, &c.posts, &c.creates, &c.point_reads, &c.lists, &c.includes,
                       &c.aggregates, &c.updates})
      s(*n);
    return c;
  }

  // Operations a step performs: rows for S1, calls for the others.
  int64_t ops(Step step) const {
    switch (step) {
      case Step::S1:
        return accounts + users + posts;
      case Step::S2:
        return creates;
      case Step::S3:
        return point_reads;
      case Step::S4:
        return lists;
      case Step::S5:
        return includes;
      case Step::S6:
        return aggregates;
      case Step::S7:
        return updates;
    }
    return 0;
  }
};

struct Account {
  int64_t id = 0;
  std::string name;
  std::string plan;
};

struct User {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string email;
  std::string name;
  std::string role;
  double score = 0;
  std::string created_at;
};

struct Post {
  int64_t id = 0;
  int64_t author_id = 0;
  std::string title;
  std::string body;
  std::string status;
  std::string created_at;
};

struct UserWithPosts {
  User user;
  std::vector<Post> posts;
};

struct RoleStats {
  std::string role;
  int64_t count = 0;
  double avg_score = 0;
};

struct ScoreUpdate {
  int64_t id = 0;
  double score = 0;
};

// Everything a round needs, generated once before timing starts.
struct Workload {
  Counts counts;
  std::vector<Account> accounts;
  std::vector<User> users;                  // S1
  std::vector<Post> posts;                  // S1
  std::vector<User> new_users;              // S2
  std::vector<int64_t> read_ids;            // S3: user ids
  std::vector<int64_t> list_accounts;       // S4: account ids
  std::vector<int64_t> include_accounts;    // S5: account ids
  std::vector<int64_t> aggregate_accounts;  // S6: account ids
  std::vector<ScoreUpdate> updates;         // S7
};

// SplitMix64: small, fast, and identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  uint64_t state_;
};

namespace detail {

inline constexpr std::array<std::string_view, 4> kRoles = {"admin", "member", "viewer", "owner"};
inline constexpr std::array<std::string_view, 3> kPlans = {"free", "pro", "enterprise"};
inline constexpr std::array<std::string_view, 3> kStatuses = {"draft", "published", "archived"};
inline constexpr std::array<std::string_view, 12> kWords = {
    "sqlite", "schema", "query", "index", "page", "row", "commit", "wal", "cursor", "join", "json", "table"};

// An ISO-8601 instant `seconds` after 2024-01-01T00:00:00Z (any offset the
// workload uses stays within a few weeks; months and years roll over anyway).
inline std::string isoInstant(int64_t seconds) {
  static constexpr std::array<int, 12> kMonthDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  int year = 2024;
  int month = 0;
  while (days >= kMonthDays[static_cast<size_t>(month)]) {
    days -= kMonthDays[static_cast<size_t>(month)];
    if (++month == 12) {
      month = 0;
      ++year;
    }
  }
  char buf[96];  // room for any int in each field, so -Wformat-truncation is satisfied
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", year, month + 1,
                static_cast<int>(days) + 1, static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

inline std::string words(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += kWords[rng.next() % kWords.size()];
  }
  return s;
}

// Scores with two decimals so they print and round-trip exactly enough for
// the checksum (which rounds to thousandths).
inline double score(Rng& rng) { return static_cast<double>(rng.between(0, 100'000)) / 100.0; }

inline User makeUser(Rng& rng, int64_t id, int64_t accounts) {
  User u;
  u.id = id;
  u.account_id = rng.between(1, accounts);
  u.email = "user" + std::to_string(id) + "@example.com";
  u.name = "User " + std::to_string(id);
  // One user in four is an admin, so S4 finds about 25 per account at full scale.
  u.role = std::string(kRoles[rng.next() % kRoles.size()]);
  u.score = score(rng);
  // 7919 is coprime with the prime 1000003, so createdAt is unique per user
  // and "orderBy createdAt desc, limit 20" has one right answer.
  u.created_at = isoInstant(id * 7919 % 1'000'003);
  return u;
}

}  // namespace detail

inline Workload makeWorkload(const Counts& counts, uint64_t seed) {
  Workload w;
  w.counts = counts;
  Rng rng(seed);
  w.accounts.reserve(static_cast<size_t>(counts.accounts));
  for (int64_t id = 1; id <= counts.accounts; ++id)
    w.accounts.push_back({id, "Account " + std::to_string(id),
                          std::string(detail::kPlans[rng.next() % detail::kPlans.size()])});
  w.users.reserve(static_cast<size_t>(counts.users));
  for (int64_t id = 1; id <= counts.users; ++id)
    w.users.push_back(detail::makeUser(rng, id, counts.accounts));
  w.posts.reserve(static_cast<size_t>(counts.posts));
  for (int64_t id = 1; id <= counts.posts; ++id) {
    Post p;
    p.id = id;
    p.author_id = rng.between(1, counts.users);
    p.title = detail::words(rng, 4);
    p.body = detail::words(rng, 16);
    p.status = std::string(detail::kStatuses[rng.next() % detail::kStatuses.size()]);
    p.created_at = detail::isoInstant(rng.between(0, 1'000'000));
    w.posts.push_back(std::move(p));
  }
  for (int64_t i = 1; i <= counts.creates; ++i)
    w.new_users.push_back(detail::makeUser(rng, counts.users + i, counts.accounts));
  auto ids = [&rng](std::vector<int64_t>& out, int64_t n, int64_t max) {
    out.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out.push_back(rng.between(1, max));
  };
  ids(w.read_ids, counts.point_reads, counts.users);
  ids(w.list_accounts, counts.lists, counts.accounts);
  ids(w.include_accounts, counts.includes, counts.accounts);
  ids(w.aggregate_accounts, counts.aggregates, counts.accounts);
  for (int64_t i = 0; i < counts.updates; ++i)
    w.updates.push_back({rng.between(1, counts.users), detail::score(rng)});
  return w;
}

// What a step read, folded into one number. Additive so that the order of
// rows SQL leaves unspecified (posts of an include, groups) does not matter;
// where the order is specified, callers weight by position.
class Checksum {
 public:
  void add(int64_t v) { value_ += static_cast<uint64_t>(v); }
  void addText(std::string_view s) {
    value_ += s.size() * 131 + (s.empty() ? 0 : static_cast<unsigned char>(s[0]));
  }
  void addReal(double v) { add(std::llround(v * 1000.0)); }
  void addUser(const User& u, int64_t weight = 1) {
    add(u.id * weight);
    add(u.account_id);
    addText(u.email);
    addText(u.name);
    addText(u.role);
    addReal(u.score);
    addText(u.created_at);
  }
  void addPost(const Post& p) {
    add(p.id);
    add(p.author_id);
    addText(p.title);
    addText(p.body);
    addText(p.status);
    addText(p.created_at);
  }
  uint64_t value() const { return value_; }

 private:
  uint64_t value_ = 0;
};

}  // namespace litestone::bench
