#pragma once

// Shared by the field attribute handlers (resolve_attributes.cpp,
// resolve_values.cpp): one attribute of one field being resolved.

#include "schema/resolve.hpp"

namespace litestone::schema::detail {

struct FieldAttr {
  Context& ctx;
  ModelSrc& model;
  Field& field;
  const Attribute& attr;
  std::string name() const { return attrName(attr); }
};

bool isText(const Field& f);
bool isNumber(const Field& f);
// Reports attributeOnWrongType unless ok; returns ok.
bool requireType(FieldAttr& fa, bool ok, std::string_view allowed);
// Reads `auth().a.b` into "a.b"; reports and returns false otherwise.
bool authPath(const Expr& e, std::string& out, std::string_view where, Context& ctx);

void applyDefault(FieldAttr& fa);
void applyValidator(FieldAttr& fa);
void applyFunctionCall(FieldAttr& fa, const Function& fn);
void applyFrom(FieldAttr& fa);

// Every field attribute the resolver knows (without the @).
const std::vector<std::string>& fieldAttributeNames();
const std::vector<std::string>& modelAttributeNames();
bool isValidatorName(std::string_view name);

}  // namespace litestone::schema::detail
