#pragma once

// Helpers shared by the test suites: temporary folders holding real SQLite
// files, and running the real CLI binary.

#include <filesystem>
#include <string>

namespace litestone::testing {

// A fresh folder under the system temp dir, removed with its contents when
// the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes text to name inside the folder and returns the full path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the litestone CLI built in this tree with args (shell-quoted here),
// feeding stdin_text, in working directory cwd (current dir when empty).
CommandResult runCli(const std::string& args, const std::string& stdin_text = "",
                     const std::string& cwd = "");

std::string readFile(const std::string& path);
std::string sourceDir();  // the repository root

}  // namespace litestone::testing
