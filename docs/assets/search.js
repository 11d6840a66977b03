/* congkhai search: the header search box (results as you type) and the search page, on
   Pagefind's core API. Without JavaScript the header form goes to the A–Z list instead. */

const base = new URL(document.querySelector("script[src$='assets/search.js']").src, location.href);
const root = new URL("../", base);
// The site's paths and the folding table, generated from the Python (assets/ck-data.js).
const { urls: URLS, fold: FOLD } = window.congkhai;
let engine = null;

function pagefind() {
  if (!engine) {
    engine = import(new URL(`${URLS.search_index}pagefind.js`, root).href).then(async (pf) => {
      // No worker: it would download a second 41 KB script for no gain on a list this short.
      await pf.options({ baseUrl: root.pathname, excerptLength: 0, noWorker: true });
      pf.init();
      return pf;
    });
  }
  return engine;
}

// Accent-insensitive, đ → d: generator/format.py fold(), through its generated table.
export function fold(text) {
  return text.normalize("NFC").replace(/[^\x00-\x7f]/g, (ch) => FOLD[ch] || ch).toLowerCase();
}

// Words and phrases of a question that say nothing about what is looked for ("… bao nhiêu",
// "mất bao lâu …", "… ở đâu", "… cần giấy tờ gì"), longest first; then single everyday words.
const FILLER_PHRASES = [
  "can nhung giay to gi", "can giay to gi", "can nhung gi", "can giay gi", "bao nhieu tien", "mat bao lau",
  "nhu the nao", "thi lam gi", "bao nhieu", "bao lau", "o dau", "the nao", "can gi", "la gi", "lam gi",
  "de co", "thu tuc", "ma so", "duoc khong",
];
const FILLER = new Set(["lam", "xin", "cho", "cua", "va", "o", "tai", "the", "nao", "thu", "tuc", "muon", "can", "toi", "em", "minh", "nhu", "gi", "de", "khi", "bi", "duoc", "ve", "voi", "thi", "ma", "nhung", "co", "phai", "di", "a", "nhe", "khong", "ai", "ra", "nay"]);
// Telex keys left in a word when the input method is off: tone keys at the end, doubled vowels.
const TELEX = [[/(.)[sfrxj]$/, "$1"], [/dd/g, "d"], [/aa|aw/g, "a"], [/ee/g, "e"], [/oo|ow/g, "o"], [/uw/g, "u"], [/w$/, ""]];
const CODE = /^\d\.\d{6}$/;

let lexicon = null;
function loadLexicon() {
  if (!lexicon) {
    lexicon = fetch(new URL(`${URLS.search_index}ck-lexicon.json`, root).href)
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => ({}))
      .then((data) => ({ words: new Map(Object.entries(data.words || {})), entries: entriesOf(data) }));
  }
  return lexicon;
}

function clean(text) {
  return fold(text).replace(/[^\p{L}\p{N}.\s]/gu, " ").replace(/\.(?!\d)/g, " ").replace(/\s+/g, " ").trim();
}

// Every spelling one edit away: a letter wrong, missing, extra, or two letters swapped.
function edits(word) {
  const out = new Set();
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (let i = 0; i <= word.length; i += 1) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const ch of letters) {
      if (tail) out.add(head + ch + tail.slice(1));
      out.add(head + ch + tail);
    }
  }
  out.delete(word);
  return out;
}

// The most frequent known word at most one edit (or a Telex slip) away, or null.
function correct(word, words) {
  if (words.has(word)) return word;
  let telex = word;
  for (const [pattern, by] of TELEX) telex = telex.replace(pattern, by);
  if (telex !== word && words.has(telex)) return telex;
  if (word.length < 3) return null;
  let best = null;
  let count = 0;
  for (const candidate of edits(word)) {
    const n = words.get(candidate) || 0;
    if (n > count) { best = candidate; count = n; }
  }
  return best;
}

