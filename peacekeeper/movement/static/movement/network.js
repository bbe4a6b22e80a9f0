// The network page: roads, crossings and bridges coloured by status at the chosen moment; history on click.
import { COLOURS, el, getJSON, makeMap, roadStyle, raiseBanner } from "./basemap.js";

const L = window.L;

const mapElement = document.getElementById("mv-map");
const api = mapElement.dataset.api;
const atInput = document.getElementById("mv-at");
const slider = document.getElementById("mv-slider");
const summary = document.getElementById("mv-summary");
const historyBox = document.getElementById("mv-history");
let map;
let drawn = null;
let request = 0;

function toInput(date) {
  return date.toISOString().slice(0, 16);
}

function fromInput(value) {
  return value ? new Date(value + ":00Z") : new Date();
}

function describe(item, kind) {
  const state = item.state;
  const name = kind === "segment" ? `${item.designations.join(" / ")} ${item.start} – ${item.end}` : item.name;
  const lines = [el("strong", { text: name }), el("br"), el("span", { class: `mv-status ${state.status}`, text: state.status })];
  if (state.cause) lines.push(el("br"), document.createTextNode(state.cause));
  if (state.via.length) lines.push(el("br"), document.createTextNode("via " + state.via.join(", ")));
  return el("div", { class: "mv-tooltip" }, ...lines);
}

async function showHistory(kind, id, title) {
  historyBox.hidden = false;
  document.getElementById("mv-history-title").textContent = "History: " + title;
  const list = document.getElementById("mv-history-list");
  list.replaceChildren(el("li", { text: "Loading…" }));
  try {
    const rows = await getJSON(`${api}movement/history/${kind}/${id}`);
    raiseBanner(api, rows.map((row) => row.marking));
    list.replaceChildren(...(rows.length ? rows.map((row) => el("li", {},
      el("span", { class: `mv-status ${row.status}`, text: row.status }), " ",
      el("span", { class: "when", text: `${row.started_at.slice(0, 16).replace("T", " ")}Z · ${row.duration}` }),
      el("br"), document.createTextNode(row.summary),
      el("br"), el("span", { class: "muted small", text: `${row.ended} · ${row.report_id ? "report #" + row.report_id : "by hand"}${row.recorded_by ? " · " + row.recorded_by : ""} · ${row.marking}` }),
    )) : [el("li", { text: "No restriction you may see has bordered on it." })]));
  } catch (error) {
    list.replaceChildren(el("li", { class: "error", text: error.message }));
  }
}

async function load() {
  const at = fromInput(atInput.value);
  const mine = ++request;
  summary.textContent = "Loading…";
  const body = await getJSON(`${api}movement/network?at=${encodeURIComponent(at.toISOString())}`);
  if (mine !== request) return;
  const group = L.featureGroup();
  for (const segment of body.segments) {
    const line = L.geoJSON(segment.geometry, { pane: "roads", style: roadStyle(segment.state.status) });
    line.bindTooltip(() => describe(segment, "segment"), { sticky: true });
    line.on("click", () => showHistory("segment", segment.id, `${segment.road_code} ${segment.start} – ${segment.end}`));
    line.addTo(group);
  }
  for (const point of body.points) {
    const marker = L.circleMarker([point.lat, point.lon], {
      pane: "points", radius: point.kind === "bridge" ? 9 : 8, weight: 3, color: "#17202a",
      fillColor: COLOURS[point.state.status], fillOpacity: 1,
    });
    marker.bindTooltip(() => describe(point, point.kind), { sticky: true });
    marker.on("click", () => showHistory(point.kind, point.id, point.name));
    marker.addTo(group);
  }
  if (drawn) drawn.remove();
  map.invalidateSize({ animate: false });
  drawn = group.addTo(map);
  summary.replaceChildren(
    `At ${at.toISOString().slice(0, 16).replace("T", " ")}Z: `,
    el("span", { class: "open", text: `${body.open_km} km open` }), " · ",
    el("span", { class: "restricted", text: `${body.restricted_km} km restricted` }), " · ",
    el("span", { class: "closed", text: `${body.closed_km} km closed` }), ` of ${body.total_km} km`,
  );
  raiseBanner(api, body.markings);
  mapElement.dataset.ready = "true";
  mapElement.dataset.closed = String(body.segments.filter((s) => s.state.status === "closed").length);
}

function fail(error) {
  summary.textContent = "Could not load the network: " + error.message;
  summary.classList.add("error");
}

slider.addEventListener("input", () => {
  const now = new Date();
  atInput.value = toInput(new Date(now.getTime() + Number(slider.value) * 86400000));
});
slider.addEventListener("change", () => load().catch(fail));
atInput.addEventListener("change", () => load().catch(fail));
document.getElementById("mv-now").addEventListener("click", () => {
  slider.value = "0";
  atInput.value = toInput(new Date());
  load().catch(fail);
});

makeMap(mapElement).then((created) => { map = created; return load(); }).catch(fail);
