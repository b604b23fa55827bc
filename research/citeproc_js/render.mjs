// citeproc-js (the CSL reference processor behind Zotero and Mendeley) as a batch filter.
//
// Reads one JSON request on stdin, writes one JSON answer on stdout, and exits: Django runs it
// when references are saved (research/engines.py), never while a page is served, so the site
// renders from the stored citations whether or not Node is there.
//
// Request:  {"locales": DIR, "jobs": [{"style": PATH, "lang": "en-US", "items": [CSL-JSON...]}]}
//           items of one job are rendered one at a time (a single-entry bibliography each).
// Answer:   {"version": "...", "results": [[{"entry": HTML, "citation": HTML} | {"error": "..."}]]}
//
// Fixture mode (bench/csl_suite.py): {"fixtures": [{"csl": XML, "mode": "...", "items": [...]}]}
// answers {"results": [TEXT | {"error": "..."}]} the way the CSL test-suite states its RESULT.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");
const VERSION = require("citeproc/package.json").version;

function localeReader(dir) {
  const cache = new Map();
  return (lang) => {
    if (cache.has(lang)) return cache.get(lang);
    const candidates = [lang, lang.split("-")[0], "en-US"];
    let xml = null;
    for (const code of candidates) {
      try {
        xml = readFileSync(path.join(dir, `locales-${code}.xml`), "utf8");
        break;
      } catch {
        // try the next, shorter code
      }
    }
    cache.set(lang, xml);
    return xml;
  };
}

function engineFor(styleXml, lang, items, retrieveLocale) {
  const byId = new Map(items.map((item) => [String(item.id), item]));
  const sys = {
    retrieveLocale,
    retrieveItem: (id) => byId.get(String(id)),
  };
  // Forced: the caller picks the locale per style (Cite Them Right is British English).
  return new CSL.Engine(sys, styleXml, lang, true);
}

// A numbered style puts the number in its own block; a single entry shown alone has none.
function entryHtml(raw) {
  const right = raw.match(/<div class="csl-right-inline">([\s\S]*?)<\/div>/);
  if (right) return right[1].trim();
  return raw
    .replace(/^\s*<div class="csl-entry">/, "")
    .replace(/<\/div>\s*$/, "")
    .trim();
}

function renderJob(job, retrieveLocale) {
  // One engine per style and language (parsing a style is the slow part); the registry is
  // reset for every item, so each entry is rendered alone, as on its own page.
  const styleXml = readFileSync(job.style, "utf8");
  const engine = engineFor(styleXml, job.lang, job.items, retrieveLocale);
  return job.items.map((item) => {
    try {
      engine.updateItems([String(item.id)]);
      const bib = engine.makeBibliography();
      const entry = bib ? entryHtml(bib[1].join("")) : "";
      const citation = engine.makeCitationCluster([{ id: String(item.id) }]);
      return { entry, citation };
    } catch (error) {
      return { error: String(error && error.message ? error.message : error) };
    }
  });
}

function runFixture(fixture, retrieveLocale) {
  try {
    const items = fixture.items.map((item, i) => ({ ...item, id: String(item.id ?? `ITEM-${i + 1}`) }));
    const engine = engineFor(fixture.csl, "en-US", items, retrieveLocale);
    const ids = items.map((item) => item.id);
    if (fixture.mode === "citation") {
      engine.updateItems(ids);
      return engine.makeCitationCluster(ids.map((id) => ({ id })));
    }
    engine.updateItems(ids, fixture.mode === "bibliography-nosort");
    const bib = engine.makeBibliography();
    if (!bib) return "";
    if (fixture.mode === "bibliography-header") {
      const params = bib[0];
      const keys = Object.keys(params).filter((key) => !["bibstart", "bibend", "entry_ids", "done"].includes(key));
      return keys.map((key) => `${key}: ${params[key]}`).join("\n");
    }
    return bib[0].bibstart + bib[1].join("") + bib[0].bibend;
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
}

const request = JSON.parse(readFileSync(0, "utf8"));
const retrieveLocale = localeReader(request.locales);
let answer;
if (request.fixtures) {
  answer = { version: VERSION, results: request.fixtures.map((f) => runFixture(f, retrieveLocale)) };
} else {
  answer = { version: VERSION, results: request.jobs.map((job) => renderJob(job, retrieveLocale)) };
}
process.stdout.write(JSON.stringify(answer));
