// TeX -> SVG with MathJax 3 (mathjax-full from npm), for article_md.math.
//
// One process serves a whole build: it reads one JSON request per line on stdin,
// {"tex": "...", "display": true}, and writes one JSON line per request on stdout,
// {"html": "<mjx-container ...>"} or {"error": "..."}. A request with "css": true
// answers {"css": "..."}, the stylesheet the output needs.
//
// Output is SVG and assistive MathML for screen readers. Each glyph is a path of its
// formula's own (fontCache "none"), not a <use> of an outline defined once per page:
// the browser builds an instance for every <use>, and on the classifier page that
// was about 0.2 s of main-thread work with the CPU slowed 4x.
"use strict";

const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({ packages: AllPackages.filter((name) => name !== "bussproofs"), formatError: (jax, err) => { throw err; } });
const svg = new SVG({ fontCache: "none" });
const document = mathjax.document("", { InputJax: tex, OutputJax: svg });

function answer(request) {
  if (request.css) {
    return { css: adaptor.textContent(svg.styleSheet(document)) };
  }
  const node = document.convert(request.tex, { display: Boolean(request.display), em: 16, ex: 8, containerWidth: 1280 });
  return { html: adaptor.outerHTML(node) };
}

require("./json_lines.js").serve(answer);
