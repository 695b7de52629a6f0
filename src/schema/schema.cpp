#include "schema/schema.hpp"

#include <algorithm>

namespace litestone::schema {

namespace {

template <typename Seq>
auto* findByName(const Seq& seq, std::string_view name) {
  for (const auto& item : seq) {
    if (item.name == name) return &item;
  }
  return static_cast<const typename Seq::value_type*>(nullptr);
}

}  // namespace

const Field* Model::field(std::string_view field_name) const { return findByName(fields, field_name); }

bool Enum::contains(std::string_view v) const {
  return std::find(values.begin(), values.end(), v) != values.end();
}

const Field* TypeDecl::field(std::string_view field_name) const { return findByName(fields, field_name); }

const Model* Schema::model(std::string_view name) const { return findByName(models, name); }
const Enum* Schema::enumType(std::string_view name) const { return findByName(enums, name); }
const TypeDecl* Schema::type(std::string_view name) const { return findByName(types, name); }
const Function* Schema::function(std::string_view name) const { return findByName(functions, name); }
const Database* Schema::database(std::string_view name) const { return findByName(databases, name); }

}  // namespace litestone::schema
