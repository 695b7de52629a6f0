#pragma once

// A multi-statement SQL script (a migration file) run one statement at a
// time, so that the caller can read each statement's rows and say which
// statement failed. Connection::exec runs a script too, but as one opaque
// call.

#include <string>
#include <string_view>

#include "engine/statement.hpp"

namespace litestone::engine {

class Connection;

class Script {
 public:
  // sql must outlive the Script.
  Script(Connection& conn, std::string_view sql) noexcept : conn_(conn), rest_(sql) {}

  // Prepares the next statement, skipping stretches that hold only
  // whitespace or comments. Returns an empty Statement (false) at the end.
  // Throws DatabaseError / ConstraintError when a statement does not
  // prepare; its meta() carries the sqlite codes and the statement's text.
  Statement next();
  // The 1-based number of the statement next() returned last, or of the one
  // it failed to prepare.
  int index() const noexcept { return index_; }

 private:
  Connection& conn_;
  std::string_view rest_;
  int index_ = 0;
};

}  // namespace litestone::engine