// Words typed together ("dangkykhaisinh"): the split into known words with the fewest pieces
// (a piece may carry one typo, at a cost), most frequent first on ties.
function split(word, words) {
  const n = word.length;
  if (n < 4 || n > 40) return null;
  const best = new Array(n + 1).fill(null);
  best[0] = { cost: 0, freq: 0, parts: [] };
  for (let end = 1; end <= n; end += 1) {
    for (let start = Math.max(0, end - 9); start < end; start += 1) {
      const prev = best[start];
      if (!prev) continue;
      const piece = word.slice(start, end);
      let known = words.has(piece) && (piece.length > 1 || piece === "o") ? piece : null;
      let cost = 1;
      if (!known && piece.length >= 3) { known = correct(piece, words); cost = 2.5; }
      if (!known) continue;
      const candidate = { cost: prev.cost + cost, freq: prev.freq + Math.log(1 + (words.get(known) || 0)), parts: [...prev.parts, known] };
      const here = best[end];
      if (!here || candidate.cost < here.cost || (candidate.cost === here.cost && candidate.freq > here.freq)) best[end] = candidate;
    }
  }
  return best[n] && best[n].parts.length > 1 ? best[n].parts : null;
}

/* What the query asks for: its meaningful words, each corrected or split against the site's own
   vocabulary; the last word may be a prefix still being typed. */
export function understand(query, words) {
  let text = " " + clean(query) + " ";
  for (const phrase of FILLER_PHRASES) text = text.split(" " + phrase + " ").join(" ");
  const raw = text.trim().split(" ").filter(Boolean);
  // Everyday words ("làm", "cho", "của") are optional: they never exclude a result, but count
  // when they are there ("mở cửa hàng"). A query of nothing else keeps them.
  const anyMeaningful = raw.some((w) => !FILLER.has(w));
  const out = [];
  const codes = [];
  raw.forEach((word, i) => {
    // Only the very end of what was typed may be an unfinished word.
    const last = i === raw.length - 1 && !/\s$/.test(query) && clean(query).endsWith(word);
    if (CODE.test(word)) { codes.push(word); return; }
    if (anyMeaningful && FILLER.has(word)) { out.push({ word, prefix: last, optional: true }); return; }
    if (words.has(word) || !words.size) { out.push({ word, prefix: last }); return; }
    if (last && [...words.keys()].some((known) => known.startsWith(word))) { out.push({ word, prefix: true }); return; }
    const fixed = correct(word, words);
    if (fixed) { out.push({ word: fixed, prefix: false }); return; }
    const parts = split(word, words);
    if (parts) { parts.forEach((part) => out.push({ word: part, prefix: false })); return; }
    out.push({ word, prefix: last, unknown: true });
  });
  return { terms: out, codes };
}

// The communes, fees and documents of the lexicon (generator/search_index.py), ready to score.
function entriesOf(data) {
  const entry = (k, u, n, o, a) => ({ k, u, n, name: clean(n), keywords: o.map(clean), other: clean(a) });
  const shared = data.commune_words || "";
  return [
    ...(data.communes || []).map(([id, n, o, a]) => entry("xa", `${URLS.communes}${id}/`, n, o, `${a} ${shared}`)),
    ...(data.fees || []).map(([id, n]) => entry("phi", `${URLS.fees}#${id}`, n, [], "")),
    ...(data.documents || []).map(([id, n, a]) => entry("giayto", `${URLS.documents}#${id}`, n, [], a)),
  ];
}

