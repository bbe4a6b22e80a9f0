// Every map of the project starts here: a Leaflet map on an element, opened on the theatre's view (the
// scenario's map.json, handed to the page by {% theatre_map_view %}), with the basemap under everything
// and the options and credits every map shares. The basemap is the theatre's own (settlements labelled by
// rank and zoom, rivers, roads by class; theatre/basemap.py) over a deployment's tile archive if it has
// one (PEACEKEEPER_BASEMAP, served by this server); a page may still name a tile server of its own
// (data-tile-url and data-tile-attribution on the element). Nothing is asked of another host.
// Leaflet itself is a classic script loaded before this module (window.L).
import { SettlementLabels, drawRivers } from "./basemap_labels.js";
import { classRoads } from "./roads.js";

const L = window.L;

// Every map draws the municipalities from this server.
const BOUNDARIES = "© OpenStreetMap contributors, geoBoundaries (CC BY-SA 2.0)";

// The basemap's panes: rivers over the municipalities' fill (350), roads over the rivers, labels over the
// roads and under everything a page draws on top (its places 390, symbols 420, events 450).
const PANES = { "basemap-rivers": 360, "basemap-roads": 370, "basemap-labels": 385 };

function pageJSON(id) {
  const script = document.getElementById(id);
  return script ? JSON.parse(script.textContent) : null;
}

// The view every map opens on when it has nothing else to show: {centre: [lat, lon], zoom}.
function theatreView() {
  const view = pageJSON("theatre-map-view");
  if (!view) throw new Error("this page has no theatre map view ({% theatre_map_view %})");
  return view;
}

let stylesheet = null;
function linkStylesheet() {
  if (stylesheet) return;
  stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("basemap.css", import.meta.url).href;
  document.head.appendChild(stylesheet);
}

function asHTML(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function getJSON(url) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } }).then((response) => {
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return response.json();
  });
}

// Draws the basemap the page was handed onto the map; resolves when every layer is drawn, and says so on
// the element (data-basemap="ready", or "failed"). A deployment's tiles replace the drawn rivers and names
// (a surveyed map has its own, and both would clutter); the roads stay, as they are the network the
// product reasons about (freedom of movement, routes).
function drawBasemap(map, element, basemap, options) {
  const compact = Boolean(options.compact);
  const tiles = basemap.tiles;
  if (tiles) {
    L.tileLayer(tiles.url, {
      minZoom: map.getMinZoom(), maxZoom: map.getMaxZoom(),
      minNativeZoom: tiles.minZoom, maxNativeZoom: tiles.maxZoom,
      // The archive's credit is the operator's text: Leaflet writes an attribution as HTML.
      bounds: tiles.bounds || undefined, attribution: tiles.attribution ? asHTML(tiles.attribution) : undefined
    }).addTo(map);
    element.classList.add("basemap-tiled");
  }
  const loads = [];
  if (basemap.rivers && !tiles) loads.push(getJSON(basemap.rivers).then((data) => drawRivers(map, data, { compact })));
  if (basemap.roads && options.roads !== false) {
    loads.push(getJSON(basemap.roads).then((data) => classRoads(map, data, { pane: "basemap-roads", compact }).addTo(map)));
  }
  if (basemap.places && !tiles) {
    loads.push(getJSON(basemap.places).then((data) => {
      const labels = new SettlementLabels(map, data.features, {
        pane: "basemap-labels", compact, element, avoid: options.labelsAvoid
      });
      labels.update();
      return labels;
    }));
  }
  return Promise.all(loads).then(() => { element.dataset.basemap = "ready"; }, (error) => {
    element.dataset.basemap = "failed";
    throw error;
  });
}

// options:
//   view: {centre, zoom} to open on instead of the theatre's (a view from the address bar, a record's point);
//   zoomOffset: added to the theatre's zoom (a map smaller than the picture's opens further out to show the
//     same ground);
//   credits: more attribution, after the boundaries' (e.g. the places' source);
//   compact: true for a small map: a lighter basemap (cities and towns only, thinner lines) and credits that
//     fit one line, with no prefix;
//   roads: false when the page draws the roads itself (the COP colours them by freedom of movement, with
//     roads.js's classes); otherwise the basemap draws them by class;
//   labelsAvoid: a CSS selector of what the page draws over the settlements' names that they should keep
//     clear of (a name moves round its dot, or waits for a closer zoom);
//   scale: true for a metric scale;
//   panes: {name: z-index}, created in that order;
//   leaflet: more options for L.map (e.g. keyboard: false), over the shared ones.
// The map's `basemapReady` is a promise of the basemap drawn.
export function createMap(element, options = {}) {
  const basemap = pageJSON("theatre-basemap");
  // No zoom past what the basemap's data can show, nor further out than the theatre needs.
  const limits = basemap ? { minZoom: basemap.minZoom, maxZoom: basemap.maxZoom } : {};
  const map = L.map(element, { zoomSnap: 0.25, keyboard: true, ...limits, ...options.leaflet });
  const credits = basemap ? basemap.credits : [];
  if (options.compact) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(basemap && basemap.rivers && !basemap.tiles ? `${BOUNDARIES}, Natural Earth` : BOUNDARIES);
  } else {
    map.attributionControl.setPrefix("Peacekeeper");
    map.attributionControl.addAttribution(
      [`Boundaries ${BOUNDARIES}`, options.credits, ...credits].filter(Boolean).join(" · ")
    );
  }
  const theatre = options.view ? null : theatreView();
  const view = options.view || { centre: theatre.centre, zoom: theatre.zoom + (options.zoomOffset || 0) };
  map.setView(view.centre, view.zoom, { animate: false });
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: map.getMaxZoom() }).addTo(map);
  }
  if (options.scale) L.control.scale({ imperial: false }).addTo(map);
  for (const [name, zIndex] of Object.entries(PANES)) map.createPane(name).style.zIndex = zIndex;
  map.getPane("basemap-labels").style.pointerEvents = "none";
  for (const [name, zIndex] of Object.entries(options.panes || {})) map.createPane(name).style.zIndex = zIndex;
  element.classList.add("basemap", options.compact ? "basemap-compact" : "basemap-full");
  if (basemap) {
    linkStylesheet();
    map.basemapReady = drawBasemap(map, element, basemap, options);
    map.basemapReady.catch(() => {});
  } else {
    map.basemapReady = Promise.resolve();
  }
  return map;
}
