// References formatted with citeproc-js (npm "citeproc"), for article_md/citeproc.py.
//
// One process serves a whole build: it reads one JSON request per line on stdin and
// writes one JSON line per request on stdout:
//   {"style": "<path of a .csl file>", "locale": "zh-CN", "items": [<CSL-JSON>, ...],
//    "item_locales": ["en"]}
//   -> {"entries": [{"id": "...", "html": "...", "text": "..."}, ...]} or {"error": "..."}
// Entries come in the order of "items" (numbered 1, 2, ... in that order); "html" and
// "text" are the entry without its number. Locales are the files locales-<lang>.xml
// beside the style. "item_locales" adds, for each language given, a copy of the
// style's bibliography layout marked <layout locale="..."> (CSL-M, which citeproc-js
// reads): items whose "language" is that language then take its terms ("et al."
// rather than "等" in GB/T 7714).
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function styleText(file, itemLocales) {
  let xml = fs.readFileSync(file, "utf8");
  if (!itemLocales || !itemLocales.length) {
    return xml;
  }
  const bibliography = /(<bibliography\b[^>]*>[\s\S]*?)(<layout\b)([^>]*>[\s\S]*?<\/layout>)/;
  const match = bibliography.exec(xml);
  if (!match) {
    throw new Error(`${file}: no bibliography layout to copy for item_locales`);
  }
  const copies = itemLocales.map((lang) => `${match[2]} locale="${lang}"${match[3]}\n    `).join("");
  return xml.replace(bibliography, `${match[1]}${copies}${match[2]}${match[3]}`);
}

function format(request, output) {
  const folder = path.dirname(request.style);
  const items = Object.fromEntries(request.items.map((item) => [item.id, item]));
  const sys = {
    retrieveItem: (id) => items[id],
    retrieveLocale: (lang) => {
      const file = path.join(folder, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
  };
  const engine = new CSL.Engine(sys, styleText(request.style, request.item_locales), request.locale, true);
  engine.setOutputFormat(output);
  engine.opt.development_extensions.wrap_url_and_doi = output === "html";
  engine.updateItems(request.items.map((item) => item.id));
  const [meta, entries] = engine.makeBibliography();
  const body = (entry) => {
    const right = /<div class="csl-right-inline">([\s\S]*?)<\/div>\s*<\/div>\s*$/.exec(entry);
    if (right) return right[1].trim();
    // text output: "[1]entry" or "[1] entry"
    return entry.replace(/^\s*\[\d+\]\s*/, "").trim();
  };
  return meta.entry_ids.map((ids, index) => ({ id: ids[0], entry: body(entries[index]) }));
}

function answer(request) {
  const html = format(request, "html");
  const text = format(request, "text");
  return { entries: html.map((one, index) => ({ id: one.id, html: one.entry, text: text[index].entry })) };
}

require("./json_lines.js").serve(answer);
