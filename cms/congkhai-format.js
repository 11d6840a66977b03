// How the editors' interface (Decap CMS) reads and writes one kind of content file.
//
// Decap's own YAML format turns dates into timestamps, cannot open a shorthand (a bare string
// where the model also takes an object: `fees: [le-phi-x]`, `legal_basis: ["60/2014/QH13"]`) and
// writes the whole file again. This one, driven by `formats.json` (generated from the models by
// `python -m generator cms`):
// - opens every shorthand as its object, so Decap's object lists can show it;
// - saves by patching the file as it was opened: what did not change keeps its comments, quotes,
//   layout and place; a new key goes where the model puts it; a value set back to its shorthand
//   is written as it was;
// - never writes an anchor or alias (each shared block is written out where it is used), and writes
//   dates as YAML dates (`2026-09-15`), which the loader reads as dates.
// Plain ES module without browser APIs, so that Node runs it in the tests.

const OPTIONS = { lineWidth: 0, indentSeq: false, flowCollectionPadding: false, aliasDuplicateObjects: false };
const SHORT_FLOW = 60; // a list of plain values shorter than this is written on one line: [t2, t4]

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function below(path, key) {
  return path === "" ? key : `${path}.${key}`;
}

// A string where the model takes an object becomes that object.
export function expand(spec, value, path = "") {
  if (Array.isArray(value)) return value.map((item) => expand(spec, item, `${path}.*`));
  if (typeof value === "string" && spec.shorthand[path]) return { [spec.shorthand[path]]: value };
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(spec, v, below(path, k))]));
  }
  return value;
}

// What the form left empty is not written: Decap keeps a cleared field as "" or null, and an
// optional block the clerk opened but did not fill in as {}.
function blank(value) {
  return value === null || value === undefined || value === "" || (isObject(value) && !Object.keys(value).length);
}

export function prune(value) {
  if (Array.isArray(value)) return value.map(prune).filter((v) => !blank(v));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, prune(v)])
        .filter(([, v]) => !blank(v)),
    );
  }
  return value;
}

function rank(order, key) {
  const index = order.indexOf(key);
  return index < 0 ? order.length : index;
}

// The model's key order, at every level.
function ordered(spec, value, path) {
  if (Array.isArray(value)) return value.map((item) => ordered(spec, item, `${path}.*`));
  if (!isObject(value)) return value;
  const order = spec.order[path] || [];
  const keys = Object.keys(value).sort((a, b) => rank(order, a) - rank(order, b));
  return Object.fromEntries(keys.map((k) => [k, ordered(spec, value[k], below(path, k))]));
}

function flowShortLists(YAML, node) {
  YAML.visit(node, {
    Seq(_, seq) {
      const plain = seq.items.every(
        (item) => YAML.isScalar(item) && (typeof item.value !== "string" || !item.value.includes("\n")),
      );
      if (seq.items.length && plain && JSON.stringify(seq.items.map((i) => i.value)).length < SHORT_FLOW) seq.flow = true;
    },
  });
  return node;
}

function fresh(YAML, doc, spec, value, path) {
  const node = doc.createNode(ordered(spec, value, path), { aliasDuplicateObjects: false });
  return flowShortLists(YAML, node);
}

function keyOf(YAML, pair) {
  return YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function sameScalar(YAML, node, value) {
  return YAML.isScalar(node) && node.value === value;
}

// `node` (as opened) made to hold `value`, changing as little as possible.
function patch(YAML, doc, spec, node, value, path) {
  if (YAML.isAlias(node)) return fresh(YAML, doc, spec, value, path);
  if (isObject(value)) {
    const short = spec.shorthand[path];
    const keys = Object.keys(value);
    if (short && keys.length === 1 && keys[0] === short && sameScalar(YAML, node, value[short])) return node;
    if (!YAML.isMap(node)) return fresh(YAML, doc, spec, value, path);
    node.items = node.items.filter((pair) => Object.hasOwn(value, keyOf(YAML, pair)));
    const order = spec.order[path] || [];
    for (const [key, item] of Object.entries(value)) {
      const sub = below(path, key);
      const pair = node.items.find((p) => keyOf(YAML, p) === key);
      if (pair) {
        pair.value = patch(YAML, doc, spec, pair.value, item, sub);
        continue;
      }
      // An empty list the form added is not written (the model's default is the same).
      if (Array.isArray(item) && !item.length) continue;
      // A new key goes after the last key the model puts before it.
      const added = doc.createPair(key, null);
      added.value = fresh(YAML, doc, spec, item, sub);
      let at = 0;
      node.items.forEach((p, i) => {
        if (rank(order, keyOf(YAML, p)) <= rank(order, key)) at = i + 1;
      });
      node.items.splice(at, 0, added);
    }
    return node;
  }
  if (Array.isArray(value)) {
    if (!YAML.isSeq(node)) return fresh(YAML, doc, spec, value, path);
    const itemPath = `${path}.*`;
    node.items = value.map((item, i) =>
      i < node.items.length ? patch(YAML, doc, spec, node.items[i], item, itemPath) : fresh(YAML, doc, spec, item, itemPath),
    );
    return node;
  }
  if (sameScalar(YAML, node, value)) return node;
  const scalar = doc.createNode(value);
  if (YAML.isScalar(node)) {
    // Keep how the editor wrote it (quotes, comment) when the new value allows it.
    if (typeof value === "string" && typeof node.value === "string" && node.type && node.type.startsWith("QUOTE")) {
      scalar.type = node.type;
    }
    scalar.comment = node.comment;
    scalar.commentBefore = node.commentBefore;
  }
  return scalar;
}

// Every alias replaced by a copy of what it stands for, and every anchor dropped: each block is
// then written out where it is used, and changing one no longer changes the others.
function unshare(YAML, doc) {
  YAML.visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      return target && YAML.isNode(target) ? target.clone() : new YAML.Scalar(null);
    },
  });
  YAML.visit(doc, {
    Node(_, node) {
      delete node.anchor;
    },
  });
}

// The format of one kind: `{fromFile, toFile}` as Decap's registerCustomFormat takes it.
export function formatFor(YAML, spec) {
  const opened = new Map(); // the record's key → the document as last opened
  const keyOf_ = (data) => (spec.key ? String(data[spec.key] ?? "") : "");
  return {
    fromFile(text) {
      const doc = YAML.parseDocument(text, { merge: false, uniqueKeys: true });
      if (doc.errors.length) throw doc.errors[0];
      const data = expand(spec, doc.toJS({ maxAliasCount: 10000 }) ?? {});
      unshare(YAML, doc); // no anchor survives a save
      opened.set(keyOf_(data), doc);
      return data;
    },
    toFile(data) {
      const value = prune(data);
      const doc = opened.get(keyOf_(value));
      if (doc && YAML.isMap(doc.contents)) {
        doc.contents = patch(YAML, doc, spec, doc.contents, value, "");
        return doc.toString(OPTIONS);
      }
      const created = new YAML.Document(null, { aliasDuplicateObjects: false });
      created.contents = fresh(YAML, created, spec, value, "");
      created.contents.commentBefore = spec.header.replace(/^#/, "");
      return created.toString(OPTIONS);
    },
  };
}
