// Material's colour palette, without restyling the whole page when nothing changes.
//
// As it starts, Material's palette component (in its bundle) applies the reader's
// palette even when the page already shows it. It sets data-md-color-switching on
// <body> to stop colour transitions (its rule `[data-md-color-switching] *` makes the
// browser restyle every element, once when set and once when removed a moment later),
// and it adds <meta name="color-scheme"> and sets it (each change of that meta restyles
// every element too). That is four restyles of the whole document during every page
// load, in the long task that Lighthouse counts as blocking time on a phone.
//
// This runs just before the bundle (overrides/main.html) and lets those through only
// when they change something: the switching mark when a colour attribute really
// changes (the toggle, or a dark system scheme on a first visit), the color-scheme meta
// once the scheme is not the default light one (so the dark scheme still gets dark
// scrollbars and form controls). Everything else passes through untouched.
(function () {
  const SWITCHING = "data-md-color-switching";
  const COLOUR = /^data-md-color-(scheme|primary|accent)$/;
  const { setAttribute, removeAttribute } = Element.prototype;
  const { appendChild } = Node.prototype;
  const { body, head } = document;
  let asked = false; // Material asked for the switching mark; set once a colour changes

  body.setAttribute = function (name, value) {
    if (name === SWITCHING) {
      asked = true;
      return;
    }
    if (asked && COLOUR.test(name) && this.getAttribute(name) !== String(value)) {
      asked = false;
      setAttribute.call(this, SWITCHING, "");
    }
    setAttribute.call(this, name, value);
  };
  body.removeAttribute = function (name) {
    if (name === SWITCHING) asked = false;
    removeAttribute.call(this, name);
  };

  // Material keeps its own reference to the meta and sets `content` on each change:
  // hold the element back until that content differs from the page's default scheme.
  head.appendChild = function (node) {
    if (node instanceof HTMLMetaElement && node.name === "color-scheme" && !node.isConnected) {
      Object.defineProperty(node, "content", {
        configurable: true,
        get: () => node.getAttribute("content") ?? "",
        set: (value) => {
          setAttribute.call(node, "content", value);
          if (!node.isConnected && !/^(normal|light)?$/.test(value)) appendChild.call(head, node);
        },
      });
      return node;
    }
    return appendChild.call(this, node);
  };
})();
