#include "serve.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "jwt.hpp"
#include "litestone/error.hpp"

namespace litestone::server {

ClientResolver jwtResolver(Client db, std::string secret) {
  Client anonymous = db.setAuth(nullptr);
  return [anonymous, secret = std::move(secret)](const httplib::Request& req) {
    if (!req.has_header("Authorization")) return anonymous;
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (!header.starts_with(kBearer) || header.size() == kBearer.size())
      throw Error("AUTH_INVALID_TOKEN", "the Authorization header must be \"Bearer <JWT>\"",
                  {{"reason", "not a bearer token"}});
    auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    json claims = verifyJwt(header.substr(kBearer.size()), secret, now.count());
    return anonymous.setAuth(std::move(claims));
  };
}

namespace {
sigset_t shutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}
}  // namespace

void blockShutdownSignals() {
  // A signal ignored when the process started (nohup, `cmd &` in a script, a
  // test runner) would be dropped before sigwait sees it: restore the default
  // first; being blocked, it is only ever taken by sigwait.
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  sigset_t set = shutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void serveUntilSignal(Server& server, const std::function<void(int port)>& ready) {
  int port = server.bind();
  std::atomic<bool> signalled{false};
  std::thread waiter([&server, &signalled] {
    sigset_t set = shutdownSignals();
    int sig = 0;
    sigwait(&set, &sig);
    signalled = true;
    server.stop();
  });
  ready(port);
  server.listen();
  // listen() returned without a signal (the socket failed): wake the waiter.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
}

}  // namespace litestone::server
