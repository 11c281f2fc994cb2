// MathJax 3 configuration, added only to pages with formulas (hooks/vendor_assets.py),
// at the end of <body>, so the page can be inspected here.
//
// Article pages: Arithmatex wraps each formula in .arithmatex as \( \) or \[ \];
// everything else is ignored.
// The notebook page: Jupyter Markdown keeps $ and $$ delimiters inside
// .jupyter-wrapper, nested in elements of their own, so the whole wrapper is
// processed (code is skipped: MathJax never looks inside <pre> or <code>).
(function () {
  const notebook = document.querySelector(".jupyter-wrapper") !== null;
  window.MathJax = {
    tex: {
      inlineMath: notebook ? [["$", "$"], ["\\(", "\\)"]] : [["\\(", "\\)"]],
      displayMath: notebook ? [["$$", "$$"], ["\\[", "\\]"]] : [["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    },
    options: notebook
      ? { ignoreHtmlClass: "md-header|md-sidebar|md-footer|md-search", processHtmlClass: "jupyter-wrapper" }
      : { ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex" },
  };
})();
