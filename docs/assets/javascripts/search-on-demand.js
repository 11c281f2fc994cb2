// The search index when the reader goes to search, not with every page.
//
// Material asks for search/search_index.json (XMLHttpRequest) as soon as a page
// loads; it is the largest file of a text page (about a fifth of its first
// load) and grows with the site, while most readers never search. This runs
// before Material's bundle (overrides/main.html) and holds that one request
// until the search box gets focus (a click on the search icon, or Material's
// keys f, s and /), or at once for a page opened from a search link (?q=).
// The offline copy (file://) loads its index differently and is not affected.
(function () {
  const INDEX = /\/search\/search_index\.json$/;
  const held = [];
  let wanted = /[?&]q=/.test(location.search);
  const { open, send } = XMLHttpRequest.prototype;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    wanted = true;
    for (const [request, args] of held.splice(0)) send.apply(request, args);
  }
  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("[data-md-component=search-query]")) release();
  });
})();
