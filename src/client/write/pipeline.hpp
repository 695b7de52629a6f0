#pragma once

// The write pipeline: the value steps that every created or updated row goes
// through before it becomes SQL. Steps run in the order listed in
// pipeline.cpp (transforms → defaults → stamps → validators →
// encryption); @sequence and
// the SQL itself need the write connection and run afterwards (sequence.cpp,
// create.cpp, update.cpp). Each step is a free function over one row of data
// (a JSON object keyed by field name) and the model's schema::Field entries.

#include <string>
#include <string_view>
#include <vector>

#include "litestone/json.hpp"
#include "schema/schema.hpp"

namespace litestone::detail {
class FieldCipher;
}

namespace litestone::detail::write {

enum class WriteOp { Create, Update };

std::string nowIso();  // 2026-01-02T03:04:05.678Z

// One timestamp for a whole call, taken on first use: formatting the clock
// costs as much as a small statement, and most models have no now() default
// or @updatedAt. Shared by reference by every row (and nested write) of the
// call, so they all see the same value.
class CallClock {
 public:
  CallClock() = default;
  CallClock(std::string fixed) : value_(std::move(fixed)) {}  // NOLINT: tests pass a literal
  CallClock(const char* fixed) : value_(fixed) {}             // NOLINT
  CallClock(const CallClock&) = delete;
  CallClock& operator=(const CallClock&) = delete;

  const std::string& now() const {
    if (value_.empty()) value_ = nowIso();
    return value_;
  }

 private:
  mutable std::string value_;
};

// What the steps know about the call: the model, create or update, who is
// calling and one timestamp shared by every row of the call.
struct RowContext {
  const schema::Model& model;
  WriteOp op;
  const json& auth;      // null when the client has no auth
  const CallClock& now;  // nowIso() taken once per call, on first use
  // The client's key for @encrypted fields; null acts as "no key".
  const FieldCipher* cipher = nullptr;
};

// One failed rule. Collected over every field before anything throws.
struct FieldError {
  std::string field;
  std::string rule;
  std::string message;
};

using FieldErrors = std::vector<FieldError>;

// A step rewrites or checks `data` in place and appends what failed.
using RowStep = void (*)(const RowContext& ctx, json& data, FieldErrors& errors);

// Runs every step on one row. Throws QueryError for an unknown or read-only
// field and ValidationError (VALIDATION_FAILED, meta.errors lists every
// failing field) when any rule fails. `data` holds scalar fields only:
// relation fields are taken out by nested.cpp first.
void prepareRow(const RowContext& ctx, json& data);

// The steps, in pipeline order (pipeline.cpp lists them).
void rejectUnknownFields(const RowContext& ctx, json& data, FieldErrors& errors);
void applyTransforms(const RowContext& ctx, json& data, FieldErrors& errors);
void applyDefaults(const RowContext& ctx, json& data, FieldErrors& errors);
void stampRow(const RowContext& ctx, json& data, FieldErrors& errors);
void validateRow(const RowContext& ctx, json& data, FieldErrors& errors);
// encrypt.cpp: seals @encrypted values (ENCRYPTION_KEY_MISSING without a key).
void encryptFields(const RowContext& ctx, json& data, FieldErrors& errors);

// transform.cpp: one field's transforms applied to a value (strings and
// lists of strings; other values are returned unchanged).
json transformValue(const schema::Field& field, json value);
std::string slugify(std::string_view text);

// defaults.cpp: value generators. All ids use the OS CSPRNG (getrandom).
std::string uuidV4();  // 8-4-4-4-12 lowercase hex, version 4, RFC 4122 variant
std::string ulid();    // 26 Crockford base32 chars, monotonic within a thread
std::string nanoid();  // 21 chars of A-Za-z0-9_-
// The value of a path ("id", "account.id") inside auth, or null.
json authValue(const json& auth, std::string_view path);

// validate.cpp: checks one value of a field (type, enum, nullability and
// each validator attribute) and appends the failures.
void validateValue(const schema::Field& field, const json& value, FieldErrors& errors);
// The message of one validator rule when `value` fails it, else "".
std::string checkValidator(const schema::Validator& v, const json& value);

// True when a create may leave the field out: optional, defaulted, stamped,
// generated, a sequence, or an integer primary key (rowid alias).
bool mayOmitOnCreate(const schema::Field& field);
// True for the fields a write may set: stored and not generated.
bool isWritable(const schema::Field& field);

}  // namespace litestone::detail::write
