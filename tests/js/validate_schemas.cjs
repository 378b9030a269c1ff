// An independent JSON Schema check (Ajv, pinned in package-lock.json) of what the build publishes:
// `node tests/js/validate_schemas.cjs SCHEMA_DIR [API_DIR]`.
// Every *.schema.json of SCHEMA_DIR must compile under the draft 2020-12 metaschema with JavaScript's
// regular expressions (Ajv's default `u` flag, strict mode); with API_DIR, every JSON file there that names
// a schema_url must validate against that schema. Prints one JSON report; exits 1 on any problem.
"use strict";

const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

function jsonFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".json"))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function read(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const [schemaDir, apiDir] = process.argv.slice(2);
const report = { compiled: [], schemaErrors: {}, validated: [], dataErrors: {} };
const validators = {};
const ANNOTATIONS = ["x-refers-to"]; // the project's own keywords (macros/data/models/base.py): annotations only
for (const file of jsonFiles(schemaDir).filter((f) => f.endsWith(".schema.json"))) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  try {
    validators[path.resolve(file)] = ajv.compile(read(file));
    report.compiled.push(path.relative(schemaDir, file));
  } catch (error) {
    report.schemaErrors[path.relative(schemaDir, file)] = String(error.message);
  }
}
if (apiDir) {
  for (const file of jsonFiles(apiDir)) {
    const document = read(file);
    if (file.endsWith(".schema.json") || typeof document.schema_url !== "string") continue;
    const name = path.relative(apiDir, file);
    const validate = validators[path.resolve(path.dirname(file), document.schema_url)];
    if (!validate) {
      report.dataErrors[name] = [`no compiled schema at ${document.schema_url}`];
    } else if (validate(document)) {
      report.validated.push(name);
    } else {
      report.dataErrors[name] = validate.errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`);
    }
  }
}
console.log(JSON.stringify(report, null, 1));
const failed = Object.keys(report.schemaErrors).length + Object.keys(report.dataErrors).length;
process.exit(failed ? 1 : 0);
