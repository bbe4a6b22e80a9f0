// The common operational picture: wires the layers, the panel, the time bar, the live feed, the
// banner and the address bar together. Every layer comes from this server; nothing from a CDN.
// The page loads Leaflet (a classic script) and this module, which imports the rest.
import { createMap } from "../theatre/basemap.js";
import { atPlace } from "../theatre/names.js";
import { debounce, fetchJSON, iso, loading } from "./dom.js";
import { EventsLayer } from "./events_layer.js";
import { loadAreas, loadCrossings, loadPlaces, loadRoads, loadSites, loadUnits } from "./layers.js";
import { followLive } from "./live.js";
import { initLookup } from "./lookup.js";
import { MapBanner, markingsOf } from "./marking.js";
import { LayerPanel } from "./panel.js";
import { Timebar } from "./timebar.js";
import { readUrlState, writeUrlState } from "./url_state.js";

const mapElement = document.getElementById("map");
const statusLine = document.getElementById("map-status");
const liveLine = document.getElementById("live-status");
const api = mapElement.dataset.api;
const symbolTemplate = mapElement.dataset.symbolUrl;
const layers = {};

loading.bar = document.getElementById("map-progress");
loading.target = mapElement;

function status(text, error) {
  statusLine.textContent = text;
  statusLine.classList.toggle("error", Boolean(error));
}

const panel = new LayerPanel(document.getElementById("layer-panel"), (name, on) => {
  show(name);
  ctx.banner.update();
  saveUrl();
  if (name === "events" && on) refreshEvents(false).catch((error) => { status(error.message, true); });
});
const restored = readUrlState(panel.names());
if (restored.layers) {
  panel.names().forEach((name) => { panel.setVisible(name, restored.layers.indexOf(name) >= 0); });
}
const restoredView = restored.lat !== null && restored.lon !== null && restored.zoom !== null;
// Where the theatre opens comes with the page (the scenario's map.json), so a theatre is data; a view in
// the address bar comes first. The basemap (settlements, rivers; a deployment's tiles) comes with the page;
// the roads are this page's own layer, drawn by class and coloured by freedom of movement.
const map = createMap(mapElement, {
  view: restoredView ? { centre: [restored.lat, restored.lon], zoom: restored.zoom } : null,
  credits: "Places: GeoNames (CC BY 4.0)",
  scale: true,
  roads: false,
  // A town's name moves round its dot rather than lie under a camp's units.
  labelsAvoid: ".leaflet-symbols-pane img",
  // Drawing order, bottom to top: areas, the basemap's rivers (360), roads, the basemap's names (385),
  // places, symbols, events, live rings.
  // Symbols (units, camps) sit under every event: its dots (events), clusters and symbols (markerPane, 600).
  panes: { areas: 350, roads: 380, places: 390, symbols: 420, events: 450, live: 650 }
});
map.getPane("live").style.pointerEvents = "none";

const ctx = {
  map, mapElement, api, panel, status,
  levels: {}, fom: { crossings: {}, segments: {} },
  symbolUrl: (sidc) => symbolTemplate.replace("SIDC", encodeURIComponent(sidc)),
  // Revalidated too: a reload costs a few hundred bytes per layer wherever the server sends an ETag.
  get: (path) => fetchJSON(api + path, { revalidate: true }).then((result) => result.data)
};
// The window's figures are drawn on static layers: the levels shade the municipalities, the FoM status
// colours crossings and roads. Their markings count while a layer they colour is on screen.
const DRAWN_ON = { levels: ["areas"], fom: ["crossings", "roads"] };
ctx.banner = new MapBanner(
  api, JSON.parse(document.getElementById("page-markings").textContent),
  (name) => (DRAWN_ON[name] || [name]).some((layer) => panel.visible(layer) && Boolean(layers[layer]))
);

function show(name) {
  const layer = layers[name];
  if (!layer) return;
  if (panel.visible(name)) layer.addTo(map);
  else layer.remove();
}

function saveUrl() {
  const centre = map.getCenter();
  writeUrlState({
    lat: centre.lat, lon: centre.lng, zoom: map.getZoom(), layers: panel.shown(),
    window: timebar.preset, since: timebar.since, until: timebar.until
  });
}

const events = new EventsLayer(ctx);
layers.events = events.group;
show("events");

// Layers that do not change with the window: fetched once, never again on pan or zoom.
const STATIC = {
  areas: loadAreas, roads: loadRoads, places: loadPlaces,
  crossings: loadCrossings, sites: loadSites, units: loadUnits
};
const staticLoads = {};
Object.keys(STATIC).forEach((name) => {
  panel.setState(name, "loading");
  staticLoads[name] = STATIC[name](ctx).then((result) => {
    layers[name] = result.layer;
    show(name);
    panel.setCount(name, result.count);
    panel.setState(name, "");
    mapElement.dataset["count" + name[0].toUpperCase() + name.slice(1)] = String(result.count);
    ctx.banner.set(name, result.markings);
    // Not animated: the first events request must see the fitted view, not the one before it.
    if (name === "areas" && !restoredView) map.fitBounds(result.layer.getBounds(), { padding: [10, 10], animate: false });
  }, (error) => {
    panel.setState(name, "error");
    throw error;
  });
});

// Layers of the window: area levels, freedom of movement, and the events up to the replay cursor.
function windowQuery() {
  return "since=" + encodeURIComponent(iso(timebar.since)) + "&until=" + encodeURIComponent(iso(timebar.until));
}

