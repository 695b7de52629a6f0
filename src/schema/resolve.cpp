#include "schema/resolve.hpp"

namespace litestone::schema {

std::shared_ptr<Schema> resolve(const std::vector<File>& files, const std::vector<std::string>& dirs,
                                Diagnostics& diags) {
  auto schema = std::make_shared<Schema>();
  for (const auto& f : files) schema->files.push_back(f.path);
  detail::Context ctx(*schema, diags, dirs);

  // Names and types first: everything after them looks names up, so an
  // unknown or duplicate name would only cascade into noise.
  detail::collectDeclarations(files, ctx);
  detail::resolveFieldTypes(ctx);
  if (diags.hasErrors()) return nullptr;

  detail::resolveDatabases(ctx);
  detail::resolveFunctions(ctx);
  detail::resolveKeys(ctx);
  detail::resolveRelations(ctx);
  detail::resolveFieldAttributes(ctx);  // @from and @allow need the relations
  detail::resolveModelAttributes(ctx);  // policies follow belongsTo paths
  detail::checkRules(ctx);
  if (diags.hasErrors()) return nullptr;
  return schema;
}

}  // namespace litestone::schema
