// The report form, made for the keyboard: Ctrl+Enter saves and submits, Ctrl+S saves a draft,
// Alt+T (or the Now button) fills in the current time, and places are picked from the gazetteer
// with the arrow keys and Enter. Only one way of giving the location is kept at a time: a grid, a
// place or a map point. Text from the server is only ever set with textContent.
import { dtg as formatDtg, readDtg } from "../theatre/dtg.js";
import { miniMap } from "./minimap.js";

const form = document.getElementById("report-form");
const dtg = document.getElementById("id_dtg");
const mgrs = document.getElementById("id_mgrs");
const placeQuery = document.getElementById("id_place_query");
const placeId = document.getElementById("id_place_id");
const lat = document.getElementById("id_lat");
const lon = document.getElementById("id_lon");
const results = document.getElementById("place-results");
const locationMessage = document.getElementById("location-msg");

const pointMap = miniMap(document.getElementById("entry-map"));

// --- time -------------------------------------------------------------------------------------
// As the DTG is typed, what it will be read as is said under the field (a shorthand with its assumption:
// "read as 060300ZDEC26 — this month and year assumed"), so the full DTG is seen before saving. The
// server says the same when the field is left (check_dtg), and reads it alike when the form is saved.
const dtgMessage = document.getElementById("dtg-msg");
function echoDtg() {
  const text = dtg.value.trim();
  if (!text || text.toLowerCase() === "now") return;
  const read = readDtg(text, { zone: dtg.dataset.localZone || "Europe/Belgrade" });
  // Digits still being typed ("06", "0603") are not yet an error worth shouting about.
  if (read.error && /^[0-9]{0,5}$/.test(text.replace(/\s+/g, ""))) { dtgMessage.replaceChildren(); return; }
  const line = document.createElement("span");
  line.className = "field-msg " + (read.error ? "error" : "ok");
  line.dataset.testid = "dtg-echo";
  line.textContent = read.error || read.echo;
  dtgMessage.replaceChildren(line);
}
dtg.addEventListener("input", echoDtg);
if (dtg.value.trim() && !dtgMessage.querySelector(".field-msg")) echoDtg();

document.getElementById("dtg-now").addEventListener("click", () => {
  dtg.value = formatDtg(new Date());
  window.htmx.trigger(dtg, "blur");
  mgrs.focus();
});

// --- location: one way at a time ---------------------------------------------------------------
function clearPoint() { lat.value = ""; lon.value = ""; }
function clearPlace() { placeId.value = ""; }

mgrs.addEventListener("input", () => {
  if (mgrs.value.trim()) { clearPlace(); placeQuery.value = ""; clearPoint(); closeList(); }
});

pointMap.map.on("click", (event) => {
  lat.value = event.latlng.lat.toFixed(6);
  lon.value = event.latlng.lng.toFixed(6);
  mgrs.value = "";
  clearPlace();
  placeQuery.value = "";
  pointMap.show(event.latlng.lat, event.latlng.lng);
  lat.dispatchEvent(new Event("change", { bubbles: true }));
});

// The server's answer about a location carries the point it found; show it on the map.
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target !== locationMessage) return;
  const found = locationMessage.querySelector("[data-lat]");
  if (found) pointMap.show(parseFloat(found.dataset.lat), parseFloat(found.dataset.lon));
});

// --- gazetteer ---------------------------------------------------------------------------------
let matches = [];
let selected = -1;
let pending = null;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function closeList() {
  matches = [];
  selected = -1;
  renderList();
}

function renderList() {
  results.replaceChildren();
  results.hidden = matches.length === 0;
  placeQuery.setAttribute("aria-expanded", matches.length ? "true" : "false");
  placeQuery.removeAttribute("aria-activedescendant");
  matches.forEach((match, index) => {
    const item = element("li", index === selected ? "selected" : "");
    item.id = "place-option-" + index;
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", index === selected ? "true" : "false");
    item.appendChild(element("span", "match-name", match.name));
    if (match.matched_name !== match.name) item.appendChild(element("span", "match-alt", " (" + match.matched_name + ")"));
    item.appendChild(element("span", "match-area", [match.kind, match.area_name].filter(Boolean).join(" · ")));
    item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(index); });
    results.appendChild(item);
    if (index === selected) placeQuery.setAttribute("aria-activedescendant", item.id);
  });
}

function choose(index) {
  const match = matches[index];
  if (!match) return;
  placeQuery.value = match.name;
  placeId.value = String(match.place_id);
  mgrs.value = "";
  clearPoint();
  closeList();
  placeId.dispatchEvent(new Event("change", { bubbles: true }));
}

placeQuery.addEventListener("input", () => {
  const query = placeQuery.value.trim();
  clearPlace();
  if (pending) pending.abort();
  if (!query) { closeList(); return; }
  pending = new AbortController();
  fetch(form.dataset.gazetteer + "?limit=8&q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : []))
    .then((found) => { matches = found; selected = found.length ? 0 : -1; renderList(); })
    .catch(() => {});
});

placeQuery.addEventListener("keydown", (event) => {
  if (!matches.length) return;
  if (event.key === "ArrowDown") { selected = Math.min(selected + 1, matches.length - 1); renderList(); event.preventDefault(); }
  else if (event.key === "ArrowUp") { selected = Math.max(selected - 1, 0); renderList(); event.preventDefault(); }
  else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) { choose(selected); event.preventDefault(); event.stopPropagation(); }
  else if (event.key === "Escape") { closeList(); event.preventDefault(); }
});
placeQuery.addEventListener("blur", () => { window.setTimeout(closeList, 150); });

// --- saving ------------------------------------------------------------------------------------
let submitting = false;
form.addEventListener("submit", (event) => {
  if (submitting) { event.preventDefault(); return; }
  submitting = true;
});

form.addEventListener("keydown", (event) => {
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && key === "Enter") {
    event.preventDefault();
    form.requestSubmit(form.querySelector("[data-primary]"));
  } else if ((event.ctrlKey || event.metaKey) && (key === "s" || key === "S")) {
    event.preventDefault();
    form.requestSubmit(form.querySelector("[data-draft]"));
  } else if (key === "Enter" && event.target.tagName === "INPUT" && event.target.type !== "checkbox") {
    // Enter alone does not save a half-typed report: saving is Ctrl+Enter or a button.
    event.preventDefault();
  }
});
