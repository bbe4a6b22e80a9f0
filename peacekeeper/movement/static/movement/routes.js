// The route planner: names or map clicks in, the fastest route and alternatives drawn, or why none exists.
import { el, getJSON, makeMap, roadStyle, raiseBanner } from "./basemap.js";

const L = window.L;

const mapElement = document.getElementById("mv-map");
const api = mapElement.dataset.api;
const form = document.getElementById("mv-route-form");
const result = document.getElementById("mv-route-result");
const ends = { origin: null, destination: null };
const ROUTE_COLOURS = ["#1f618d", "#7d3c98", "#117864"];
let map;
let drawn = null;

function minutesText(minutes) {
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

function params() {
  const query = new URLSearchParams();
  for (const name of ["origin", "destination"]) {
    const click = ends[name];
    const input = document.getElementById("mv-" + name);
    if (click && input.value === click.label) {
      query.set(name + "_lat", click.lat);
      query.set(name + "_lon", click.lon);
    } else {
      query.set(name, input.value);
    }
  }
  const avoid = document.getElementById("mv-avoid").value;
  if (avoid) query.set("avoid_level", avoid);
  const at = document.getElementById("mv-route-at").value;
  if (at) query.set("at", new Date(at + ":00Z").toISOString());
  return query;
}

function draw(answer) {
  if (drawn) drawn.remove();
  drawn = L.featureGroup();
  answer.routes.slice().reverse().forEach((route, reversedIndex) => {
    const index = answer.routes.length - 1 - reversedIndex;
    for (const segment of route.segments) {
      const casing = L.geoJSON(segment.geometry, { pane: "roads", style: { color: ROUTE_COLOURS[index], weight: index === 0 ? 12 : 8, opacity: index === 0 ? 0.55 : 0.35 } });
      casing.addTo(drawn);
      L.geoJSON(segment.geometry, { pane: "roads", style: roadStyle(segment.status) }).addTo(drawn);
    }
  });
  for (const row of answer.unroutable ? answer.unroutable.cut : []) {
    L.geoJSON(row.geometry, { pane: "roads", style: roadStyle("closed", true) })
      .bindTooltip(`${row.road_code} ${row.from_place} – ${row.to_place}: ${row.why.join("; ")}`, { permanent: true, className: "mv-tooltip" })
      .addTo(drawn);
  }
  for (const [name, end] of [["Start", answer.origin], ["Destination", answer.destination]]) {
    L.circleMarker([end.lat, end.lon], { pane: "points", radius: 9, weight: 3, color: "#17202a", fillColor: "#f4d03f", fillOpacity: 1 })
      .bindTooltip(`${name}: ${end.query}`, { permanent: true, direction: "top", className: "mv-tooltip" }).addTo(drawn);
  }
  drawn.addTo(map);
  // The side panel may have grown with the answer, and the map with it: measure again before fitting.
  map.invalidateSize({ animate: false });
  if (drawn.getLayers().length) map.fitBounds(drawn.getBounds(), { padding: [40, 40], maxZoom: 11, animate: false });
}

function describe(answer) {
  const parts = [];
  const snap = (end) => end.snap_km > 0.05 ? ` (snapped ${end.snap_km} km to ${end.snapped_to})` : "";
  parts.push(el("p", {}, el("strong", { text: `${answer.origin.query} → ${answer.destination.query}` }),
    document.createTextNode(snap(answer.origin) + snap(answer.destination))));
  if (answer.avoided_areas.length) {
    parts.push(el("p", { class: "small", text: "Avoiding: " + answer.avoided_areas.map((a) => `${a.name} (level ${a.level})`).join(", ") }));
  }
  if (answer.network_approximate) {
    parts.push(el("p", { class: "small muted", "data-testid": "approximate", text: "Approximate road network: distances and times are estimates." }));
  }
  answer.routes.forEach((route, index) => {
    const box = el("div", { class: "route" + (index === 0 ? " best" : ""), "data-testid": "route" },
      el("h3", { text: `${index === 0 ? "Fastest" : "Alternative " + index}: ${minutesText(route.minutes)} · ${route.km} km` }),
      el("p", { class: "small", text: "via " + route.towns.join(" → ") }),
      el("p", { class: "small muted", text: "roads " + route.roads.join(" → ") }));
    if (route.restricted_segments) box.append(el("p", { class: "small", text: `${route.restricted_segments} restricted segment(s): expect delays` }));
    parts.push(box);
  });
  if (answer.unroutable) {
    const box = el("div", { class: "unroutable", "data-testid": "unroutable" }, el("strong", { text: "No route. " }),
      document.createTextNode(answer.unroutable.reason));
    if (answer.unroutable.cut.length) {
      box.append(el("ul", {}, ...answer.unroutable.cut.map((row) =>
        el("li", { text: `${row.designations.join(" / ")} ${row.from_place} – ${row.to_place}: ${row.why.join("; ")}` }))));
    }
    parts.push(box);
  }
  result.replaceChildren(...parts);
}

async function plan(event) {
  if (event) event.preventDefault();
  result.textContent = "Planning…";
  try {
    const answer = await getJSON(`${api}movement/route?${params()}`);
    describe(answer);  // first: the panel's new height sets the map's, which draw() measures
    draw(answer);
    raiseBanner(api, answer.markings);
    mapElement.dataset.routes = String(answer.routes.length);
  } catch (error) {
    result.replaceChildren(el("p", { class: "error", text: error.message }));
  }
}

form.addEventListener("submit", plan);

makeMap(mapElement).then((created) => {
  map = created;
  let next = "origin";
  map.on("click", (event) => {
    const label = `${event.latlng.lat.toFixed(4)}, ${event.latlng.lng.toFixed(4)}`;
    ends[next] = { lat: event.latlng.lat, lon: event.latlng.lng, label: label };
    document.getElementById("mv-" + next).value = label;
    next = next === "origin" ? "destination" : "origin";
    if (ends.origin && ends.destination && next === "origin") plan();
  });
  mapElement.dataset.ready = "true";
  if (form.origin.value && form.destination.value) plan();
});
