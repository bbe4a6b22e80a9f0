// Shared helpers of the map page: DOM building (text only), fetching with revalidation, the loading bar.
// Every module of the page hangs off window.COP; there is no build step and no third-party code but Leaflet.
(function () {
  "use strict";
  var COP = (window.COP = window.COP || {});

  // The only way this page puts data into the DOM: textContent, never HTML.
  COP.element = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  // Links from the data must stay on this site: a path, never "javascript:" or another host.
  COP.safePath = function (url) {
    return typeof url === "string" && /^\/(?!\/)/.test(url) ? url : null;
  };

  COP.debounce = function (fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  };

  // ISO 8601 in UTC without milliseconds: stable strings make stable URLs, and stable URLs revalidate.
  COP.iso = function (date) { return date.toISOString().replace(/\.\d{3}Z$/, "Z"); };

  // Progress: a thin bar over the map while anything is loading, and #map[data-loading] for tests.
  var pending = 0;
  COP.loading = {
    bar: null,
    target: null,
    start: function () { pending += 1; this.show(); },
    done: function () { pending = Math.max(0, pending - 1); this.show(); },
    show: function () {
      if (this.bar) this.bar.hidden = pending === 0;
      if (this.target) this.target.dataset.loading = String(pending);
    }
  };

  // Responses that can change (events, levels, freedom of movement) are revalidated: with the ETag of
  // the copy this page holds, or, on a fresh page, through the browser cache ("no-cache" revalidates).
  var held = new Map();
  var HELD_MAX = 40;

  COP.fetchJSON = function (url, options) {
    options = options || {};
    var known = options.revalidate ? held.get(url) : null;
    var headers = { Accept: "application/geo+json, application/json" };
    var init = { credentials: "same-origin", headers: headers, signal: options.signal };
    if (known) {
      headers["If-None-Match"] = known.etag;
      init.cache = "no-store";
    } else if (options.revalidate) {
      init.cache = "no-cache";
    }
    COP.loading.start();
    return fetch(url, init).then(function (response) {
      if (response.status === 304 && known) return { data: known.data, fresh: false };
      if (!response.ok) throw new Error(url.split("?")[0] + ": HTTP " + response.status);
      return response.json().then(function (data) {
        var etag = response.headers.get("ETag");
        if (options.revalidate && etag) {
          held.delete(url);
          held.set(url, { etag: etag, data: data });
          if (held.size > HELD_MAX) held.delete(held.keys().next().value);
        }
        return { data: data, fresh: true };
      });
    }).finally(function () { COP.loading.done(); });
  };
})();
