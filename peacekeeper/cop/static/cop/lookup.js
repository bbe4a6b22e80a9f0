// Gazetteer lookup: "/" focuses it, arrows move, Enter flies to the place, Escape clears.
import { element } from "./dom.js";

const L = window.L;

// The place found: the product's own mark (a ring with a dot, drawn in CSS), not Leaflet's default pin,
// whose image the page does not ship.
const FOUND_PLACE_ICON = L.divIcon({ className: "cop-found-place", iconSize: [26, 26], html: "<span></span>" });

export function initLookup(ctx) {
  const input = document.getElementById("lookup");
  const results = document.getElementById("lookup-results");
  let current = [];
  let selected = -1;
  let pending = null;
  let marker = null;

  function render() {
    results.replaceChildren();
    current.forEach((match, index) => {
      const item = element("li", index === selected ? "selected" : "");
      item.setAttribute("role", "option");
      item.appendChild(element("span", "match-name", match.name));
      if (match.matched_name !== match.name) item.appendChild(element("span", "match-alt", " (" + match.matched_name + ")"));
      item.appendChild(element("span", "match-area", [match.kind, match.area_name].filter(Boolean).join(" · ")));
      item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(index); });
      results.appendChild(item);
    });
  }

  function choose(index) {
    const match = current[index];
    if (!match) return;
    if (match.lat === null) {
      ctx.status(match.name + ": position not known in the sources.");
      return;
    }
    ctx.map.flyTo([match.lat, match.lon], 13, { duration: 0.6 });
    if (marker) marker.remove();
    marker = L.marker([match.lat, match.lon], { icon: FOUND_PLACE_ICON, keyboard: false, title: match.name }).addTo(ctx.map);
    marker.bindTooltip(match.name, { permanent: true, direction: "right", offset: [13, 0] }).openTooltip();
    ctx.status("Showing " + match.name + (match.approximate ? " (approximate position)" : "") + ".");
  }

  input.addEventListener("input", () => {
    const query = input.value.trim();
    if (pending) pending.abort();
    if (!query) { current = []; selected = -1; render(); return; }
    pending = new AbortController();
    fetch(ctx.api + "theatre/gazetteer?limit=8&q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : []))
      .then((matches) => { current = matches; selected = matches.length ? 0 : -1; render(); })
      .catch(() => {});
  });

  // Enter chooses a place; the form itself never submits (no inline handler: the CSP forbids them).
  document.getElementById("lookup-form").addEventListener("submit", (event) => { event.preventDefault(); });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") { selected = Math.min(selected + 1, current.length - 1); render(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { selected = Math.max(selected - 1, 0); render(); event.preventDefault(); }
    else if (event.key === "Enter") { choose(selected); event.preventDefault(); }
    else if (event.key === "Escape") { input.value = ""; current = []; render(); }
  });

  return input;
}
