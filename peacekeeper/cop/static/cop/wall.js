// The watch floor's wall screen: the map of the last 24 hours (municipalities shaded by threat level, roads
// and crossings coloured by freedom of movement, events, units) beside a column read from 5 m: the open
// alerts, the SIGEVENTs of the last 24 hours, a clock and the live feed's state. Nothing to click.
// The layers are map.js's own loaders. The page opens no stream: the alert banner's EventSource
// (watch/static/watch/alerts.js, with body[data-live-reports]) is the page's one stream and re-dispatches
// on document "peacekeeper:live-event" (a report), "peacekeeper:live-state" and "peacekeeper:alert".
import { createMap } from "../theatre/basemap.js";
import { dtg } from "../theatre/dtg.js";
import { atPlace } from "../theatre/names.js";
import { debounce, element, fetchJSON, iso, loading } from "./dom.js";
import { EventsLayer } from "./events_layer.js";
import { loadAreas, loadCrossings, loadRoads, loadUnits } from "./layers.js";
import { MapBanner, markingsOf } from "./marking.js";

const WINDOW_MS = 24 * 3600 * 1000;
const REFRESH_MS = 60000;
const RELOAD_AFTER_CLOSED_MS = 120000;
const CURSOR_IDLE_MS = 4000;
const SHOWN_OPEN = 8;
const SHOWN_RECENT = 8;

const mapElement = document.getElementById("map");
const statusLine = document.getElementById("map-status");
const liveLine = document.getElementById("wall-live");
const api = mapElement.dataset.api;
const alertsUrl = mapElement.dataset.alerts;
const symbolTemplate = mapElement.dataset.symbolUrl;
const localZone = JSON.parse(document.getElementById("local-zone").textContent);
const layers = {};
const alerts = new Map();  // alert id -> the alert as last received (the column's)
const openList = document.getElementById("wall-open");
const recentList = document.getElementById("wall-recent");

loading.bar = document.getElementById("map-progress");
loading.target = mapElement;

function status(text, error) {
  statusLine.textContent = text;
  statusLine.classList.toggle("error", Boolean(error));
}

// The wall has no layer panel: every layer it draws is always on. The loaders report their state and
// counts to a panel; here they go to the map element's data attributes, where tests read them.
const fixedLayers = {
  visible: () => true,
  setState: (name, state) => { mapElement.dataset["state" + capital(name)] = state; },
  setCount: (name, count) => { mapElement.dataset["count" + capital(name)] = String(count); },
  setSource: () => {}
};

function capital(name) { return name[0].toUpperCase() + name.slice(1); }

const map = createMap(mapElement, {
  credits: "Places: GeoNames (CC BY 4.0)",
  scale: true,
  roads: false,
  labelsAvoid: ".leaflet-symbols-pane img",
  panes: { areas: 350, roads: 380, places: 390, symbols: 420, events: 450, live: 650 },
  // A screen on the wall is watched, not worked: no zoom buttons.
  leaflet: { zoomControl: false }
});
map.getPane("live").style.pointerEvents = "none";

const ctx = {
  map, mapElement, api, panel: fixedLayers, status,
  levels: {}, fom: { crossings: {}, segments: {} },
  symbolUrl: (sidc) => symbolTemplate.replace("SIDC", encodeURIComponent(sidc)),
  get: (path) => fetchJSON(api + path, { revalidate: true }).then((result) => result.data)
};
// As on the map: the levels count while the areas are drawn, the FoM while crossings or roads are; the
// alerts and the events always (the column and the map show them).
const DRAWN_ON = { levels: ["areas"], fom: ["crossings", "roads"] };
ctx.banner = new MapBanner(
  api, JSON.parse(document.getElementById("page-markings").textContent),
  (name) => (DRAWN_ON[name] ? DRAWN_ON[name].some((layer) => Boolean(layers[layer])) : true)
);

// The window follows the clock: the last 24 hours, to the minute (stable URLs revalidate).
let since = null;
let until = null;
function slideWindow() {
  const now = new Date();
  now.setUTCSeconds(0, 0);
  until = now;
  since = new Date(now.getTime() - WINDOW_MS);
}
slideWindow();

const events = new EventsLayer(ctx);
layers.events = events.group;
events.group.addTo(map);

const STATIC = { areas: loadAreas, roads: loadRoads, crossings: loadCrossings, units: loadUnits };
const staticLoads = {};
Object.keys(STATIC).forEach((name) => {
  staticLoads[name] = STATIC[name](ctx).then((result) => {
    layers[name] = result.layer;
    result.layer.addTo(map);
    fixedLayers.setCount(name, result.count);
    ctx.banner.set(name, result.markings);
    if (name === "areas") map.fitBounds(result.layer.getBounds(), { padding: [10, 10], animate: false });
  });
});

function windowQuery(end) {
  return "since=" + encodeURIComponent(iso(since)) + "&until=" + encodeURIComponent(iso(end));
}

function loadLevels() {
  return fetchJSON(api + "cop/area-levels?" + windowQuery(until), { revalidate: true }).then((result) => {
    ctx.levels = result.data.areas || {};
    ctx.banner.set("levels", markingsOf(result.data));
    if (layers.areas) layers.areas.restyle();
  });
}

