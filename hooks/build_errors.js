// `mkdocs serve` only: hooks/build_errors.py adds this to every page the server
// sends (never to the built site), as `(this function)(options)`, options being
// { endpoint, words: { language: { title, hint } } }.
//
// While the last rebuild failed, a panel fixed at the bottom of the page shows its
// one-line message. The panel goes into a live region (role="alert") that is on the
// page from the start, so screen readers read it out when it appears. The message
// comes from a request the server holds until it changes (as MkDocs' own live-reload
// request does), asked again at once after each answer, and not while the tab is
// hidden. When a rebuild succeeds, MkDocs' live-reload script reloads the page.
(options) => {
  const words = options.words[document.documentElement.lang] || options.words.en;
  const style = document.createElement("style");
  style.textContent = `
    .build-errors__panel {
      position: fixed; left: .6rem; right: .6rem; bottom: .6rem; z-index: 1000;
      max-width: 40rem; margin: 0 auto; padding: .6rem .8rem;
      border-left: .3rem solid #ff1744; border-radius: .2rem;
      background: var(--md-default-bg-color, Canvas);
      background: color-mix(in srgb, #ff1744 12%, var(--md-default-bg-color, Canvas));
      color: var(--md-typeset-color, CanvasText);
      box-shadow: var(--md-shadow-z3, 0 .2rem .5rem #0003);
      font: .8rem/1.5 var(--md-text-font-family, system-ui, sans-serif);
    }
    .build-errors__panel p { margin: 0 0 .3rem; }
    .build-errors__panel p:last-child { margin: 0; font-size: .7rem; }
    .build-errors__panel code {
      font-family: var(--md-code-font-family, monospace); overflow-wrap: anywhere;
    }`;
  const region = document.createElement("div");
  region.setAttribute("role", "alert");
  region.className = "build-errors";
  document.head.append(style);
  document.body.append(region);

  const show = (message) => {
    if (!message) {
      region.replaceChildren();
      return;
    }
    const panel = document.createElement("div");
    panel.className = "build-errors__panel";
    const [title, text, hint] = ["strong", "code", "span"].map((tag) => {
      const paragraph = panel.appendChild(document.createElement("p"));
      return paragraph.appendChild(document.createElement(tag));
    });
    title.textContent = words.title;
    text.textContent = message;
    hint.textContent = words.hint;
    region.replaceChildren(panel);
  };

  let version = "-1"; // none yet: the first answer comes at once
  let controller = null;
  const poll = async () => {
    if (controller) return;
    controller = new AbortController();
    const { signal } = controller;
    while (!signal.aborted) {
      try {
        const response = await fetch(options.endpoint + version, { signal, cache: "no-store" });
        const state = await response.json();
        if (String(state.version) !== version) {
          version = String(state.version);
          show(state.message);
        }
      } catch {
        // The server is restarting or gone: ask again in a while.
        if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
  };
  const stop = () => {
    if (controller) controller.abort();
    controller = null;
  };
  document.addEventListener("visibilitychange", () => (document.hidden ? stop() : poll()));
  if (!document.hidden) poll();
}
