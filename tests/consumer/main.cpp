// Built by CI against the installed package (find_package(litestone)), once
// with the static and once with the shared library: a real round trip, JSON
// and typed (notes_models.hpp comes from litestone_generate()).
#include <iostream>

#include <litestone/litestone.hpp>

#include "notes_models.hpp"

using litestone::json;

int main() {
  try {
    auto client = litestone::createClient({.path = LITESTONE_CONSUMER_SCHEMA, .db = ":memory:"});
    litestone::autoMigrate(client);
    client["notes"].create({{"data", {{"text", "  hello  "}}}});
    json rows = client["notes"].findMany();
    std::cout << rows.dump() << "\n";
    if (rows.size() != 1 || rows[0]["text"] != "hello") return 1;

    models::Db db(client);
    models::Notes n = db.notes.create({.text = " typed ", .priority = models::Priority::high});
    auto high = db.notes.findMany({.where = {.priority = {.equals = models::Priority::high}}});
    std::cout << json(high).dump() << "\n";
    if (n.text != "typed" || high.size() != 1 ||
        json(high[0]) != client["notes"].findUnique({{"where", {{"id", n.id}}}}))
      return 1;

    client["notes"].findMany({{"where", {{"nope", 1}}}});  // must throw QueryError
    return 1;
  } catch (const litestone::QueryError& e) {
    std::cout << e.toJson().dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