function loadFom() {
  return fetchJSON(api + "cop/fom?" + windowQuery(until), { revalidate: true }).then((result) => {
    ctx.fom = { crossings: result.data.crossings || {}, segments: result.data.segments || {} };
    ctx.banner.set("fom", markingsOf(result.data));
    if (layers.crossings) layers.crossings.restyle();
    if (layers.roads) layers.roads.restyle();
  });
}

// force: ask for the events again even for the same window (after the feed was down, reports may be missed).
function refreshWindow(force) {
  return Promise.all([loadLevels(), loadFom(), events.refresh(since, until, Boolean(force))]);
}

function summary() {
  return events.total + " events in the last 24 h · updated " + hhmm(new Date(), "UTC") + "Z";
}

const viewReady = staticLoads.areas.catch(() => {});
const windowLoad = viewReady.then(() => refreshWindow());
const allLoads = Object.keys(staticLoads).map((name) => staticLoads[name]).concat([windowLoad, alertsLoad()]);
Promise.allSettled(allLoads).then((results) => {
  const failed = results.filter((result) => result.status === "rejected").map((result) => result.reason.message);
  map.on("moveend", debounce(() => { events.refresh(since, until, false).catch(() => {}); }, 300));
  requestAnimationFrame(() => {
    mapElement.dataset.ready = "true";
    if (failed.length) {
      mapElement.dataset.errors = String(failed.length);
      status("Loaded, except: " + failed.join("; "), true);
    } else {
      status(summary());
    }
  });
});

// The screen's size can change (a second display, full screen): the map follows, and fits the theatre.
window.addEventListener("resize", debounce(() => {
  map.invalidateSize();
  if (layers.areas) map.fitBounds(layers.areas.getBounds(), { padding: [10, 10], animate: false });
}, 300));

// Every minute the window slides, and its layers and the column are brought up to date.
setInterval(() => {
  slideWindow();
  refreshWindow().then(() => { status(summary()); }, (error) => { status(error.message, true); });
  renderAlerts();
}, REFRESH_MS);

// --- the live feed (the banner's stream) ---------------------------------------------------------------
const LIVE_STATES = {
  live: "Live feed: connected", reconnecting: "Live feed: reconnecting…",
  closed: "Live feed: lost, retrying", unsupported: "Live feed: not supported by this browser"
};
let closedTimer = null;
let wasLive = false;
function liveState(state) {
  liveLine.dataset.state = state;
  liveLine.textContent = LIVE_STATES[state] || "Live feed: " + state;
  mapElement.dataset.live = state;
  // Closed for two minutes: the page starts again (a new session cookie, a restarted server).
  if (state === "closed") {
    if (!closedTimer) closedTimer = setTimeout(() => { window.location.reload(); }, RELOAD_AFTER_CLOSED_MS);
  } else {
    clearTimeout(closedTimer);
    closedTimer = null;
  }
  // Back after a break: what changed meanwhile is read again.
  if (state === "live") {
    if (wasLive) {
      alertsLoad().catch(() => {});
      refreshWindow(true).catch(() => {});
    }
    wasLive = true;
  }
}
document.addEventListener("peacekeeper:live-state", (event) => { liveState(String(event.detail)); });
// The banner's script runs first: a state it reached before this module listened is on the body.
if (document.body.dataset.liveState) liveState(document.body.dataset.liveState);

document.addEventListener("peacekeeper:live-event", (event) => {
  const feature = event.detail;
  if (!feature || !feature.properties || !feature.geometry) return;
  const occurred = new Date(feature.properties.occurred_at);
  if (occurred < since) return;
  events.addLive(feature);
  mapElement.dataset.lastLiveEvent = String(feature.properties.id);
  status("New: " + (feature.properties.category_label || feature.properties.category) +
    " " + (atPlace(feature.properties.location_name) || "at an unnamed place") + " " + (feature.properties.dtg || ""));
});

// --- the alerts column -------------------------------------------------------------------------------------

document.addEventListener("peacekeeper:alert", (event) => {
  const alert = event.detail;
  if (!alert || typeof alert.id !== "number") return;
  alerts.set(alert.id, alert);
  renderAlerts();
});

// The open alerts and those raised in the last 24 hours (acknowledged too), read once at the start and
// again after a reconnection; the stream keeps them up to date in between.
function alertsLoad() {
  const get = (query) => fetchJSON(alertsUrl + query).then((result) => result.data);
  return Promise.all([get(""), get("?recent_hours=24")]).then(([open, recent]) => {
    const openIds = new Set(open.map((alert) => alert.id));
    // An alert this page holds as open, no longer open on the server, was acknowledged meanwhile.
    for (const [id, alert] of alerts) {
      if (alert.state !== "acknowledged" && !openIds.has(id)) alerts.delete(id);
    }
    recent.concat(open).forEach((alert) => { alerts.set(alert.id, alert); });
    renderAlerts();
  });
}

