// The README's first look, as a program: open schema.lite, create the tables,
// write and read rows. Usage: quickstart <schema.lite> <app.db>

#include <iostream>

#include <litestone/litestone.hpp>

using litestone::json;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: quickstart <schema.lite> <app.db>\n";
    return 2;
  }
  try {
    auto db = litestone::createClient({.path = argv[1], .db = argv[2]});
    litestone::autoMigrate(db);

    json ada = db["users"].create({{"data", {{"email", "Ada@Example.com"}}}});
    db["posts"].createMany(
        {{"data",
          {{{"authorId", ada["id"]}, {"title", "Hello"}}, {{"authorId", ada["id"]}, {"title", "A draft"}}}}});
    json rows = db["users"].findMany({{"where", {{"role", "member"}}},
                                      {"include", {{"posts", true}}},
                                      {"orderBy", {{"createdAt", "desc"}}},
                                      {"limit", 20}});
    db.transaction([](litestone::Client& tx) {
      tx["posts"].deleteMany({{"where", {{"title", {{"contains", "draft"}}}}}});
    });
    rows.push_back({{"posts_left", db["posts"].count()}});
    std::cout << rows.dump(2) << "\n";
  } catch (const litestone::Error& e) {
    std::cerr << e.toJson().dump() << "\n";
    return 1;
  }
}
