// The editors' interface: Decap CMS with one YAML format per content kind (congkhai-format.js),
// described by formats.json, which `python -m generator cms` generates from the models.
import * as YAML from "./yaml/index.js";
import { formatFor } from "./congkhai-format.js";

const specs = await (await fetch("formats.json", { cache: "no-cache" })).json();
for (const [kind, spec] of Object.entries(specs)) {
  window.CMS.registerCustomFormat(`congkhai-${kind}`, "yaml", formatFor(YAML, spec));
}
window.CMS.init();
