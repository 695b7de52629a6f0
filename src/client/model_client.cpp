// ModelClient: each method is the wire action of the same name.

#include "client/access.hpp"
#include "client/state.hpp"
#include "litestone/client.hpp"
#include "schema/schema.hpp"

namespace litestone {

ModelClient::ModelClient(const Client& client, std::string model)
    : state_(detail::ClientAccess::shared(client)),
      auth_(client.auth()),
      system_(client.isSystem()),
      model_(std::move(model)),
      resolved_(state_->schema->model(model_)) {}

json ModelClient::call(std::string_view action, const json& args) const {
  if (!resolved_) return detail::dispatch(*state_, auth_, system_, model_, action, args);
  return detail::dispatch(*state_, auth_, system_, *resolved_, action, args);
}

json ModelClient::findMany(const json& args) const { return call("findMany", args); }
json ModelClient::findFirst(const json& args) const { return call("findFirst", args); }
json ModelClient::findUnique(const json& args) const { return call("findUnique", args); }
json ModelClient::findFirstOrThrow(const json& args) const { return call("findFirstOrThrow", args); }
json ModelClient::findUniqueOrThrow(const json& args) const { return call("findUniqueOrThrow", args); }
json ModelClient::findManyAndCount(const json& args) const { return call("findManyAndCount", args); }
int64_t ModelClient::count(const json& args) const { return call("count", args).get<int64_t>(); }
bool ModelClient::exists(const json& args) const { return call("exists", args).get<bool>(); }
json ModelClient::create(const json& args) const { return call("create", args); }
json ModelClient::update(const json& args) const { return call("update", args); }
json ModelClient::upsert(const json& args) const { return call("upsert", args); }
json ModelClient::remove(const json& args) const { return call("remove", args); }
json ModelClient::del(const json& args) const { return call("delete", args); }
json ModelClient::restore(const json& args) const { return call("restore", args); }
json ModelClient::createMany(const json& args) const { return call("createMany", args); }
json ModelClient::updateMany(const json& args) const { return call("updateMany", args); }
json ModelClient::upsertMany(const json& args) const { return call("upsertMany", args); }
json ModelClient::removeMany(const json& args) const { return call("removeMany", args); }
json ModelClient::deleteMany(const json& args) const { return call("deleteMany", args); }

}  // namespace litestone
