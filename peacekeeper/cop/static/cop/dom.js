// Shared helpers of the map page: DOM building (text only), fetching with revalidation, the loading bar.
// The page's modules import what they use from each other; no build step, no third-party code but Leaflet.

// The only way this page puts data into the DOM: textContent, never HTML.
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// Links from the data must stay on this site: a path, never "javascript:" or another host.
export function safePath(url) {
  return typeof url === "string" && /^\/(?!\/)/.test(url) ? url : null;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ISO 8601 in UTC without milliseconds: stable strings make stable URLs, and stable URLs revalidate.
export function iso(date) { return date.toISOString().replace(/\.\d{3}Z$/, "Z"); }

// Progress: a thin bar over the map while anything is loading, and #map[data-loading] for tests.
let pending = 0;
export const loading = {
  bar: null,
  target: null,
  start() { pending += 1; this.show(); },
  done() { pending = Math.max(0, pending - 1); this.show(); },
  show() {
    if (this.bar) this.bar.hidden = pending === 0;
    if (this.target) this.target.dataset.loading = String(pending);
  }
};

// Responses that can change (events, levels, freedom of movement) are revalidated: with the ETag of
// the copy this page holds, or, on a fresh page, through the browser cache ("no-cache" revalidates).
const held = new Map();
const HELD_MAX = 40;

export function fetchJSON(url, options = {}) {
  const known = options.revalidate ? held.get(url) : null;
  const headers = { Accept: "application/geo+json, application/json" };
  const init = { credentials: "same-origin", headers, signal: options.signal };
  if (known) {
    headers["If-None-Match"] = known.etag;
    init.cache = "no-store";
  } else if (options.revalidate) {
    init.cache = "no-cache";
  }
  loading.start();
  return fetch(url, init).then((response) => {
    if (response.status === 304 && known) return { data: known.data, fresh: false };
    if (!response.ok) throw new Error(url.split("?")[0] + ": HTTP " + response.status);
    return response.json().then((data) => {
      const etag = response.headers.get("ETag");
      if (options.revalidate && etag) {
        held.delete(url);
        held.set(url, { etag, data });
        if (held.size > HELD_MAX) held.delete(held.keys().next().value);
      }
      return { data, fresh: true };
    });
  }).finally(() => loading.done());
}
