// node validate.cjs SCHEMA.json DEF DATA.json
// Validates each element of the JSON array in DATA.json against
// SCHEMA.json#/$defs/DEF with ajv (JSON Schema 2020-12, formats on).
// Prints one line per element: "ok" or "invalid <errors>"; exit 0 when all
// are valid, 1 otherwise.
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, def, dataPath] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const data = JSON.parse(fs.readFileSync(dataPath, "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addSchema(schema, "root");
const validate = ajv.getSchema("root#/$defs/" + def);
if (!validate) {
  console.error("no $defs/" + def + " in " + schemaPath);
  process.exit(2);
}
let allValid = true;
for (const row of data) {
  if (validate(row)) {
    console.log("ok");
  } else {
    allValid = false;
    console.log("invalid " + JSON.stringify(validate.errors));
  }
}
process.exit(allValid ? 0 : 1);
