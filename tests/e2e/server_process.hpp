#pragma once

// Starts the real `litestone serve|studio` binary on a free port, reads the URL
// it prints, and stops it with a signal. Shared by the HTTP e2e tests.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "testing.hpp"

namespace litestone::testing {

class ServerProcess {
 public:
  // args after `litestone`, e.g. {"serve", "--port", "0"}; env as NAME=value.
  ServerProcess(std::vector<std::string> args, const std::string& cwd, std::vector<std::string> env = {})
      : err_path_(io_.file("stderr")) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
      for (auto& e : env) putenv(e.data());
      dup2(out[1], 1);
      int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(err, 2);
      close(out[0]);
      std::string cli = LITESTONE_CLI_PATH_FOR_TESTS;
      std::vector<char*> argv{cli.data()};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(cli.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
    readUrl();
  }
  ~ServerProcess() {
    if (pid_ > 0) stop(SIGKILL);
    if (out_ >= 0) close(out_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& url() const { return url_; }  // as printed, e.g. http://127.0.0.1:4711/...
  int port() const { return port_; }
  const std::string& firstLine() const { return line_; }
  // Sends sig and waits; returns the exit code (128+n when killed by signal n).
  int stop(int sig = SIGTERM) {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, sig);
    return wait();
  }
  int wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  void signal(int sig) { kill(pid_, sig); }
  std::string stderrText() const { return readFile(err_path_); }

 private:
  void readUrl() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::string buf;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char c;
      ssize_t n = read(out_, &c, 1);
      if (n <= 0) break;
      if (c != '\n') {
        buf += c;
        continue;
      }
      auto at = buf.find("http://");
      if (at != std::string::npos) {
        line_ = buf;
        url_ = buf.substr(at);
        auto colon = url_.find(':', 7);
        port_ = std::stoi(url_.substr(colon + 1));
        return;
      }
      buf.clear();
    }
    throw std::runtime_error("the server printed no URL; stderr:\n" + stderrText());
  }

  TempDir io_;
  std::string err_path_;
  pid_t pid_ = -1;
  int out_ = -1;
  int exit_code_ = -1;
  int port_ = 0;
  std::string url_, line_;
};

}  // namespace litestone::testing
