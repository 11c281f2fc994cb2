// Material's start-up requests that only matter once the reader does something.
//
// As a page loads, Material asks (XMLHttpRequest) for
// * search/search_index.json: the largest file of a text page (about a fifth of
//   its first load) and growing with the site, while most readers never search;
// * sitemap.xml, once for instant navigation and once per edition for the
//   language selector: three requests, each parsed as XML on the page's main
//   thread, in the long task in which Material starts.
// It also starts its search worker, a thread that fetches and compiles lunr
// while the page loads, although Material sends it nothing before the index
// has come. A stand-in takes the worker's place and starts it when the search
// index is released, or at Material's first message to it.
// This runs before Material's bundle (overrides/main.html) and holds those
// requests: the search index until the search box gets focus (a click on the
// search icon, or Material's keys f, s and /), or at once for a page opened from
// a search link (?q=); the sitemaps until the reader first moves the pointer,
// touches, scrolls or presses a key, which comes before any click on a link.
// A click that comes first is an ordinary page load: Material intercepts a link
// for instant navigation only once it has the sitemap, and the language
// selector's links lead to the page's twin in either case.
// The offline copy (file://) loads its index and runs its search differently and
// has no instant navigation; nothing is held there.
(function () {
  if (location.protocol === "file:") return;
  const KINDS = { search: /\/search\/search_index\.json$/, sitemap: /\/sitemap\.xml$/ };
  const held = { search: [], sitemap: [] };
  const wanted = { search: /[?&]q=/.test(location.search), sitemap: false };
  const { open, send, abort } = XMLHttpRequest.prototype;

  XMLHttpRequest.prototype.open = function (method, url) {
    const path = new URL(url, location.href).pathname;
    this.onDemand = Object.keys(KINDS).find((kind) => KINDS[kind].test(path));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.onDemand && !wanted[this.onDemand]) {
      held[this.onDemand].push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  XMLHttpRequest.prototype.abort = function () {
    for (const list of Object.values(held)) { // one Material gave up on is not sent later
      const index = list.findIndex(([request]) => request === this);
      if (index >= 0) list.splice(index, 1);
    }
    return abort.apply(this, arguments);
  };

  const SEARCH_WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  const NativeWorker = window.Worker;
  const waiting = [];
  // Material listens with addEventListener, Zensical with onmessage, and both talk
  // with postMessage; the stand-in passes all of them through, and the worker's
  // events are dispatched again on it (to its listeners, then its on<type> handler).
  class OnDemandWorker extends EventTarget {
    #args;
    #worker;
    #ended = false; // terminated: never starts, ignores messages, as a Worker would
    onmessage = null;
    onmessageerror = null;
    onerror = null;
    constructor(url, options) {
      super();
      for (const type of ["message", "messageerror", "error"])
        this.addEventListener(type, (event) => this[`on${type}`]?.call(this, event));
      // resolved now, as Worker does: after instant navigation the page's address differs
      this.#args = [new URL(url, location.href).href, options];
      if (wanted.search) this.start();
      else waiting.push(this);
    }
    start() {
      if (!this.#worker && !this.#ended) {
        this.#worker = new NativeWorker(...this.#args);
        for (const type of ["message", "messageerror", "error"])
          this.#worker.addEventListener(type, (event) => this.dispatchEvent(new event.constructor(type, event)));
      }
      return this.#worker;
    }
    postMessage(...args) {
      this.start()?.postMessage(...args);
    }
    terminate() {
      this.#ended = true;
      if (waiting.includes(this)) waiting.splice(waiting.indexOf(this), 1);
      this.#worker?.terminate();
    }
  }
  window.Worker = function Worker(url, options) {
    if (!new.target) throw new TypeError("Failed to construct 'Worker': Please use the 'new' operator");
    if (SEARCH_WORKER.test(new URL(url, location.href).pathname)) return new OnDemandWorker(url, options);
    return new NativeWorker(url, options);
  };
  window.Worker.prototype = NativeWorker.prototype;

  function release(kind) {
    wanted[kind] = true;
    for (const [request, args] of held[kind].splice(0)) send.apply(request, args);
    if (kind === "search") for (const worker of waiting.splice(0)) worker.start();
  }

  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("[data-md-component=search-query]")) release("search");
  });

  const SIGNS = ["pointermove", "pointerdown", "touchstart", "keydown", "scroll", "wheel", "focusin"];
  function reader() {
    for (const type of SIGNS) window.removeEventListener(type, reader, true);
    release("sitemap");
  }
  for (const type of SIGNS) window.addEventListener(type, reader, { capture: true, passive: true });
})();
