// @default values and the id generators behind them. Random bytes come from
// the kernel CSPRNG (getrandom), buffered per thread so that bulk inserts do
// not pay one system call per id.

#include <sys/random.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

#include "client/write/pipeline.hpp"
#include "litestone/error.hpp"

namespace litestone::detail::write {

namespace {

class RandomBytes {
 public:
  void fill(uint8_t* out, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (pos_ == buf_.size()) refill();
      out[i] = buf_[pos_++];
    }
  }

 private:
  void refill() {
    size_t got = 0;
    while (got < buf_.size()) {
      ssize_t r = getrandom(buf_.data() + got, buf_.size() - got, 0);
      if (r < 0) throw Error("INTERNAL", "getrandom failed");
      got += static_cast<size_t>(r);
    }
    pos_ = 0;
  }
  std::array<uint8_t, 512> buf_{};
  size_t pos_ = 512;
};

RandomBytes& random() {
  thread_local RandomBytes r;
  return r;
}

constexpr char kHex[] = "0123456789abcdef";
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr char kNanoidAlphabet[] = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

int64_t epochMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string nowIso() {
  int64_t ms = epochMillis();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string uuidV4() {
  std::array<uint8_t, 16> b{};
  random().fill(b.data(), b.size());
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0f];
  }
  return out;
}

// 48 bits of milliseconds then 80 random bits. Within one millisecond the
// random part of the previous id (on this thread) is incremented, so ids made
// by one thread sort in creation order.
std::string ulid() {
  thread_local int64_t last_ms = -1;
  thread_local std::array<uint8_t, 10> last_rand{};
  int64_t ms = epochMillis();
  if (ms == last_ms) {
    for (int i = 9; i >= 0 && ++last_rand[static_cast<size_t>(i)] == 0; --i) {
    }
  } else {
    last_ms = ms;
    random().fill(last_rand.data(), last_rand.size());
  }
  std::string out(26, '0');
  auto t = static_cast<uint64_t>(ms);
  for (int i = 9; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kCrockford[t & 31];
    t >>= 5;
  }
  // 80 random bits → 16 chars of 5 bits, most significant first.
  for (size_t i = 0; i < 16; ++i) {
    size_t bit = i * 5;
    unsigned v = 0;
    for (size_t k = 0; k < 5; ++k, ++bit) v = (v << 1) | ((last_rand[bit / 8] >> (7 - bit % 8)) & 1u);
    out[10 + i] = kCrockford[v];
  }
  return out;
}

std::string nanoid() {
  std::array<uint8_t, 21> b{};
  random().fill(b.data(), b.size());
  std::string out(21, '_');
  for (size_t i = 0; i < b.size(); ++i) out[i] = kNanoidAlphabet[b[i] & 63];  // 64 symbols: no bias
  return out;
}

json authValue(const json& auth, std::string_view path) {
  const json* cur = &auth;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string key(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    if (it == cur->end()) return nullptr;
    cur = &*it;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return *cur;
}

namespace {

// The default of one absent field, or a discarded value when there is none.
json defaultFor(const schema::Field& f, const RowContext& ctx, const json& data) {
  using Kind = schema::DefaultValue::Kind;
  const auto& d = f.default_value;
  switch (d.kind) {
    case Kind::None:
      break;
    case Kind::Literal:
      return d.literal;
    case Kind::Now:
      return ctx.now.now();
    case Kind::Uuid:
      return uuidV4();
    case Kind::Ulid:
      return ulid();
    case Kind::Nanoid:
      return nanoid();
    case Kind::AuthField: {
      json v = authValue(ctx.auth, d.ref);
      return v.is_null() ? json(json::value_t::discarded) : v;
    }
    case Kind::FieldRef: {
      auto it = data.find(d.ref);
      if (it == data.end()) break;
      return transformValue(f, *it);
    }
  }
  return json(json::value_t::discarded);
}

}  // namespace

// Only on create, only for fields the caller left out (an explicit null
// stays null). Copies from sibling fields run last so that they see the
// siblings' own defaults.
void applyDefaults(const RowContext& ctx, json& data, FieldErrors&) {
  if (ctx.op != WriteOp::Create) return;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& f : ctx.model.fields) {
      bool copy = f.default_value.kind == schema::DefaultValue::Kind::FieldRef;
      if (f.default_value.kind == schema::DefaultValue::Kind::None || copy != (pass == 1)) continue;
      if (!isWritable(f) || data.contains(f.name)) continue;
      json v = defaultFor(f, ctx, data);
      if (!v.is_discarded()) data[f.name] = std::move(v);
    }
  }
}

}  // namespace litestone::detail::write
