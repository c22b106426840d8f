// Validates API answers against the schemas an OpenAPI 3.1 document declares, with Ajv's JSON Schema 2020-12
// build and ajv-formats (date-time must carry an offset). Input: a JSON file
//   { "document": <openapi>, "answers": [ { "label": "...", "schema": "<JSON pointer into document>", "body": <json> } ] }
// Output on stdout: { "validated": N, "failures": [ { "label", "errors": [ ... ] } ] }. Exit code 0 when it ran.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// OpenAPI's number formats, checked where the value is a JSON number.
const int32 = (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
ajv.addFormat("int32", { type: "number", validate: int32 });
ajv.addFormat("int64", { type: "number", validate: Number.isInteger });
ajv.addFormat("float", { type: "number", validate: Number.isFinite });
ajv.addFormat("double", { type: "number", validate: Number.isFinite });
// The check this contract exists for must be live: a timestamp without an offset is not an RFC 3339 date-time.
if (ajv.validate({ type: "string", format: "date-time" }, "2026-11-22T09:58:26.8698986")) {
  throw new Error("Ajv accepted a date-time without an offset; ajv-formats is not checking date-time.");
}
// The whole document is one schema resource, so a response schema's "#/components/schemas/..." resolves in it.
ajv.addSchema(input.document, "openapi.json");

const failures = [];
for (const answer of input.answers) {
  const validate = ajv.compile({ $ref: "openapi.json#" + answer.schema });
  if (!validate(answer.body)) {
    failures.push({
      label: answer.label,
      errors: validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} (${e.schemaPath})`),
    });
  }
}
process.stdout.write(JSON.stringify({ validated: input.answers.length, failures }));
