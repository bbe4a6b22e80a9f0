// The view in the address bar, so that a view can be shared and a reload restores it:
//   ?lat=42.85&lon=20.87&zoom=11&layers=events,units,sites&window=7d
//   ?window=custom&since=2026-01-01T00:00:00Z&until=2026-01-08T00:00:00Z
import { iso } from "./dom.js";

const PRESETS = ["24h", "7d", "30d", "custom"];

function number(params, name) {
  if (!params.has(name)) return null;
  const value = parseFloat(params.get(name));
  return isFinite(value) ? value : null;
}

function date(params, name) {
  const value = params.get(name);
  if (!value) return null;
  const parsed = new Date(value);
  return isNaN(parsed.getTime()) ? null : parsed;
}

export function readUrlState(knownLayers) {
  const params = new URLSearchParams(window.location.search);
  const state = {
    lat: number(params, "lat"),
    lon: number(params, "lon"),
    zoom: number(params, "zoom"),
    layers: null,
    window: PRESETS.indexOf(params.get("window")) >= 0 ? params.get("window") : "24h",
    since: date(params, "since"),
    until: date(params, "until")
  };
  if (params.has("layers")) {
    state.layers = params.get("layers").split(",").filter((name) => knownLayers.indexOf(name) >= 0);
  }
  if (state.window === "custom" && !(state.since && state.until && state.since < state.until)) {
    state.window = "24h";
  }
  return state;
}

export function writeUrlState(state) {
  const params = new URLSearchParams();
  params.set("lat", state.lat.toFixed(4));
  params.set("lon", state.lon.toFixed(4));
  params.set("zoom", String(Math.round(state.zoom * 100) / 100));
  params.set("layers", state.layers.join(","));
  params.set("window", state.window);
  if (state.window === "custom") {
    params.set("since", iso(state.since));
    params.set("until", iso(state.until));
  }
  const query = "?" + params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
  if (query !== window.location.search) window.history.replaceState(null, "", query + window.location.hash);
}
