// Loads MathJax 3 (served by this site) the first time a page with formulas is shown,
// and typesets the formulas of every such page, also after Material's instant navigation.
//
// hooks/vendor_assets.py adds this script only to pages with formulas, inside
// Material's container, whose scripts Material re-runs after each instant navigation.
// Only formula elements are typeset: Arithmatex's .arithmatex (\( \) and \[ \]) and the
// notebook's Markdown cells, which keep Jupyter's $ and $$ delimiters.
(function () {
  const FORMULAS = ".arithmatex, .jupyter-wrapper .jp-RenderedMarkdown";

  function typesetPage() {
    const elements = [...document.querySelectorAll(FORMULAS)];
    MathJax.typesetClear();
    return MathJax.typesetPromise(elements);
  }

  if (window.MathJax && window.MathJax.typesetPromise) {
    window.MathJax.startup.promise = window.MathJax.startup.promise.then(typesetPage);
    return;
  }
  if (window.MathJax) return; // still loading: its pageReady typesets this page

  window.MathJax = {
    tex: {
      inlineMath: [["\\(", "\\)"], ["$", "$"]],
      displayMath: [["\\[", "\\]"], ["$$", "$$"]],
      processEscapes: true,
      processEnvironments: true,
    },
    startup: {
      typeset: false,
      pageReady: () => MathJax.startup.defaultPageReady().then(typesetPage),
    },
  };
  const script = document.createElement("script");
  script.src = document.currentScript.dataset.mathjax;
  script.async = true;
  script.id = "MathJax-script";
  document.head.appendChild(script);
})();
