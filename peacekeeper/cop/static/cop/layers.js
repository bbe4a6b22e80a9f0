// The theatre's layers that do not change with the time window: municipalities (shaded by level),
// roads and crossing points (coloured by freedom of movement), places, camps and sites, units.
// Each loader resolves to { layer, count, markings } (markings: of the labels the layer shows, see
// marking.js); styles read ctx.levels and ctx.fom when drawn.
import { classRoads } from "../theatre/roads.js";
import { markingsOf } from "./marking.js";
import { areaPopup, crossingPopup, placePopup, roadPopup, sitePopup, unitPopup } from "./popups.js";

const L = window.L;

const FOM_COLOURS = { open: "#1e8449", restricted: "#f39c12", closed: "#c0392b", none: "#7f8c8d" };
const LEVEL_COLOURS = ["#dfe6e9", "#fff5eb", "#fdd0a2", "#fd8d3c", "#e6550d", "#a63603"];
const SITE_COLOURS = { camp: "#1f618d", protected: "#b7950b", bridge: "#d35400", other: "#566573" };

// An APP-6 symbol as a marker icon: an <img> of /cop/symbols/<sidc>.svg, centred on the position.
export function symbolIcon(ctx, sidc, label, extraClass, offset) {
  const img = document.createElement("img");
  img.src = ctx.symbolUrl(sidc);
  img.alt = label || sidc;
  img.draggable = false;
  if (offset) img.style.transform = "translate(" + offset[0] + "px, " + offset[1] + "px)";
  return L.divIcon({ className: "cop-symbol " + (extraClass || ""), html: img, iconSize: null });
}

// Symbols at one point (the units of one camp) are spread on a ring around it, so none hides another.
const SPREAD_PX = 26;
function spreadOffsets(features) {
  const atPoint = new Map();
  features.forEach((feature) => {
    if (!feature.geometry || feature.geometry.type !== "Point") return;
    const key = feature.geometry.coordinates.map((v) => v.toFixed(5)).join(",");
    if (!atPoint.has(key)) atPoint.set(key, []);
    atPoint.get(key).push(feature);
  });
  const offsets = new Map();
  atPoint.forEach((group) => {
    if (group.length < 2) return;
    group.forEach((feature, i) => {
      const angle = (2 * Math.PI * i) / group.length - Math.PI / 2;
      const radius = SPREAD_PX * Math.max(1, group.length / 6);
      offsets.set(feature, [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))]);
    });
  });
  return offsets;
}

function fomOf(table, id) {
  return table && Object.prototype.hasOwnProperty.call(table, String(id)) ? table[String(id)] : null;
}

function areaStyle(ctx, feature) {
  const level = ctx.levels[feature.properties.code];
  // Over a deployment's map tiles (basemap.js), a lighter shade: the map under it must stay readable.
  const tiled = ctx.mapElement.classList.contains("basemap-tiled");
  return {
    color: "#34495e", weight: 1.2,
    fillColor: LEVEL_COLOURS[level ? level.level : 0] || LEVEL_COLOURS[0],
    fillOpacity: (level ? 0.6 : 0.45) * (tiled ? 0.5 : 1)
  };
}

export function loadAreas(ctx) {
  return ctx.get("theatre/areas.geojson").then((data) => {
    const layer = L.geoJSON(data, {
      pane: "areas",
      style: (feature) => areaStyle(ctx, feature),
      onEachFeature: (feature, item) => {
        item.bindTooltip(feature.properties.name_en, { sticky: true, className: "area-tooltip" });
        item.bindPopup(() => areaPopup(feature.properties, ctx.levels[feature.properties.code]));
        item.on("mouseover", () => { item.setStyle({ fillOpacity: 0.8 }); });
        item.on("mouseout", () => { layer.resetStyle(item); });
        // The areas are the background: keep their shapes out of the Tab order.
        item.on("add", () => { const path = item.getElement(); if (path) path.setAttribute("tabindex", "-1"); });
      }
    });
    layer.restyle = () => { layer.setStyle((feature) => areaStyle(ctx, feature)); };
    return { layer, count: data.features.length, markings: [] };
  });
}

