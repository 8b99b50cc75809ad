// Validates recorded API responses against the OpenAPI document, so that the
// server, src/http/openapi.json and the web app's generated types cannot
// drift apart. Each line of DIR/*.jsonl (tests/http/response_recorder.h) is
// one response: its operation and status must be documented, its content type
// too, and its body must match the schema there (JSON Schema 2020-12, which
// OpenAPI 3.1 uses, with formats checked).
// Usage: node tools/validate-responses.mjs OPENAPI_JSON DIR
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [docPath, dir] = process.argv.slice(2);
if (!docPath || !dir) {
  console.error("usage: node tools/validate-responses.mjs OPENAPI_JSON DIR");
  process.exit(2);
}

const doc = JSON.parse(readFileSync(docPath, "utf8"));
// OpenAPI adds keywords of its own (example, x-…) that are not JSON Schema: not strict.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: "openapi.json" });

const pointer = (...parts) => parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

// The documented response of one recorded answer: [schema id, why not].
function responseOf(line) {
  const operation = doc.paths?.[line.path]?.[line.method.toLowerCase()];
  if (!operation) return [null, "operation not in the document"];
  const statuses = operation.responses ?? {};
  const status = [String(line.status), `${String(line.status)[0]}XX`, "default"].find((s) => s in statuses);
  if (!status) return [null, `status ${line.status} not documented`];
  const type = line.content_type.split(";")[0].trim();
  const content = statuses[status].content ?? {};
  if (!(type in content)) return [null, `content type ${type} not documented for ${status}`];
  if (!content[type].schema) return [null, `no schema for ${status} ${type}`];
  return [`openapi.json#/${pointer("paths", line.path, line.method.toLowerCase(), "responses", status, "content", type, "schema")}`, null];
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".jsonl")) : [];
const failures = new Map(); // one entry per operation, status and problem, with how often
const operations = new Set();
let bodies = 0;
const fail = (line, what) => {
  const key = `${line.method} ${line.path} ${line.status}: ${what}`;
  failures.set(key, (failures.get(key) ?? 0) + 1);
};

for (const file of files)
  for (const text of readFileSync(join(dir, file), "utf8").split("\n")) {
    if (!text) continue;
    const line = JSON.parse(text);
    bodies++;
    operations.add(`${line.method} ${line.path}`);
    if ("unparsable" in line) {
      fail(line, `a ${line.content_type} body that is not JSON`);
      continue;
    }
    const [id, why] = responseOf(line);
    if (!id) {
      fail(line, why);
      continue;
    }
    const validate = ajv.getSchema(id);
    if (!validate(line.body))
      for (const e of validate.errors) fail(line, `${e.instancePath || "(body)"} ${e.message} (${e.schemaPath})`);
  }

if (bodies === 0) {
  console.error(`validate-responses: no responses recorded in ${dir}`);
  process.exit(1);
}
for (const [key, count] of failures) console.error(`${key}${count > 1 ? ` [${count}x]` : ""}`);
const summary = `${bodies} response bodies of ${operations.size} operations validated against ${docPath}`;
if (failures.size > 0) {
  console.error(`validate-responses: ${failures.size} kinds of mismatch in ${summary}`);
  process.exit(1);
}
console.log(`validate-responses: ${summary}: all match`);