// How much of the query a text covers, and how strongly: a word in the name counts 3, in a
// keyword (or a commune's former name) 2, elsewhere (documents, steps, addresses) 1. Then small
// lifts: the whole phrase in the name, a keyword that is (or starts with) the phrase, a name made
// mostly of the query's words. `value` lies between 0 and about 1.5; `covered` is the share of
// the query's words found anywhere.
function score(terms, name, keywords, other) {
  if (!terms.length) return { value: 0, covered: 0 };
  const joined = ` ${keywords.join(" | ")} `;
  const fields = [[` ${name} `, 3], [joined, 2], [` ${other} `, 1]];
  const found = terms.map(({ word, prefix }) => {
    const needle = " " + word + (prefix ? "" : " ");
    const hit = fields.find(([text]) => text.includes(needle));
    return hit ? hit[1] : 0;
  });
  const required = terms.filter((t) => !t.optional).length || terms.length;
  const inName = found.filter((weight) => weight === 3).length;
  let total = 0;
  let count = 0;
  let hits = 0;
  terms.forEach((term, i) => {
    if (term.optional && !found[i] && required < terms.length) return;
    count += 1;
    // A single word of a longer query found in the name (often a small word such as "do")
    // says less than the query's words found together in a keyword.
    const weight = found[i] === 3 && inName === 1 && required > 1 ? 2 : found[i];
    total += weight;
    if (weight && !term.optional) hits += 1;
  });
  let value = total / (3 * count);
  const covered = hits / required;
  const open = terms[terms.length - 1].prefix;
  const phrases = [terms, terms.filter((t) => !t.optional)].map((list) => list.map((t) => t.word).join(" "));
  const end = open ? "" : " ";
  if (phrases.some((phrase) => phrase && (" " + name + " ").includes(" " + phrase + end))) value += 0.2;
  if (phrases.some((phrase) => phrase && keywords.some((k) => k === phrase || (k + " ").startsWith(phrase + end)))) value += 0.15;
  else if (phrases.some((phrase) => phrase && keywords.some((k) => (" " + k + " ").includes(" " + phrase + end)))) value += 0.05;
  const nameWords = name.split(" ").length;
  value += 0.1 * (inName / Math.max(nameWords, inName));
  return { value, covered };
}

const KINDS = { thutuc: "Thủ tục", xa: "Bộ phận Một cửa", phi: "Phí, lệ phí", giayto: "Giấy tờ, biểu mẫu" };

/* Search: procedures through Pagefind (the whole query, then each pair and each word, so that
   one unknown word does not empty the list), communes, fees and forms from the lexicon; every
   candidate ranked by `score`. The header box and the search page call this with the same
   candidates, so they show the same order. `tokens` are filter words (generator/pages.py
   filter_token): with them, only procedures that have them. Returns { results, suggestions }. */
export async function search(query, tokens = [], limit = 8) {
  const [pf, lex] = await Promise.all([pagefind(), loadLexicon()]);
  const { terms, codes } = understand(query, lex.words);
  const suffix = tokens.length ? " " + tokens.join(" ") : "";
  const plain = terms.filter((t) => !t.optional).map((t) => t.word);
  // Pagefind finds pages that have every word. When the whole query finds few, each word alone
  // (and each pair of neighbours) is tried as well, so that one stray word does not empty the
  // list. Only the best candidates are fetched (each is a request): the whole query's first.
  const first = [];
  codes.forEach((code) => first.push([code, 10]));
  // Filters alone (the search page) list up to 30 procedures; a query's best 16 are enough.
  const listing = !plain.length && !codes.length;
  if (plain.length || listing) first.push([plain.join(" "), listing ? 30 : 16]);
  const candidates = new Map();
  const gather = (tries, found) => found.forEach((answer, i) => {
    if (!answer) return;
    answer.results.slice(0, tries[i][1]).forEach((result) => { if (!candidates.has(result.id)) candidates.set(result.id, result); });
  });
  const run = (tries) => Promise.all(tries.map(([text]) => pf.search((text + suffix).trim() || null)));
  gather(first, await run(first));
  if (candidates.size < 8 && plain.length > 1) {
    const more = [];
    if (plain.length > 2) for (let i = 0; i + 1 < plain.length; i += 1) more.push([plain[i] + " " + plain[i + 1], 6]);
    plain.forEach((w) => more.push([w, 6]));
    gather(more, await run(more));
  }
  const pages = await Promise.all([...candidates.values()].slice(0, listing ? 30 : 20).map((result) => result.data()));
  const ranked = pages.map((data) => {
    const name = clean(data.meta.title || "");
    const keywords = (data.meta.keywords || "").split("·").map(clean).filter(Boolean);
    let { value, covered } = score(terms, name, keywords, clean(data.content || ""));
    if (codes.includes(data.meta.code)) { value += 2; covered = 1; }
    if (!terms.length && !codes.length) { value = 1; covered = 1; }
    return { data: { ...data, kind: "thutuc" }, value, covered };
  });
  if (!tokens.length) {
    const feeQuery = plain.includes("phi");
    lex.entries.forEach((entry) => {
      let { value, covered } = score(terms, entry.name, entry.keywords, entry.other);
      // A procedure-like query puts procedures first; naming a fee or a commune lifts those.
      if (entry.k === "phi") value += feeQuery ? 0.15 : -0.15;
      else if (entry.k === "xa") value += ["xa", "ubnd", "phuong", "tran"].some((w) => plain.includes(w)) ? 0.1 : -0.1;
      // A document or form only leads when the query asks for one ("mẫu tờ khai …", "đơn …").
      else value += ["mau", "to", "don", "bieu"].some((w) => plain.includes(w)) ? 0 : -0.4;
      if (covered >= 0.5) ranked.push({ data: { url: new URL(entry.u, root).href, meta: { title: entry.n }, kind: entry.k }, value, covered });
    });
  }
  // Ties (scores equal to 1/1000) keep the candidates' order: Pagefind's, then the lexicon's.
  ranked.forEach((r, i) => { r.order = i; r.value = Math.round(r.value * 1000); });
  ranked.sort((a, b) => b.value - a.value || a.order - b.order);
  // A result answers at least half of the query's words; below that it is only a suggestion.
  const strong = ranked.filter((r) => r.covered >= 0.5 && r.value >= 300);
  const suggestions = strong.length ? [] : ranked.filter((r) => r.covered > 0).slice(0, 3).map((r) => r.data);
  return { results: strong.slice(0, limit).map((r) => r.data), suggestions };
}