// Roads are drawn by class as on the basemap (theatre/roads.js), an open road as any road map draws it; a
// restriction in force colours the fill and widens it (dashed when restricted, solid when closed).
function roadFill(ctx, feature, base) {
  const fom = fomOf(ctx.fom.segments, feature.id);
  if (!fom || fom.status === "open") return base;
  return {
    ...base,
    color: FOM_COLOURS[fom.status] || FOM_COLOURS.none,
    weight: base.weight + 2.5,
    dashArray: fom.status === "restricted" ? "10 6" : null
  };
}

export function loadRoads(ctx) {
  return ctx.get("theatre/roads.geojson").then((data) => {
    const layer = classRoads(ctx.map, data, {
      pane: "roads",
      fill: (feature, base) => roadFill(ctx, feature, base),
      onEachFeature: (feature, item) => {
        item.bindPopup(() => roadPopup(feature.properties, fomOf(ctx.fom.segments, feature.id)));
      }
    });
    return { layer, count: data.features.length, markings: [] };
  });
}

// Point layers: circle markers unless a feature has an APP-6 symbol. Symbols go in the "symbols" pane,
// under the events' clusters and markers: a camp's units never hide the reports around it.
function pointLayer(ctx, path, options) {
  return ctx.get(path).then((data) => {
    const offsets = options.symbol ? spreadOffsets(data.features) : new Map();
    const layer = L.geoJSON(data, {
      pointToLayer: (feature, latlng) => {
        const p = feature.properties;
        if (options.symbol && p.sidc) {
          const offset = offsets.get(feature);
          return L.marker(latlng, {
            icon: symbolIcon(ctx, p.sidc, p.name, p.approximate ? "approximate" : "", offset),
            title: p.name, keyboard: true, pane: "symbols"
          });
        }
        const style = options.style(feature);
        style.pane = options.pane || "overlayPane";
        if (p.approximate) style.dashArray = "3 3";
        return L.circleMarker(latlng, style);
      },
      onEachFeature: (feature, item) => {
        item.bindTooltip(feature.properties.name, { direction: "top", offset: [0, -8] });
        item.bindPopup(() => options.popup(feature));
      }
    });
    layer.restyle = () => {
      if (!options.restyle) return;
      layer.eachLayer((item) => { if (item.setStyle) item.setStyle(options.style(item.feature)); });
    };
    return { layer, count: data.features.length, markings: markingsOf(data) };
  });
}

export function loadPlaces(ctx) {
  return pointLayer(ctx, "theatre/places.geojson", {
    pane: "places",
    style: (feature) => {
      // Small: the basemap names the settlements (with a dot for each town); these are the gazetteer's
      // places, there to be clicked for their names in every language.
      const big = (feature.properties.population || 0) >= 10000;
      return { radius: big ? 3 : 2, color: "#566573", weight: 1, fillColor: "#ffffff", fillOpacity: 0.9 };
    },
    popup: (feature) => placePopup(feature.properties)
  });
}

export function loadCrossings(ctx) {
  return pointLayer(ctx, "theatre/crossings.geojson", {
    restyle: true,
    style: (feature) => {
      const fom = fomOf(ctx.fom.crossings, feature.id);
      const colour = FOM_COLOURS[fom ? fom.status : "none"] || FOM_COLOURS.none;
      return { radius: 8, color: "#17202a", weight: 2, fillColor: colour, fillOpacity: 0.95 };
    },
    popup: (feature) => crossingPopup(feature.properties, fomOf(ctx.fom.crossings, feature.id))
  });
}

export function loadSites(ctx) {
  return pointLayer(ctx, "theatre/sites.geojson", {
    symbol: true,
    style: (feature) => {
      const colour = SITE_COLOURS[feature.properties.kind] || SITE_COLOURS.other;
      return { radius: 8, color: "#17202a", weight: 2, fillColor: colour, fillOpacity: 0.95 };
    },
    popup: (feature) => sitePopup(feature.properties)
  });
}

export function loadUnits(ctx) {
  return pointLayer(ctx, "forces/units.geojson", {
    symbol: true,
    style: () => ({ radius: 7, color: "#17202a", weight: 2, fillColor: "#80c8ff", fillOpacity: 0.95 }),
    popup: (feature) => unitPopup(feature.properties)
  });
}
