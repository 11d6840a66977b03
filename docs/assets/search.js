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

// Everyday words that carry no meaning in a query ("làm giấy khai sinh cho con").
const FILLER = new Set(["lam", "xin", "cho", "cua", "va", "o", "tai", "the", "nao", "thu", "tuc", "muon", "can", "toi", "em", "minh", "nhu", "gi", "de", "khi", "bi", "duoc", "ve", "voi"]);

function clean(text) {
  return fold(text).replace(/[^\p{L}\p{N}.\s]/gu, " ").replace(/\s+/g, " ").trim();
}

function variants(query) {
  const folded = clean(query);
  const out = [folded];
  const code = folded.match(/\b\d\.\d{6}\b/);
  if (code) out.unshift(code[0]);
  const meaningful = folded.split(" ").filter((w) => !FILLER.has(w));
  if (meaningful.length && meaningful.join(" ") !== folded) out.push(meaningful.join(" "));
  // Long queries: also each pair of neighbouring words, so one unknown word does not empty the list.
  if (meaningful.length > 2) {
    for (let i = 0; i + 1 < meaningful.length; i += 1) out.push(meaningful[i] + " " + meaningful[i + 1]);
  }
  return [...new Set(out.filter(Boolean))];
}

/* Search: folded query first, then fallbacks; results merged in order of first appearance,
   accented queries lifting exact accented title matches to the top. */
/* `tokens` are filter words (generator/pages.py filter_token): every result must have them. */
export async function search(query, tokens = [], limit = 8) {
  const pf = await pagefind();
  const ranked = new Map();
  const suffix = tokens.length ? " " + tokens.join(" ") : "";
  const tries = query.trim() ? variants(query).map((v) => v + suffix) : [tokens.join(" ")];
  for (const [index, variant] of tries.entries()) {
    const found = await pf.search(variant);
    if (!found) continue; // superseded by a newer search
    found.results.forEach((result, position) => {
      const score = (10 - Math.min(index, 9)) * 1000 + result.score * 10 - position;
      const known = ranked.get(result.id);
      if (!known || known.score < score) ranked.set(result.id, { result, score });
    });
    if (index === 0 && ranked.size >= limit) break;
  }
  // Pagefind ranks words one by one; re-rank its best candidates by how the whole query reads
  // in the name and keywords (phrase, all words, a shorter name), as a citizen would judge.
  const top = [...ranked.values()].sort((a, b) => b.score - a.score).slice(0, Math.max(limit + 4, 12));
  const data = await Promise.all(top.map(async (entry) => ({ entry, data: await entry.result.data() })));
  const phrase = clean(query);
  const words = phrase.split(" ").filter((w) => w && !FILLER.has(w));
  const accented = fold(query) !== query.toLowerCase();
  const exact = query.toLowerCase().normalize("NFC").trim();
  data.forEach((item) => {
    const title = clean(item.data.meta.title || "");
    const titleWords = new Set(title.split(" "));
    const content = " " + clean((item.data.meta.keywords || "") + " " + (item.data.content || "")) + " ";
    let bonus = 0;
    if (title === phrase) bonus += 80000;
    else if (title.startsWith(phrase + " ")) bonus += 60000;
    else if ((" " + title + " ").includes(" " + phrase + " ")) bonus += 50000;
    else if (content.includes(" " + phrase + " ")) bonus += 30000;
    if (words.length && words.every((w) => titleWords.has(w))) bonus += 20000;
    else if (words.length && words.every((w) => content.includes(" " + w + " "))) bonus += 8000;
    if (accented && (item.data.meta.title || "").toLowerCase().includes(exact)) bonus += 100000;
    item.entry.score += bonus - title.length * 20;
  });
  data.sort((a, b) => b.entry.score - a.entry.score);
  return data.slice(0, limit).map((item) => item.data);
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
  info.textContent = [data.meta.code, data.meta.field, data.meta.level, data.meta.time, data.meta.fee].filter(Boolean).join(" · ");
  body.append(title, info);
  li.append(body);
  return li;
}

// In the header's listbox each result is an option; on the search page, a plain list of links.
export function renderResults(list, results, prefix) {
  const options = list.getAttribute("role") === "listbox";
  list.replaceChildren(...results.map((data, i) => resultItem(data, `${prefix}-${i}`, options)));
}

// The header box: a combobox with a listbox of results as you type.
function setUpHeaderSearch() {
  const form = document.querySelector("form.ck-search");
  if (!form) return;
  const input = form.querySelector("input");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector(".ck-search__status");
  let active = -1;
  let timer = 0;
  let serial = 0;

  function close() {
    list.hidden = true;
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
    const results = await search(query);
    if (mine !== serial) return;
    renderResults(list, results, "ck-search-result");
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", String(results.length > 0));
    status.textContent = results.length ? `${results.length} kết quả; dùng phím mũi tên để chọn.` : "Không tìm thấy thủ tục phù hợp.";
    highlight(-1);
    document.dispatchEvent(new CustomEvent("ck:results", { detail: { query, count: results.length } }));
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 80); });
  input.addEventListener("focus", () => { pagefind(); });
  input.addEventListener("keydown", (event) => {
    const items = list.querySelectorAll("[role=option]");
    if (event.key === "ArrowDown" && items.length) { event.preventDefault(); highlight((active + 1) % items.length); list.hidden = false; }
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
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
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
  let serial = 0;
  async function run() {
    const mine = ++serial;
    const query = input.value.trim();
    const tokens = [...selects].map((select) => select.value).filter(Boolean);
    if (!query && !tokens.length) { list.replaceChildren(); status.textContent = ""; return; }
    const results = await search(query, tokens, 30);
    if (mine !== serial) return;
    renderResults(list, results, "ck-page-result");
    status.textContent = results.length ? `${results.length} thủ tục phù hợp.` : "Không tìm thấy thủ tục phù hợp. Thử gõ ít từ hơn, hoặc xem danh sách từ A đến Z.";
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
