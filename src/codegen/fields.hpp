#pragma once

// How codegen sorts the fields of a model: which appear in rows, in create
// and update inputs, in typed filters. Shared by every generator so the C++,
// TypeScript and JSON Schema outputs agree.

#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "schema/schema.hpp"

namespace litestone::codegen {

// Derived at read time (@computed, @from): read-only, never written.
bool isDerived(const schema::Field& f);
// Left out of some reads (@omit, @guarded, @encrypted, @secret): may be absent.
bool mayBeAbsent(const schema::Field& f);
// A value the caller may send on create/update.
bool isWritable(const schema::Field& f);
// Create may leave it out: optional, defaulted, stamped or an integer id.
bool createMayOmit(const schema::Field& f);
// A scalar the typed where can filter on (not Json, Blob, File or lists).
bool isFilterable(const schema::Field& f);
bool isToMany(const schema::Relation& r);

// The models kept by opts.only, in schema order. Throws CODEGEN_UNKNOWN_MODEL.
std::vector<const schema::Model*> selectModels(const schema::Schema& s, const std::vector<std::string>& only);
// A relation field whose target model is kept.
bool keepRelation(const schema::Field& f, const std::vector<const schema::Model*>& kept);

// users → Users, blog_posts → BlogPosts (no singularizing).
std::string pascalCase(const std::string& name);
// name, or name_ when it is a C++ keyword.
std::string cppIdentifier(const std::string& name);

}  // namespace litestone::codegen
