// A small theatre map for the log screens: the theatre's own municipalities are the only background
// (no tiles, nothing from outside this server). Names are set as text nodes, never parsed as HTML.
import { createMap } from "../theatre/basemap.js";

const L = window.L;
const POINT_ZOOM = 10;

function textNode(text) {
  const span = document.createElement("span");
  span.textContent = String(text);
  return span;
}

export function miniMap(element) {
  const point = element.dataset.lat && element.dataset.lon
    ? [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)] : null;
  // Opened on the report's point, or on the theatre: this map is smaller than the picture's, so it
  // opens one step further out to show the same ground.
  const map = createMap(element, {
    view: point ? { centre: point, zoom: POINT_ZOOM } : null,
    zoomOffset: -1,
    compact: true,
    // The municipalities under the basemap's rivers, roads and names (basemap.js's panes, 360 and up).
    panes: { areas: 350 },
    leaflet: { keyboard: false, scrollWheelZoom: false }
  });
  // The zoom buttons stay usable with the mouse but out of the Tab order of the form around them.
  element.querySelectorAll(".leaflet-control a").forEach((link) => { link.tabIndex = -1; });

  let marker = null;
  function show(lat, lon) {
    if (marker) marker.remove();
    marker = L.circleMarker([lat, lon], {
      radius: 8, color: "#a93226", weight: 3, fillColor: "#f5b7b1", fillOpacity: 0.9
    }).addTo(map);
    marker.getElement().setAttribute("tabindex", "-1");
    map.setView([lat, lon], Math.max(map.getZoom(), POINT_ZOOM), { animate: false });
  }

  const ready = fetch(element.dataset.areas, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then((response) => {
      if (!response.ok) throw new Error("municipalities: HTTP " + response.status);
      return response.json();
    })
    .then((data) => {
      const layer = L.geoJSON(data, {
        pane: "areas",
        style: { color: "#34495e", weight: 1, fillColor: "#dfe6e9", fillOpacity: 0.6 },
        onEachFeature: (feature, item) => {
          item.bindTooltip(textNode(feature.properties.name_en), { sticky: true });
        }
      }).addTo(map);
      // The areas are background: out of the Tab order of the form around the map.
      layer.eachLayer((area) => {
        const path = area.getElement && area.getElement();
        if (path) path.setAttribute("tabindex", "-1");
      });
      layer.bringToBack();
      if (!marker) map.fitBounds(layer.getBounds(), { padding: [4, 4] });
      element.dataset.ready = "true";
      return layer;
    })
    .catch((error) => {
      element.dataset.ready = "failed";
      element.title = "Could not load the map: " + error.message;
    });

  if (point) show(point[0], point[1]);
  return { map, show, ready };
}
