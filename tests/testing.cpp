#include "testing.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace litestone::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  auto name = "litestone-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
              std::to_string(rd());
  path_ = fs::temp_directory_path() / name;
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  auto p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string sourceDir() { return LITESTONE_SOURCE_DIR; }

CommandResult runCli(const std::string& args, const std::string& stdin_text, const std::string& cwd) {
  std::string cli = LITESTONE_CLI_PATH;
  if (cli.empty()) throw std::runtime_error("the litestone CLI is not part of this build");
  TempDir io;
  auto in = io.write("stdin", stdin_text);
  auto out = io.file("stdout");
  auto err = io.file("stderr");
  std::string cmd;
  if (!cwd.empty()) cmd += "cd '" + cwd + "' && ";
  cmd += "'" + cli + "' " + args + " <'" + in + "' >'" + out + "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = readFile(out);
  r.err = readFile(err);
  // Under the asan-ubsan preset a sanitizer report in the CLI exits 1 (or
  // aborts), which a test expecting a user error would take for success: any
  // report fails the test that ran the command.
  for (const char* report : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error: "}) {
    if (r.err.find(report) != std::string::npos) {
      throw std::runtime_error("sanitizer report from `litestone " + args + "`:\n" + r.err.substr(0, 4000));
    }
  }
  return r;
}

}  // namespace litestone::testing
