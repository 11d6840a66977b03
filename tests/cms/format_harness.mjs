// Runs cms/congkhai-format.js under Node for tests/test_cms.py. Reads JSON from stdin:
// {"formats": path of formats.json, "kind": "fee", "cases": [{"text": "…", "set": [[path, value]]}]}
// and writes a JSON list of the texts the format writes back (after the edits, if any). A case
// without "text" is a new file: "data" is written as a new record.
import { readFileSync } from "node:fs";

const root = new URL("../../cms/", import.meta.url);
const YAML = await import(new URL("node_modules/yaml/browser/dist/index.js", root));
const { formatFor } = await import(new URL("congkhai-format.js", root));

const input = JSON.parse(readFileSync(0, "utf8"));
const spec = JSON.parse(readFileSync(input.formats, "utf8"))[input.kind];
const format = formatFor(YAML, spec);
const out = [];
for (const c of input.cases) {
  // Decap hands the format a copy of what it read, as plain data.
  let data = c.text === undefined ? c.data : JSON.parse(JSON.stringify(format.fromFile(c.text)));
  for (const [path, value] of c.set || []) {
    let node = data;
    for (const key of path.slice(0, -1)) node = node[key];
    node[path[path.length - 1]] = value;
  }
  out.push(format.toFile(data));
}
process.stdout.write(JSON.stringify(out));