function loadLevels() {
  return fetchJSON(api + "cop/area-levels?" + windowQuery(), { revalidate: true }).then((result) => {
    ctx.levels = result.data.areas || {};
    ctx.banner.set("levels", markingsOf(result.data));
    panel.setSource("levels", result.data.source);
    if (layers.areas) layers.areas.restyle();
  }, (error) => {
    panel.setSource("levels", "not available (" + error.message + ")");
    throw error;
  });
}

// Roads and crossings as they stood at the replay cursor (the window's end when not replaying).
function fomQuery() {
  return "since=" + encodeURIComponent(iso(timebar.since)) + "&until=" + encodeURIComponent(iso(timebar.cursor()));
}

function loadFom() {
  return fetchJSON(api + "cop/fom?" + fomQuery(), { revalidate: true }).then((result) => {
    ctx.fom = { crossings: result.data.crossings || {}, segments: result.data.segments || {} };
    ctx.banner.set("fom", markingsOf(result.data));
    panel.setSource("fom", result.data.source);
    if (layers.crossings) layers.crossings.restyle();
    if (layers.roads) layers.roads.restyle();
  }, (error) => {
    panel.setSource("fom", "not available (" + error.message + ")");
    throw error;
  });
}

// A hidden events layer is not fetched; showing it fetches it for the current view.
function refreshEvents(force) {
  if (!panel.visible("events")) return Promise.resolve(false);
  return events.refresh(timebar.since, timebar.cursor(), force);
}

function refreshWindow(force) {
  return Promise.all([loadLevels(), loadFom(), refreshEvents(force)]);
}

const timebar = new Timebar(document.querySelector(".timebar"), {
  status,
  onWindow: () => {
    saveUrl();
    return refreshWindow(false).then(() => { status(summary()); }, (error) => { status(error.message, true); });
  },
  onCursor: () => Promise.all([refreshEvents(false), loadFom()]).then(() => { status(summary()); }, (error) => {
    status(error.message, true);
    throw error;
  })
});
timebar.setWindow(restored.window, restored.since, restored.until, true);

function summary() {
  return events.total + " events in the window" + (timebar.atEnd() ? "" : " up to the cursor") + ".";
}

// The first events request waits for the first view (fitting the theatre), so it is made once.
const viewReady = restoredView ? Promise.resolve() : staticLoads.areas.catch(() => {});
const windowLoad = viewReady.then(() => refreshWindow(false));

const allLoads = Object.keys(staticLoads).map((name) => staticLoads[name]).concat([windowLoad]);
Promise.allSettled(allLoads).then((results) => {
  const failed = results.filter((result) => result.status === "rejected")
    .map((result) => result.reason.message);
  map.on("moveend", onMove);
  requestAnimationFrame(() => {
    mapElement.dataset.readyMs = String(Math.round(performance.now()));
    mapElement.dataset.ready = "true";
    if (failed.length) {
      mapElement.dataset.errors = String(failed.length);
      status("Loaded, except: " + failed.join("; "), true);
    } else {
      status("Theatre loaded. " + summary());
    }
  });
});

// Pan and zoom ask again for the events only, a moment after the map comes to rest.
const refetchEvents = debounce(() => {
  refreshEvents(false).catch((error) => { status(error.message, true); });
}, 300);
function onMove() {
  saveUrl();
  refetchEvents();
}

// A preset window follows the clock; revalidation keeps an unchanged refresh to a few hundred bytes.
setInterval(() => {
  if (timebar.slide()) refreshWindow(false).catch(() => {});
}, 60000);

const liveIds = [];
const LIVE_STATES = {
  live: "Live feed: connected", reconnecting: "Live feed: reconnecting…",
  closed: "Live feed: lost, retrying shortly", unsupported: "Live feed: not supported by this browser"
};
followLive(api + "cop/stream", {
  onState: (state) => {
    liveLine.dataset.state = state;
    liveLine.textContent = LIVE_STATES[state] || state;
    mapElement.dataset.live = state;
  },
  onEvent: (feature) => {
    const p = feature.properties;
    const occurred = new Date(p.occurred_at);
    const inWindow = timebar.atEnd() && !(occurred < timebar.since) &&
      (timebar.preset !== "custom" || !(occurred > timebar.until));
    if (inWindow) events.addLive(feature);
    status("New: " + (p.category_label || p.category) + " " + (atPlace(p.location_name) || "at an unnamed place") + " " + (p.dtg || ""));
    statusLine.classList.remove("flash");
    void statusLine.offsetWidth;
    statusLine.classList.add("flash");
    liveIds.push(p.id);
    mapElement.dataset.lastLiveEvent = String(p.id);
    mapElement.dataset.liveEvents = liveIds.slice(-200).join(" ");
  }
});

const lookup = initLookup(ctx);

// Keys: "/" search, 1–7 layers, Space play/pause, ←/→ step the replay (inside the map they pan).
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const active = document.activeElement || document.body;
  const tag = active.tagName;
  const type = tag === "INPUT" ? active.type : "";
  if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && !/^(checkbox|radio|range)$/.test(type))) return;
  if (event.key === "/") {
    lookup.focus();
    event.preventDefault();
  } else if (/^[1-7]$/.test(event.key)) {
    panel.toggleNth(parseInt(event.key, 10));
    event.preventDefault();
  } else if (event.key === " ") {
    if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || (tag === "INPUT" && type !== "range")) return;
    timebar.toggle();
    event.preventDefault();
  } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
    if (mapElement.contains(active) || type === "range" || type === "radio") return;
    timebar.stepBy(event.key === "ArrowLeft" ? -1 : 1).catch(() => {});
    event.preventDefault();
  }
});
