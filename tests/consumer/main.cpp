// Built by CI against the installed package (find_package(litestone)), once
// with the static and once with the shared library: a real round trip.
#include <iostream>

#include <litestone/litestone.hpp>

using litestone::json;

int main() {
  try {
    auto db = litestone::createClient({.schema = R"(
      model notes {
        id   Integer @id
        text Text    @trim
      }
    )",
                                       .db = ":memory:"});
    litestone::autoMigrate(db);
    db["notes"].create({{"data", {{"text", "  hello  "}}}});
    json rows = db["notes"].findMany();
    std::cout << rows.dump() << "\n";
    if (rows.size() != 1 || rows[0]["text"] != "hello") return 1;
    db["notes"].findMany({{"where", {{"nope", 1}}}});  // must throw QueryError
    return 1;
  } catch (const litestone::QueryError& e) {
    std::cout << e.toJson().dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
