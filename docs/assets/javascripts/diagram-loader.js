// Mermaid on demand, from this site (never a CDN), when a diagram is about to be seen.
//
// Material's bundle (MkDocs and Zensical alike) draws `.mermaid` blocks with
// window.mermaid when it is defined, and otherwise fetches Mermaid from
// unpkg.com. This stand-in is on every page (mkdocs.yml: extra_javascript, and
// mermaid2's `javascript`), so that never happens, also after instant
// navigation. The site's own Mermaid (3.6 MB, 1 MB compressed) is fetched, and replaces the
// stand-in, only for a diagram that is on screen, or within a screen's height
// of it once the reader starts to scroll or tap: a reader who never goes near
// the diagram never pays for it, and one who does gets it drawn just below the
// screen, before it comes into view, so the page does not move under them.
//
// Mermaid fits a diagram to the width of the text column. On a phone that can make
// its labels unreadably small: the overview on 02-concepts is 854 px wide, so at
// 360 px its 16 px labels came out at 6 px. So each diagram gets a smallest width,
// a fraction of its own (--diagram-least, which extra.css sets on phones only):
// a diagram wider than the screen at that scale scrolls sideways inside its own
// box, never the page, and is focusable so that the keyboard can scroll it too.
(function () {
  if (window.mermaid) return;
  const src = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  let config = { startOnLoad: false };
  let loading = null;

  function legible(result) {
    result.svg = result.svg.replace(/^<svg\b[^>]*>/, (tag) => {
      const box = /\bviewBox="[-\d.]+ [-\d.]+ ([\d.]+) /.exec(tag);
      if (!box) return tag;
      const least = `min-width: calc(var(--diagram-least, 0) * ${box[1]}px);`;
      tag = tag.includes(' style="') ? tag.replace(' style="', ` style="${least} `)
        : tag.replace("<svg", `<svg style="${least}"`);
      return tag.replace("<svg", '<svg tabindex="0"');
    });
    return result;
  }

  function load() {
    loading = loading || new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(script);
    }).then(() => {
      const render = window.mermaid.render.bind(window.mermaid);
      window.mermaid.render = async (id, text) => legible(await render(id, text));
      window.mermaid.initialize(config);
    });
    return loading;
  }

  const interacted = new Promise((resolve) => {
    for (const type of ["scroll", "touchstart", "pointerdown", "keydown", "wheel"]) {
      window.addEventListener(type, resolve, { once: true, passive: true });
    }
  });

  function within(block, margin) {
    return new Promise((resolve) => {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          resolve();
        }
      }, { rootMargin: `0px 0px ${margin}px 0px` });
      observer.observe(block);
    });
  }

  function aboutToBeSeen(text) {
    const block = [...document.querySelectorAll(".mermaid")]
      .find((element) => !element.shadowRoot && element.textContent === text);
    if (!block || !("IntersectionObserver" in window)) return Promise.resolve();
    const near = Promise.all([interacted, within(block, window.innerHeight)]);
    return Promise.race([within(block, 0), near]);
  }

  window.mermaid = {
    initialize(options) { config = options; },
    async render(id, text) {
      await aboutToBeSeen(text);
      await load();
      return window.mermaid.render(id, text);
    },
  };
})();
