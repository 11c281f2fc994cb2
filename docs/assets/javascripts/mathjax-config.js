// MathJax 3 configuration, loaded only on pages with formulas (hooks/vendor_assets.py).
// Arithmatex wraps page formulas in .arithmatex as \( \) and \[ \]; notebook
// Markdown cells (.jupyter-wrapper) keep Jupyter's $ and $$ delimiters.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex|jupyter-wrapper",
  },
};
