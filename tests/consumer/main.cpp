// Built by CI against the installed package (find_package(litestone)).
#include <iostream>

#include <litestone/litestone.hpp>

int main() {
  try {
    throw litestone::QueryError("QUERY_UNKNOWN_MODEL", "unknown model", {{"model", "x"}});
  } catch (const litestone::Error& e) {
    std::cout << e.toJson().dump() << "\n";
    return e.code() == "QUERY_UNKNOWN_MODEL" ? 0 : 1;
  }
}