function rank(alert) { return { escalated: 0, open: 1, acknowledged: 2 }[alert.state]; }
function newestFirst(a, b) { return (b.raised_at < a.raised_at ? -1 : b.raised_at > a.raised_at ? 1 : b.id - a.id); }

function alertItem(alert) {
  return alert.state === "acknowledged" ? acknowledgedItem(alert) : openItem(alert);
}

function what(alert) {
  return alert.category_label + (alert.where ? " " + alert.where : "") + (alert.exercise ? " (EXERCISE)" : "");
}

// An acknowledged SIGEVENT: what, where and when first; it asks nothing of the floor, so it is smaller.
function acknowledgedItem(alert) {
  const item = element("li", "wall-alert acknowledged");
  item.dataset.alertId = String(alert.id);
  item.dataset.state = alert.state;
  item.append(element("div", "wall-alert-what", what(alert)));
  item.append(element("div", "wall-alert-when", alert.ccir_title + " · " + alert.occurred_dtg));
  item.append(element("div", "wall-alert-ack", "Ack. " + alert.acknowledged_by + " " + alert.acknowledged_dtg));
  item.append(element("div", "wall-alert-marking", alert.marking));
  return item;
}

function openItem(alert) {
  const item = element("li", "wall-alert " + alert.state);
  item.dataset.alertId = String(alert.id);
  item.dataset.state = alert.state;
  const head = element("div", "wall-alert-head");
  if (alert.state === "escalated") head.append(element("span", "wall-tag", "ESCALATED"));
  head.append(element("span", "wall-alert-ccir", alert.ccir_title));
  item.append(head);
  item.append(element("div", "wall-alert-what", what(alert)));
  item.append(element("div", "wall-alert-when", "Occurred " + alert.occurred_dtg));
  item.append(element("div", "wall-alert-when", "Raised " + alert.raised_dtg));
  item.append(element("div", "wall-alert-marking", alert.marking));
  return item;
}

function fill(list, shown, limit, none) {
  list.replaceChildren(...shown.slice(0, limit).map(alertItem));
  list.dataset.total = String(shown.length);
  document.getElementById(none).hidden = shown.length > 0;
}

// A list shows the items that fit whole (a cut-off line is worse than none from 5 m), then "+ N more".
function fit(list) {
  const total = Number(list.dataset.total || 0);
  const items = [...list.querySelectorAll("li.wall-alert")];
  list.querySelectorAll("li.wall-more").forEach((more) => { more.remove(); });
  items.forEach((item) => { item.hidden = false; });
  const more = element("li", "wall-more");
  const bottom = () => list.getBoundingClientRect().top + list.clientHeight;
  let shown = items.length;
  const overflows = () => shown > 0 && items[shown - 1].getBoundingClientRect().bottom > bottom() + 1;
  while (overflows()) items[--shown].hidden = true;
  if (total > shown) {
    list.append(more);
    more.textContent = "+ " + (total - shown) + " more";
    while (shown > 0 && more.getBoundingClientRect().bottom > bottom() + 1) {
      items[--shown].hidden = true;
      more.textContent = "+ " + (total - shown) + " more";
    }
  }
  list.dataset.shown = String(shown);
}

function fitColumn() {
  fit(openList);
  fit(recentList);
}
window.addEventListener("resize", debounce(fitColumn, 200));

function renderAlerts() {
  const cutoff = iso(new Date(Date.now() - WINDOW_MS));
  for (const [id, alert] of alerts) {
    if (alert.state === "acknowledged" && String(alert.raised_at) < cutoff) alerts.delete(id);
  }
  const all = [...alerts.values()];
  const open = all.filter((alert) => alert.state !== "acknowledged").sort((a, b) => rank(a) - rank(b) || newestFirst(a, b));
  const recent = all.filter((alert) => alert.state === "acknowledged").sort(newestFirst);
  fill(openList, open, SHOWN_OPEN, "wall-open-none");
  fill(recentList, recent, SHOWN_RECENT, "wall-recent-none");
  const escalated = open.filter((alert) => alert.state === "escalated").length;
  document.getElementById("wall-open-count").textContent = open.length ? "(" + open.length + ")" : "";
  document.body.classList.toggle("wall-escalated", escalated > 0);
  fitColumn();
  // What the column holds counts in the banner, as what the map draws does.
  ctx.banner.set("alerts", open.slice(0, SHOWN_OPEN).concat(recent.slice(0, SHOWN_RECENT)).map((alert) => alert.marking));
}

// --- the clock -------------------------------------------------------------------------------------------
const zulu = document.getElementById("wall-zulu");
const local = document.getElementById("wall-local");

function hhmm(date, zone) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(date).replace(":", "");
}

function tick() {
  const now = new Date();
  zulu.textContent = dtg(now);
  local.textContent = new Intl.DateTimeFormat("en-GB", {
    timeZone: localZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).format(now);
}
tick();
setInterval(tick, 1000);

// --- no pointer on a wall: the cursor goes after a few seconds without movement ---------------------------
let idleTimer = null;
function awake() {
  document.body.classList.remove("wall-idle");
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => { document.body.classList.add("wall-idle"); }, CURSOR_IDLE_MS);
}
document.addEventListener("mousemove", awake);
awake();
