// Feeds arbitrary JSON to Client::call on an in-memory database with a fixed
// schema (relations, an enum, Json, soft delete, validators, a unique key).
// Every call must return a result or throw a litestone::Error subclass: any
// other exception, a crash or a sanitizer report is a bug, and so is an
// error whose JSON does not serialize. Inputs that are not JSON are skipped.
// JSON text cannot carry invalid UTF-8, so a \x01 inside a string or key is
// turned into the byte 0xFF before the call; inputs of odd length run as the
// system (where $raw is allowed), even ones as a wire caller.
//
//   args_fuzzer -max_total_time=30 -max_len=2048 -dict=tests/fuzz/args.dict build/fuzz/args_corpus
//   tests/fuzz/args_corpus

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "litestone/litestone.hpp"

namespace {

constexpr const char* kSchema = R"(
enum Role { admin member }

model accounts {
  id    Integer @id
  name  Text    @trim
  meta  Json?
  users users[]
}

model users {
  id        Integer  @id
  account   accounts @relation(fields: [accountId], references: [id], onDelete: Cascade)
  accountId Integer
  email     Text     @unique @email @lower
  name      Text?    @length(1, 40)
  role      Role     @default(member)
  score     Real     @default(0)
  active    Boolean  @default(true)
  createdAt DateTime @default(now())
  posts     posts[]
  tags      tags[]
}

model posts {
  id        Integer   @id
  author    users     @relation(fields: [authorId], references: [id])
  authorId  Integer
  title     Text
  body      Json?
  deletedAt DateTime?

  @@softDelete
  @@index([authorId])
}

model tags {
  id    Integer @id
  name  Text    @unique
  users users[]
}
)";

// One database for the whole run, seeded once. Writes the fuzzer makes stay;
// that only widens what later inputs meet.
litestone::Client& client() {
  static std::unique_ptr<litestone::Client> db = [] {
    litestone::ClientOptions options;
    options.schema = kSchema;
    options.db = ":memory:";
    auto c = std::make_unique<litestone::Client>(litestone::createClient(options));
    litestone::autoMigrate(*c);
    c->call(litestone::json::parse(R"([
      {"model": "accounts", "action": "create", "args": {"data": {"id": 1, "name": "acme", "meta": {"a": [1, 2]}}}},
      {"model": "users", "action": "create", "args": {"data": {"id": 1, "accountId": 1, "email": "a@b.co", "role": "admin"}}},
      {"model": "users", "action": "create", "args": {"data": {"id": 2, "accountId": 1, "email": "c@d.co", "name": "Cy"}}},
      {"model": "posts", "action": "create", "args": {"data": {"id": 1, "authorId": 1, "title": "hi", "body": {"x": 1}}}},
      {"model": "tags", "action": "create", "args": {"data": {"id": 1, "name": "t", "users": {"connect": [{"id": 1}]}}}}
    ])"));
    return c;
  }();
  return *db;
}

std::string withBadBytes(std::string s) {
  for (char& c : s) {
    if (c == '\x01') c = '\xff';
  }
  return s;
}

// Recursion is fine here: parsed inputs nest at most max_len / 2 levels.
litestone::json injectInvalidUtf8(const litestone::json& v) {
  if (v.is_string()) return withBadBytes(v.get<std::string>());
  if (v.is_array()) {
    litestone::json out = litestone::json::array();
    for (const auto& e : v) out.push_back(injectInvalidUtf8(e));
    return out;
  }
  if (v.is_object()) {
    litestone::json out = litestone::json::object();
    for (const auto& [k, e] : v.items()) out[withBadBytes(k)] = injectInvalidUtf8(e);
    return out;
  }
  return v;
}

[[noreturn]] void broken(const char* what, const std::string& input) {
  std::fprintf(stderr, "args_fuzzer: %s\n--- input ---\n%s\n-------------\n", what, input.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  litestone::json request = litestone::json::parse(text, nullptr, false);
  if (request.is_discarded()) return 0;
  request = injectInvalidUtf8(request);
  litestone::Client& db = client();
  try {
    (void)(size % 2 == 1 ? db.asSystem().call(request) : db.call(request));
  } catch (const litestone::Error& e) {
    // Expected: bad arguments, failed validation, constraints, not found.
    // The error must still reach the caller as JSON.
    try {
      (void)litestone::errorToJson(e).dump();
    } catch (const std::exception& d) {
      broken((std::string("error JSON does not serialize: ") + d.what()).c_str(), text);
    }
  } catch (const std::exception& e) {
    broken((std::string("non-litestone exception: ") + e.what()).c_str(), text);
  } catch (...) {
    broken("non-std exception", text);
  }
  return 0;
}
