// The search box of tools/pagefind_eval.py: Pagefind's JavaScript API behind a plain input, as the
// site's own search could be on either engine. Nothing is fetched until the box is used (focus or a
// key); results are drawn as text (a title, a link, an excerpt whose only markup is <mark>); a
// result's link is the page's own address: the words typed never go into it.
const box = document.getElementById("pf-q");
const list = document.getElementById("pf-results");
const count = document.getElementById("pf-count");
const settings = JSON.parse(document.getElementById("pf-settings").textContent);
const shown = 10;

let loading = null;
let latest = 0;
window.__pf = { sent: 0, done: 0, ready: false };

function load() {
  if (!loading) {
    loading = import(new URL(settings.bundle + "pagefind.js", document.baseURI).href).then(async (pagefind) => {
      await pagefind.options(settings.options);
      await pagefind.init();
      window.__pf.ready = true;
      return pagefind;
    });
  }
  return loading;
}

// "đ" is a letter of its own for Pagefind (it folds tones and marks, not đ): a word typed with a
// plain "d" first is also searched with "đ" ("dieu" -> "đieu", which finds "điều"). Vietnamese
// has đ only at the start of a syllable; at most three such words are varied (eight searches).
function spellings(query) {
  let out = [[]];
  let varied = 0;
  for (const word of query.split(/\s+/).filter(Boolean)) {
    const forms = settings.expandD && /^d/i.test(word) && varied++ < 3 ? [word, "đ" + word.slice(1)] : [word];
    out = out.flatMap((words) => forms.map((form) => [...words, form]));
  }
  return out.map((words) => words.join(" "));
}

async function searchAll(pagefind, query) {
  const best = new Map();
  for (const spelling of spellings(query)) {
    for (const result of (await pagefind.search(spelling)).results) {
      const had = best.get(result.id);
      if (!had || result.score > had.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

// Pagefind finds what has every word typed (each as the start of a word). A question as people
// type it ("ngân hàng chính sách xã hội ở đâu") has words no page has, so when the whole query
// finds fewer than a screen of results, what has all words but one follows, best first.
async function find(pagefind, query) {
  const whole = await searchAll(pagefind, query);
  const words = query.split(/\s+/).filter(Boolean);
  if (!settings.relax || whole.length >= shown || words.length < 2) return whole;
  const seen = new Set(whole.map((r) => r.id));
  const more = [];
  for (let i = 0; i < words.length; i++) {
    for (const result of await searchAll(pagefind, words.filter((_, j) => j !== i).join(" "))) {
      if (!seen.has(result.id)) {
        seen.add(result.id);
        more.push(result);
      }
    }
  }
  more.sort((a, b) => b.score - a.score);
  return whole.concat(more);
}

// Words side by side count: Pagefind matches each word as the start of any word ("ho" starts "hồ",
// "hộ", "học"...), so for each two adjacent words typed, what has them side by side (Pagefind's
// quoted search, diacritics folded) gets its score raised (`pairWeight` per pair).
async function withPairs(pagefind, query, results) {
  const words = query.split(/\s+/).filter(Boolean);
  if (!settings.pairWeight || words.length < 2) return results;
  const pairs = new Map();
  for (let i = 0; i + 1 < words.length; i++) {
    const found = new Set();
    for (const spelling of spellings(`${words[i]} ${words[i + 1]}`)) {
      for (const result of (await pagefind.search(`"${spelling}"`)).results) found.add(result.id);
    }
    for (const id of found) pairs.set(id, (pairs.get(id) || 0) + 1);
  }
  const boosted = results.map((r) => ({ result: r, score: r.score * (1 + settings.pairWeight * (pairs.get(r.id) || 0)) }));
  boosted.sort((a, b) => b.score - a.score);
  return boosted.map((b) => b.result);
}

// Pagefind's excerpt is text with its HTML special characters escaped, plus <mark> around the words
// found. It is parsed into an inert document (nothing runs there) and only its text and its marks
// are copied: anything else in it shows as text.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html").body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

// Only the site's own pages: never another scheme or host.
function sameSite(url) {
  const resolved = new URL(url, document.baseURI);
  return resolved.origin === location.origin ? resolved : null;
}

function link(href, words) {
  const a = document.createElement("a");
  if (href) a.href = href.href;
  a.textContent = words;
  return a;
}

// Results in order, grouped by page (a section result under its page), at most `shown` pages.
async function pagesOf(results) {
  const pages = new Map();
  for (const result of results.slice(0, 4 * shown)) {
    const data = await result.data();
    const href = sameSite(data.url);
    if (!href) continue;
    const page = href.origin + href.pathname + href.search;
    if (!pages.has(page)) {
      if (pages.size >= shown) break;
      const pageHref = new URL(page);
      pages.set(page, { href: pageHref, title: data.meta.page || data.meta.title, sections: [] });
    }
    pages.get(page).sections.push({ href, title: data.meta.title, excerpt: data.excerpt, whole: !href.hash });
  }
  return [...pages.values()];
}

function item(page) {
  const li = document.createElement("li");
  li.append(link(page.href, page.title));
  const first = page.sections[0];
  const text = document.createElement("p");
  text.append(...excerptNodes(first.excerpt));
  li.append(text);
  const more = page.sections.filter((s) => !s.whole);
  if (more.length) {
    const sub = document.createElement("ul");
    for (const section of more.slice(0, 3)) {
      const entry = document.createElement("li");
      entry.append(link(section.href, section.title));
      sub.append(entry);
    }
    li.append(sub);
  }
  return li;
}

async function run() {
  const mine = ++latest;
  window.__pf.sent = mine;
  const pagefind = await load();
  const query = box.value.trim();
  const found = query ? await withPairs(pagefind, query, await find(pagefind, query)) : [];
  if (mine !== latest) return;
  const pages = await pagesOf(found);
  if (mine !== latest) return;
  list.replaceChildren(...pages.map(item));
  count.textContent = query ? String(pages.length) : "";
  window.__pf.done = mine;
}

box.addEventListener("focus", load, { once: true });
box.addEventListener("input", run);
