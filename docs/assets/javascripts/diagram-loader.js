// Mermaid on demand, from this site (never a CDN), after any navigation.
//
// Material's bundle (MkDocs and Zensical alike) draws `.mermaid` blocks with
// window.mermaid when it is defined, and otherwise fetches Mermaid from
// unpkg.com. This stand-in is on every page (mkdocs.yml, extra_javascript): the
// first diagram shown loads the site's own copy, which then replaces it. Where
// the page already loaded Mermaid (MkDocs' mermaid2 plugin), it does nothing.
(function () {
  if (window.mermaid) return;
  const src = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  let config = { startOnLoad: false };
  let loading = null;

  function load() {
    loading = loading || new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(script);
    }).then(() => window.mermaid.initialize(config));
    return loading;
  }

  window.mermaid = {
    initialize(options) { config = options; },
    async render(id, text) {
      await load();
      return window.mermaid.render(id, text);
    },
  };
})();