// A listbox option holds text, not a link (interactive controls must not nest); it is opened by
// click or Enter. On the search page each result is an ordinary link.
function resultItem(data, id, option) {
  const li = document.createElement("li");
  li.id = id;
  li.className = "ck-result";
  const body = document.createElement(option ? "div" : "a");
  body.className = "ck-result__body";
  if (option) {
    li.setAttribute("role", "option");
    li.dataset.href = data.url;
    li.addEventListener("click", () => { location.href = data.url; });
  } else {
    body.href = data.url;
  }
  const title = document.createElement("span");
  title.className = "ck-result__title";
  title.textContent = data.meta.title;
  const info = document.createElement("span");
  info.className = "ck-result__info";
  const kind = document.createElement("span");
  kind.className = `ck-result__kind ck-result__kind--${data.kind || "thutuc"}`;
  kind.textContent = KINDS[data.kind || "thutuc"];
  const facts = [data.meta.code, data.meta.field, data.meta.level, data.meta.time, data.meta.fee].filter(Boolean).join(" · ");
  info.append(kind, facts ? " · " + facts : "");
  body.append(title, info);
  li.append(body);
  return li;
}

// In the header's listbox each result is an option; on the search page, a plain list of links.
export function renderResults(list, results, prefix) {
  const options = list.getAttribute("role") === "listbox";
  list.replaceChildren(...results.map((data, i) => resultItem(data, `${prefix}-${i}`, options)));
}

function link(path, text) {
  const a = document.createElement("a");
  a.href = new URL(path, root).href;
  a.textContent = text;
  return a;
}

/* What a search that found nothing shows, in the box and on the page: the closest suggestions
   ("Có phải bạn muốn tìm …") and the ways on (the A–Z list, the fields, feedback). */
export function renderEmpty(box, suggestions) {
  const head = document.createElement("p");
  head.className = "ck-search-empty__head";
  head.textContent = "Không tìm thấy kết quả phù hợp.";
  const parts = [head];
  if (suggestions.length) {
    const ask = document.createElement("p");
    ask.append("Có phải bạn muốn tìm: ");
    suggestions.forEach((data, i) => {
      const a = document.createElement("a");
      a.href = data.url;
      a.textContent = data.meta.title;
      ask.append(i ? "; " : "", a);
    });
    ask.append("?");
    parts.push(ask);
  }
  const ways = document.createElement("p");
  ways.append("Thử gõ ít từ hơn, hoặc xem ", link(URLS.procedures, "danh sách thủ tục từ A đến Z"), ", ",
    link(URLS.sectors, "thủ tục theo lĩnh vực"), "; không thấy thủ tục cần tìm? ", link(URLS.feedback, "Gửi phản ánh, kiến nghị"), ".");
  parts.push(ways);
  box.replaceChildren(...parts);
  box.hidden = false;
}

