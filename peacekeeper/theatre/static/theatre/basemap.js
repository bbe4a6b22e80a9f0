// Every map of the project starts here: a Leaflet map on an element, opened on the theatre's view (the
// scenario's map.json, handed to the page by {% theatre_map_view %}), with the base layer the page
// configures, if any (data-tile-url and data-tile-attribution on the element; none by default: the
// theatre's own municipalities are the background), and the options and credits every map shares.
// Leaflet itself is a classic script loaded before this module (window.L).
const L = window.L;

// Every map draws the municipalities from this server.
const BOUNDARIES = "© OpenStreetMap contributors, geoBoundaries (CC BY-SA 2.0)";

// The view every map opens on when it has nothing else to show: {centre: [lat, lon], zoom}.
function theatreView() {
  const script = document.getElementById("theatre-map-view");
  if (!script) throw new Error("this page has no theatre map view ({% theatre_map_view %})");
  return JSON.parse(script.textContent);
}

// options:
//   view: {centre, zoom} to open on instead of the theatre's (a view from the address bar, a record's point);
//   zoomOffset: added to the theatre's zoom (a map smaller than the picture's opens further out to show the
//     same ground);
//   credits: more attribution, after the boundaries' (e.g. the places' source);
//   compact: true for a small map, whose credits must fit one line: the boundaries' alone, with no prefix;
//   scale: true for a metric scale;
//   panes: {name: z-index}, created in that order;
//   leaflet: more options for L.map (e.g. keyboard: false), over the shared ones.
export function createMap(element, options = {}) {
  const map = L.map(element, { zoomSnap: 0.25, keyboard: true, ...options.leaflet });
  if (options.compact) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(BOUNDARIES);
  } else {
    map.attributionControl.setPrefix("Peacekeeper");
    map.attributionControl.addAttribution([`Boundaries ${BOUNDARIES}`, options.credits].filter(Boolean).join(" · "));
  }
  const theatre = options.view ? null : theatreView();
  const view = options.view || { centre: theatre.centre, zoom: theatre.zoom + (options.zoomOffset || 0) };
  map.setView(view.centre, view.zoom, { animate: false });
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
  }
  if (options.scale) L.control.scale({ imperial: false }).addTo(map);
  for (const [name, zIndex] of Object.entries(options.panes || {})) map.createPane(name).style.zIndex = zIndex;
  return map;
}
