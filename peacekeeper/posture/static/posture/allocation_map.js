// The allocation on a map with no tiles: municipality outlines from this server, tasks coloured by
// priority (ringed red when a requirement is unmet), camps, and a line from each unit's camp to its task.
// Names go into the page as text nodes, never as HTML.
import { createMap } from "../theatre/basemap.js";

const element = document.getElementById("posture-map");
const data = JSON.parse(document.getElementById("posture-map-data").textContent);
const PRIORITY_COLOURS = { 1: "#c0392b", 2: "#d68910", 3: "#2471a3", 4: "#5d6d7e", 5: "#85929e" };

function label(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

if (element && window.L) {
  const L = window.L;
  // This map is smaller than the picture's, so it opens half a step further out to show the same ground.
  const map = createMap(element, { zoomOffset: -0.5 });
  fetch(element.dataset.areas, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : null))
    .then((areas) => {
      if (areas) L.geoJSON(areas, { style: { color: "#7f8c8d", weight: 1, fill: false }, interactive: false }).addTo(map);
    });
  const points = [];
  for (const link of data.links) {
    L.polyline([link.from, link.to], { color: "#1c2833", weight: 2, opacity: 0.7, dashArray: link.pinned ? null : "4 4" })
      .bindTooltip(label(`${link.unit} → ${link.task}: ${link.km} km`))
      .addTo(map);
    points.push(link.from);
  }
  for (const camp of data.camps) {
    L.circleMarker(camp.at, { radius: 5, color: "#1c2833", fillColor: "#fdfefe", fillOpacity: 1, weight: 2 })
      .bindTooltip(label(camp.name))
      .addTo(map);
  }
  for (const task of data.tasks) {
    L.circleMarker(task.at, {
      radius: 9,
      color: task.unmet ? "#e74c3c" : "#1c2833",
      weight: task.unmet ? 4 : 1,
      fillColor: PRIORITY_COLOURS[task.priority] || "#5d6d7e",
      fillOpacity: 0.9,
    })
      .bindTooltip(label(`${task.name} (priority ${task.priority})${task.unmet ? ": requirement unmet" : ""}`))
      .addTo(map);
    points.push(task.at);
  }
  if (points.length) map.fitBounds(points, { padding: [20, 20], maxZoom: 10 });
  element.dataset.ready = "true";
}
