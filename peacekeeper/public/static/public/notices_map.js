// The safety notices on the product's own offline basemap (theatre/basemap.js): closures red, restrictions
// amber. The list on the page is the content; the map is drawn over it only where JavaScript runs, and each
// notice of the list gets a button that shows it on the map (the keyboard's way to a notice). Popups are
// the list's own headings, copied as text: nothing is written as HTML.
import { createMap } from "../theatre/basemap.js";

const L = window.L;
const COLOURS = { closed: "#c62828", restricted: "#f59e0b" };
const CASING = "#1f2937";

function getJSON(url) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } }).then((response) => {
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return response.json();
  });
}

function popupFor(item) {
  const box = document.createElement("div");
  const heading = document.createElement("strong");
  heading.textContent = item.querySelector("h2").textContent.trim();
  box.appendChild(heading);
  const time = item.querySelector(".meta");
  if (time) {
    const line = document.createElement("div");
    line.textContent = time.textContent.trim();
    box.appendChild(line);
  }
  return box;
}

function noticeLayer(feature) {
  const colour = COLOURS[feature.properties.kind] || COLOURS.restricted;
  const data = { type: "FeatureCollection", features: [feature] };
  const shape = "notice-shape notice-" + feature.properties.kind;
  const point = (_, latlng) => L.circleMarker(latlng, {
    radius: 9, color: CASING, weight: 2, fillColor: colour, fillOpacity: 1, pane: "notices", className: shape
  });
  // Points have their own dark ring: only lines get a casing.
  const casing = L.geoJSON(data, {
    style: { color: CASING, weight: 9, opacity: 0.9 }, filter: (item) => !item.geometry.type.endsWith("Point"), pane: "notices"
  });
  const line = L.geoJSON(data, { style: { color: colour, weight: 6, opacity: 1, className: shape }, pointToLayer: point, pane: "notices" });
  return L.featureGroup([casing, line]);
}

function drawAreas(map, url) {
  return getJSON(url).then((data) => {
    L.geoJSON(data, { pane: "areas", interactive: false, style: { color: "#8a8f98", weight: 1, fill: true, fillColor: "#ffffff", fillOpacity: 0.35 } }).addTo(map);
  });
}

function start() {
  const figure = document.getElementById("notices-map-figure");
  if (!figure || !L) return;
  figure.hidden = false;
  const element = document.getElementById("notices-map");
  const map = createMap(element, { scale: true, panes: { areas: 350, notices: 450 } });
  const items = new Map([...document.querySelectorAll(".notices [data-notice]")].map((item) => [item.dataset.notice, item]));
  const drawn = [];
  const notices = getJSON(figure.dataset.notices).then((data) => {
    for (const feature of data.features) {
      const item = items.get(String(feature.id));
      if (!item) continue;
      const layer = noticeLayer(feature).bindPopup(popupFor(item)).addTo(map);
      drawn.push(layer);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "notice-show";
      button.textContent = figure.dataset.showLabel;
      button.addEventListener("click", () => {
        map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [40, 40] });
        layer.openPopup();
        element.scrollIntoView({ block: "nearest" });
        element.focus({ preventScroll: true });
      });
      item.appendChild(button);
    }
    if (drawn.length) map.fitBounds(L.featureGroup(drawn).getBounds(), { maxZoom: 11, padding: [30, 30] });
  });
  Promise.all([notices, drawAreas(map, figure.dataset.areas), map.basemapReady]).then(
    () => { element.dataset.notices = String(drawn.length); },
    () => { element.dataset.notices = "failed"; }
  );
}

start();
