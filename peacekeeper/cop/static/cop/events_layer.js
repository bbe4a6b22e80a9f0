// The events layer: what /api/cop/events.geojson returns for the window, the zoom and the visible area.
// At low zoom the server sends clusters (numbered circles); closer in, the reports themselves.
import { element, fetchJSON, iso } from "./dom.js";
import { symbolIcon } from "./layers.js";
import { markingsOf } from "./marking.js";
import { clusterPopup, eventPopup } from "./popups.js";
import { atPlace } from "../theatre/names.js";

const L = window.L;

const GROUP_COLOURS = {
  battles: "#c0392b", explosions: "#e67e22", violence: "#8e44ad", riots: "#d81b60", protests: "#f1c40f",
  civil: "#27ae60", fom: "#2980b9", security: "#16a085", force: "#17202a", rule_of_law: "#5d6d7e",
  strategic: "#95a5a6"
};

function groupOf(category) { return String(category || "").split(".")[0]; }

// The bbox is snapped outward to a grid of half a tile at this zoom: small pans ask for the same
// URL, which the server has cached and the browser can revalidate.
function snappedBbox(map, zoom) {
  const bounds = map.getBounds().pad(0.1);
  const cell = 180 / Math.pow(2, zoom);
  const down = (v) => Math.floor(v / cell) * cell;
  const up = (v) => Math.ceil(v / cell) * cell;
  const box = [
    Math.max(-180, down(bounds.getWest())), Math.max(-85, down(bounds.getSouth())),
    Math.min(180, up(bounds.getEast())), Math.min(85, up(bounds.getNorth()))
  ];
  return box.map((v) => v.toFixed(4)).join(",");
}

function abbreviated(count) {
  if (count >= 10000) return Math.round(count / 1000) + "k";
  if (count >= 1000) return (count / 1000).toFixed(1) + "k";
  return String(count);
}

export class EventsLayer {
  constructor(ctx) {
    this.ctx = ctx;
    this.group = L.layerGroup();
    this.url = null;
    this.drawn = null;
    this.controller = null;
    this.pending = null;
    this.total = 0;
    this.byId = {};  // report id -> its marker, for the reports drawn one by one
    this.markings = [];  // of the reports in the window and view, and of those the live feed added
  }

  requestUrl(since, until) {
    const zoom = Math.floor(this.ctx.map.getZoom());
    return this.ctx.api + "cop/events.geojson?since=" + encodeURIComponent(iso(since)) +
      "&until=" + encodeURIComponent(iso(until)) + "&zoom=" + zoom +
      "&bbox=" + snappedBbox(this.ctx.map, zoom);
  }

  // Fetch (revalidating) and draw; resolves once drawn. A newer request aborts an older one.
  refresh(since, until, force) {
    const url = this.requestUrl(since, until);
    if (url === this.url && this.drawn && !force) return Promise.resolve(false);
    if (this.pending && this.pending.url === url) return this.pending.promise;
    if (this.controller) this.controller.abort();
    const controller = (this.controller = new AbortController());
    this.ctx.panel.setState("events", "loading");
    const promise = fetchJSON(url, { revalidate: true, signal: controller.signal }).then((result) => {
      if (controller !== this.controller) return false;
      this.controller = null;
      this.pending = null;
      this.url = url;
      if (result.data !== this.drawn) this.draw(result.data);
      this.ctx.panel.setState("events", "");
      return true;
    }, (error) => {
      if (error.name === "AbortError") return false;
      this.controller = null;
      this.pending = null;
      this.ctx.panel.setState("events", "error");
      throw error;
    });
    this.pending = { url, promise };
    return promise;
  }

  draw(data) {
    this.group.clearLayers();
    this.byId = {};
    this.drawn = data;
    data.features.forEach((feature) => {
      const marker = this.markerFor(feature);
      if (feature.properties.kind !== "cluster") this.byId[feature.properties.id] = marker;
      this.group.addLayer(marker);
    });
    this.total = data.total !== undefined ? data.total : data.features.length;
    this.markings = markingsOf(data);
    this.ctx.banner.set("events", this.markings);
    this.ctx.mapElement.dataset.countEvents = String(data.features.length);
    this.ctx.mapElement.dataset.eventsClustered = String(Boolean(data.clustered));
    this.ctx.panel.setCount("events", this.total + (data.clustered ? ", clustered" : ""));
  }

  markerFor(feature) {
    const p = feature.properties;
    const latlng = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
    return p.kind === "cluster" ? this.clusterMarker(latlng, p) : this.eventMarker(latlng, p);
  }

  clusterMarker(latlng, p) {
    const map = this.ctx.map;
    const size = Math.round(30 + 10 * Math.log10(Math.max(1, p.count)));
    const severity = Math.min(5, Math.max(1, p.max_severity || 1));
    const marker = L.marker(latlng, {
      icon: L.divIcon({
        className: "cop-cluster sev-" + severity, html: element("span", null, abbreviated(p.count)),
        iconSize: [size, size]
      }),
      title: p.count + " reports, highest severity " + severity + (p.top_category_label ? ", mostly " + p.top_category_label : ""),
      keyboard: true, riseOnHover: true
    });
    marker.bindTooltip(() => clusterPopup(p), { direction: "top", offset: [0, -size / 2] });
    // A cluster opens by zooming in: Enter on a focused cluster does the same.
    marker.on("click", () => { map.flyTo(latlng, Math.min(map.getZoom() + 2, 16), { duration: 0.5 }); });
    marker.on("add", () => { marker.getElement().dataset.clusterCount = String(p.count); });
    return marker;
  }

  eventMarker(latlng, p) {
    const severity = Math.min(5, Math.max(1, p.severity || 1));
    let marker;
    if (p.sidc) {
      marker = L.marker(latlng, {
        icon: symbolIcon(this.ctx, p.sidc, p.category_label, "cop-event sev-" + severity),
        title: (p.category_label || p.category) + (p.location_name ? " " + atPlace(p.location_name) : ""),
        keyboard: false
      });
    } else {
      marker = L.circleMarker(latlng, {
        pane: "events", radius: 4 + 1.6 * severity,
        color: severity >= 4 ? "#000000" : "#ffffff", weight: severity >= 4 ? 3 : 1.5,
        fillColor: GROUP_COLOURS[groupOf(p.category)] || "#95a5a6", fillOpacity: 0.9
      });
    }
    marker.bindPopup(() => eventPopup(p));
    marker.on("add", () => {
      const node = marker.getElement();
      if (node) node.setAttribute("data-event-id", String(p.id));
    });
    return marker;
  }

  // A report validated while the page is open: drawn at once, with a ring that fades.
  addLive(feature) {
    const id = feature.properties.id;
    const marker = this.markerFor(feature);
    // A report already drawn, or sent again (validated, then published), has its marker replaced.
    if (this.byId[id]) this.group.removeLayer(this.byId[id]);
    else this.total += 1;
    this.byId[id] = marker;
    this.group.addLayer(marker);
    this.ctx.panel.setCount("events", this.total + (this.drawn && this.drawn.clustered ? ", clustered" : ""));
    if (this.markings.indexOf(feature.properties.marking) < 0) {
      this.markings = this.markings.concat([feature.properties.marking]);
      this.ctx.banner.set("events", this.markings);
    }
    const ring = L.circleMarker(marker.getLatLng(), {
      pane: "live", radius: 22, className: "live-ring", color: "#f4d03f", weight: 4, fill: false, interactive: false
    });
    this.group.addLayer(ring);
    const group = this.group;
    setTimeout(() => { group.removeLayer(ring); }, 12000);
  }
}
