#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/base64.hpp"
#include "litestone/error.hpp"

namespace litestone::crypto {
namespace {

const std::string kHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string kOtherHex = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

std::vector<uint8_t> fromHex(std::string_view hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// Flips one bit of the decoded payload at `offset` and re-encodes it.
std::string tamper(const std::string& sealed, size_t offset) {
  auto raw = base64Decode(std::string_view(sealed).substr(kSealedPrefix.size()));
  (*raw)[offset] ^= 0x01;
  return std::string(kSealedPrefix) + base64Encode(*raw);
}

TEST(CryptoTest, SealOpenRoundTrip) {
  Key key = parseHexKey(kHex);
  for (std::string plain : {std::string(), std::string("x"), std::string("4111 1111 1111 1111"),
                            std::string(1000, 'z'), std::string("caf\xc3\xa9\0nul", 9)}) {
    std::string sealed = seal(key, plain, "users.card");
    EXPECT_TRUE(sealed.starts_with("v1:"));
    if (plain.size() >= 8) {
      EXPECT_EQ(sealed.find(plain), std::string::npos);
    }
    auto raw = base64Decode(std::string_view(sealed).substr(3));
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->size(), kNonceBytes + plain.size() + kTagBytes);
    EXPECT_EQ(open(key, sealed, "users.card"), plain);
  }
}

TEST(CryptoTest, FreshNonceEveryTime) {
  Key key = parseHexKey(kHex);
  std::string a = seal(key, "same", "t.c");
  std::string b = seal(key, "same", "t.c");
  EXPECT_NE(a, b);
  auto ra = *base64Decode(a.substr(3));
  auto rb = *base64Decode(b.substr(3));
  EXPECT_FALSE(std::equal(ra.begin(), ra.begin() + kNonceBytes, rb.begin()));
}

// NIST GCM spec test cases 13 and 14 (AES-256, zero key, zero IV).
TEST(CryptoTest, OpensKnownAnswerVectors) {
  Key zero = parseHexKey(std::string(64, '0'));
  std::vector<uint8_t> empty_case(12, 0);
  auto tag13 = fromHex("530f8afbc74536b9a963b4f1c4cb738b");
  empty_case.insert(empty_case.end(), tag13.begin(), tag13.end());
  EXPECT_EQ(open(zero, "v1:" + base64Encode(empty_case), ""), std::string());

  std::vector<uint8_t> case14(12, 0);
  auto body = fromHex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
  case14.insert(case14.end(), body.begin(), body.end());
  EXPECT_EQ(open(zero, "v1:" + base64Encode(case14), ""), std::string(16, '\0'));
}

TEST(CryptoTest, TamperedBytesFailEverywhere) {
  Key key = parseHexKey(kHex);
  std::string sealed = seal(key, "secret value", "users.ssn");
  size_t total = kNonceBytes + 12 + kTagBytes;
  for (size_t offset = 0; offset < total; ++offset)
    EXPECT_FALSE(open(key, tamper(sealed, offset), "users.ssn")) << "offset " << offset;
}

TEST(CryptoTest, WrongKeyOrAadFails) {
  Key key = parseHexKey(kHex);
  Key other = parseHexKey(kOtherHex);
  std::string sealed = seal(key, "secret value", "users.ssn");
  EXPECT_FALSE(open(other, sealed, "users.ssn"));
  EXPECT_FALSE(open(key, sealed, "users.tax"));
  EXPECT_FALSE(open(key, sealed, ""));
  EXPECT_TRUE(open(key, sealed, "users.ssn"));
}

TEST(CryptoTest, MalformedSealedTextFails) {
  Key key = parseHexKey(kHex);
  std::string sealed = seal(key, "abc", "a");
  EXPECT_FALSE(open(key, "plain text", "a"));
  EXPECT_FALSE(open(key, "v2:" + sealed.substr(3), "a"));
  EXPECT_FALSE(open(key, "v1:!!!!", "a"));
  EXPECT_FALSE(open(key, "v1:", "a"));
  EXPECT_FALSE(open(key, sealed.substr(0, 20), "a"));  // shorter than nonce + tag
  EXPECT_FALSE(looksSealed("hello"));
  EXPECT_TRUE(looksSealed(sealed));
}

TEST(CryptoTest, ParsesHexKeysOfEitherCase) {
  std::string upper = kHex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  Key a = parseHexKey(kHex);
  Key b = parseHexKey(upper);
  EXPECT_TRUE(std::equal(a.bytes().begin(), a.bytes().end(), b.bytes().begin()));
  EXPECT_EQ(a.bytes()[0], 0x00);
  EXPECT_EQ(a.bytes()[31], 0x1f);
}

TEST(CryptoTest, MalformedKeysAreRefusedWithoutEchoingThem) {
  auto code = [](const std::string& hex) {
    try {
      parseHexKey(hex);
    } catch (const Error& e) {
      if (hex.size() >= 16) {
        EXPECT_EQ(std::string(e.what()).find(hex.substr(0, 16)), std::string::npos) << e.what();
        EXPECT_EQ(e.meta().dump().find(hex.substr(0, 16)), std::string::npos);
      }
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code(kHex.substr(0, 62)), "ENCRYPTION_KEY_INVALID");
  EXPECT_EQ(code(kHex + "00"), "ENCRYPTION_KEY_INVALID");
  EXPECT_EQ(code("zz" + kHex.substr(2)), "ENCRYPTION_KEY_INVALID");
  EXPECT_EQ(code(kHex.substr(0, 63) + "g"), "ENCRYPTION_KEY_INVALID");
  EXPECT_EQ(code(""), "ENCRYPTION_KEY_INVALID");
}

// RFC 4231 test case 2.
TEST(CryptoTest, HmacSha256KnownAnswer) {
  std::string key = "Jefe";
  auto mac = hmacSha256(std::span(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
                        "what do ya want for nothing?");
  EXPECT_EQ(toHex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoTest, DerivedKeysAreDeterministicAndDistinctPerPurpose) {
  Key master = parseHexKey(kHex);
  Key a1 = deriveKey(master, "litestone search v1");
  Key a2 = deriveKey(master, "litestone search v1");
  Key b = deriveKey(master, "something else");
  auto same = [](const Key& x, const Key& y) {
    return std::equal(x.bytes().begin(), x.bytes().end(), y.bytes().begin());
  };
  EXPECT_TRUE(same(a1, a2));
  EXPECT_FALSE(same(a1, b));
  EXPECT_FALSE(same(a1, master));
}

}  // namespace
}  // namespace litestone::crypto