// The header box: a combobox with a listbox of results as you type.
function setUpHeaderSearch() {
  const form = document.querySelector("form.ck-search");
  if (!form) return;
  const input = form.querySelector("input");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector(".ck-search__status");
  // The zero-result message sits beside the listbox (a listbox holds only options).
  const empty = document.createElement("div");
  empty.className = "ck-search-empty ck-search__empty";
  empty.hidden = true;
  list.after(empty);
  let active = -1;
  let timer = 0;
  let serial = 0;

  function open() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function close() {
    list.hidden = true;
    empty.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function highlight(index) {
    const items = list.querySelectorAll("[role=option]");
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  async function run() {
    // While typing, a last word of one letter would make Pagefind fetch every index chunk of
    // words starting with that letter; wait for the second letter.
    const query = input.value.trim().replace(/\s+\S$/u, "");
    const mine = ++serial;
    if (query.length < 2) { close(); status.textContent = ""; return; }
    const { results, suggestions } = await search(query);
    if (mine !== serial) return;
    renderResults(list, results, "ck-search-result");
    if (results.length) { open(); empty.hidden = true; }
    else { close(); renderEmpty(empty, suggestions); }
    status.textContent = results.length ? `${results.length} kết quả; dùng phím mũi tên để chọn.` : "Không tìm thấy kết quả phù hợp.";
    highlight(-1);
    document.dispatchEvent(new CustomEvent("ck:results", { detail: { query, count: results.length } }));
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 80); });
  input.addEventListener("focus", () => { pagefind(); });
  input.addEventListener("keydown", (event) => {
    const items = list.querySelectorAll("[role=option]");
    if (event.key === "ArrowDown" && items.length) { event.preventDefault(); open(); highlight((active + 1) % items.length); }
    else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0 && items[active]) { event.preventDefault(); location.href = items[active].dataset.href; }
  });
  list.addEventListener("mousedown", (event) => event.preventDefault());
  document.addEventListener("click", (event) => { if (!form.contains(event.target)) close(); });
  // With JavaScript, submitting opens the search page (without it, the form goes to the A–Z list).
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.href = new URL(`${URLS.search}?q=${encodeURIComponent(input.value.trim())}`, root).href;
  });
  // Keyboard shortcut, as in the theme: "/" or "s" focuses the search box.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    // Not while a form control has focus: a letter there chooses an option or types text.
    const typing = target instanceof Element && (target.closest("input, textarea, select, [contenteditable]") !== null || target.isContentEditable);
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  // The home page's big box feeds the same search.
  const home = document.querySelector("form.ck-home-search");
  if (home) {
    home.addEventListener("submit", (event) => {
      event.preventDefault();
      location.href = new URL(`${URLS.search}?q=${encodeURIComponent(home.querySelector("input").value.trim())}`, root).href;
    });
  }
}

// The search page: query, filters, results.
async function setUpSearchPage() {
  const page = document.querySelector("form.ck-search-page");
  if (!page) return;
  page.hidden = false;
  const input = page.querySelector("input[type=search]");
  const list = document.getElementById("ck-search-page-results");
  const status = document.getElementById("ck-search-page-status");
  const selects = page.querySelectorAll("select[data-filter]");
  const empty = document.createElement("div");
  empty.className = "ck-search-empty";
  empty.hidden = true;
  list.after(empty);
  let serial = 0;
  async function run() {
    const mine = ++serial;
    const query = input.value.trim();
    const tokens = [...selects].map((select) => select.value).filter(Boolean);
    if (!query && !tokens.length) { list.replaceChildren(); empty.hidden = true; status.textContent = ""; return; }
    const { results, suggestions } = await search(query, tokens, 30);
    if (mine !== serial) return;
    renderResults(list, results, "ck-page-result");
    if (results.length) empty.hidden = true;
    else renderEmpty(empty, suggestions);
    status.textContent = results.length ? `${results.length} kết quả phù hợp.` : "Không tìm thấy kết quả phù hợp.";
    const url = new URL(location.href);
    url.searchParams.set("q", query);
    history.replaceState(null, "", url);
  }
  const q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 80); });
  selects.forEach((select) => select.addEventListener("change", run));
  page.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  run();
}

setUpHeaderSearch();
setUpSearchPage();
