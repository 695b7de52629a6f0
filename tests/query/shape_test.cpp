#include "query/args/shape.hpp"

#include <gtest/gtest.h>

namespace litestone::query {
namespace {

std::string shape(const json& args) {
  std::string s;
  appendShape(args, s);
  return s;
}

TEST(ShapeTest, ValuesAreStrippedButTypesKept) {
  EXPECT_EQ(shape({{"where", {{"id", 1}}}}), shape({{"where", {{"id", 2}}}}));
  EXPECT_EQ(shape({{"where", {{"id", {{"in", {1, 2}}}}}}}),
            shape({{"where", {{"id", {{"in", {1, 2, 3}}}}}}}));
  EXPECT_NE(shape({{"where", {{"id", 1}}}}), shape({{"where", {{"id", nullptr}}}}));
  EXPECT_NE(shape({{"where", {{"id", 1}}}}), shape({{"where", {{"id", "1"}}}}));
  EXPECT_EQ(shape({{"limit", 1}}), shape({{"limit", 20}}));
}

TEST(ShapeTest, WhatChangesTheSqlIsKept) {
  EXPECT_NE(shape({{"orderBy", {{"id", "asc"}}}}), shape({{"orderBy", {{"id", "desc"}}}}));
  EXPECT_NE(shape({{"where", {{"$raw", "a = 1"}}}}), shape({{"where", {{"$raw", "a = 2"}}}}));
  EXPECT_NE(shape({{"where", {{"name", {{"contains", "a"}, {"mode", "insensitive"}}}}}}),
            shape({{"where", {{"name", {{"contains", "a"}, {"mode", "default"}}}}}}));
  EXPECT_NE(shape({{"select", {{"id", true}}}}), shape({{"select", {{"id", false}}}}));
  EXPECT_NE(shape({{"withDeleted", true}}), shape({{"withDeleted", false}}));
  EXPECT_NE(shape({{"where", {{"OR", {{{"a", 1}}}}}}}),
            shape({{"where", {{"OR", {{{"a", 1}}, {{"a", 1}}}}}}}));
}

TEST(ShapeTest, CraftedKeysCannotCollide) {
  EXPECT_NE(shape({{"where", {{"a=s;}", 1}}}}), shape({{"where", {{"a", "x"}}}}));
  EXPECT_NE(shape({{"where", {{"ab", 1}}}}), shape({{"where", {{"a", {{"b", 1}}}}}}));
}

}  // namespace
}  // namespace litestone::query
