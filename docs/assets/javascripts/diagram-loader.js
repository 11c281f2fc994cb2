// Mermaid on demand, from this site (never a CDN), when a diagram comes near the screen.
//
// Material's bundle (MkDocs and Zensical alike) draws `.mermaid` blocks with
// window.mermaid when it is defined, and otherwise fetches Mermaid from
// unpkg.com. This stand-in is on every page (mkdocs.yml: extra_javascript, and
// mermaid2's `javascript`), so that never happens, also after instant
// navigation. A diagram is drawn only when it comes within a screen's height of
// the viewport: the site's own Mermaid (2.6 MB) is fetched then, and replaces the
// stand-in. Drawing below the screen keeps the page from moving under the reader.
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

  function nearScreen(text) {
    const block = [...document.querySelectorAll(".mermaid")]
      .find((element) => !element.shadowRoot && element.textContent === text);
    if (!block || !("IntersectionObserver" in window)) return Promise.resolve();
    return new Promise((resolve) => {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          resolve();
        }
      }, { rootMargin: `0px 0px ${window.innerHeight}px 0px` });
      observer.observe(block);
    });
  }

  window.mermaid = {
    initialize(options) { config = options; },
    async render(id, text) {
      await nearScreen(text);
      await load();
      return window.mermaid.render(id, text);
    },
  };
})();
