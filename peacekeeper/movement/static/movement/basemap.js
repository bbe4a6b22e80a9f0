// The movement pages' map: municipality outlines from this server (no tiles), and the status styling.
import { Banner } from "../access/banner.js";
import { createMap } from "../theatre/basemap.js";

const L = window.L;

export const COLOURS = { open: "#1e8449", restricted: "#d68910", closed: "#c0392b" };

export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

export async function getJSON(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const reasons = (body.errors || []).map((e) => `${e.field}: ${e.reason}`).join("; ");
    throw new Error(reasons || body.detail || `HTTP ${response.status}`);
  }
  return body;
}

export function roadStyle(status, emphasis) {
  const closed = status === "closed";
  return {
    color: COLOURS[status] || COLOURS.open,
    weight: (closed ? 7 : status === "restricted" ? 6 : 4) + (emphasis ? 3 : 0),
    opacity: 0.95,
    dashArray: status === "restricted" ? "10 7" : null,
  };
}

// The labels the page has shown: those the server rendered its banner for, then those drawn since.
const shown = new Set(JSON.parse(document.getElementById("page-markings").textContent));
let banner = null;

// Raises the page banner over the markings of what the page now draws, as the server combines them
// (access/static/access/banner.js); never lowers it (the page may still show what it drew before).
export function raiseBanner(api, markings) {
  banner = banner || new Banner(api, [...shown]);
  for (const marking of markings) shown.add(marking);
  banner.show([...shown]);
}

export async function makeMap(element) {
  const map = createMap(element, { scale: true, panes: { areas: 350, roads: 420, points: 450 } });
  const areas = await getJSON(element.dataset.api + "theatre/areas.geojson");
  const layer = L.geoJSON(areas, {
    pane: "areas", interactive: false,
    style: { color: "#7b8a8b", weight: 1, fillColor: "#fdfefe", fillOpacity: 0.9 },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
  return map;
}
