// Roads drawn by class, as a printed road map draws them: a dark casing under a lighter fill, wider for a
// higher class and at closer zooms, and the road's designation in a small shield where there is room.
// The basemap draws them so; the COP draws its roads layer the same way, its fill coloured by freedom of
// movement where a report says (cop/layers.js).
const L = window.L;

export const ROAD_CLASSES = {
  motorway: { casing: "#1b3a5c", fill: "#5b8fd0", width: 4.5 },
  national: { casing: "#6e4b1f", fill: "#fbe3a6", width: 3.6 },
  regional: { casing: "#626d71", fill: "#ffffff", width: 2.6 }
};
const SHIELD_ZOOM = 11;
const SHIELD_SPACING_PX = 220;

// A road's class: the data's road_class or, where it has none, its code's letter as Kosovo's roads are
// numbered: R with one digit a motorway (R6, R7), M (the former magistral roads) and N national, any other
// R regional.
export function roadClass(properties) {
  if (ROAD_CLASSES[properties.road_class]) return properties.road_class;
  const code = String(properties.road_code || "").toUpperCase();
  if (/^R-?\d$/.test(code)) return "motorway";
  if (/^[MN]/.test(code)) return "national";
  return "regional";
}

// Lines grow with the zoom: thin at the theatre's zoom, full width around a town.
function scaleAt(zoom, compact) {
  const scale = Math.min(1.5, Math.max(0.55, 0.55 + (zoom - 8) * 0.22));
  return compact ? scale * 0.6 : scale;
}

export function casingStyle(feature, zoom, compact) {
  const road = ROAD_CLASSES[roadClass(feature.properties)];
  return {
    color: road.casing, weight: road.width * scaleAt(zoom, compact) + 2.2, opacity: 0.95, lineCap: "round",
    // Approximate (a straight line between places): the casing is broken, the road still reads as a road.
    dashArray: feature.properties.approximate ? "7 4" : null
  };
}

export function fillStyle(feature, zoom, compact) {
  const road = ROAD_CLASSES[roadClass(feature.properties)];
  return { color: road.fill, weight: road.width * scaleAt(zoom, compact), opacity: 1, lineCap: "round", dashArray: null };
}

// A shield names the road's primary designation (its popup gives every one).
function designation(properties) {
  const given = properties.designations;
  return properties.road_code || (Array.isArray(given) && given.length ? given[0] : "");
}

function shieldIcon(text, cls) {
  const span = document.createElement("span");
  span.textContent = text;
  return L.divIcon({ className: "basemap-road-shield road-" + cls, html: span, iconSize: null });
}

// Shields at the middle of each segment long enough on screen, no two of one road closer than the spacing.
function placeShields(map, data, group) {
  group.clearLayers();
  if (map.getZoom() < SHIELD_ZOOM) return;
  const placed = new Map();
  const view = map.getBounds().pad(0.1);
  for (const feature of data.features) {
    const geometry = feature.geometry;
    if (!geometry || geometry.type !== "LineString" || geometry.coordinates.length < 2) continue;
    const text = designation(feature.properties);
    if (!text) continue;
    const points = geometry.coordinates.map(([lon, lat]) => map.latLngToLayerPoint([lat, lon]));
    let length = 0;
    for (let i = 1; i < points.length; i += 1) length += points[i].distanceTo(points[i - 1]);
    if (length < 120) continue;
    let walked = 0;
    let middle = points[0];
    for (let i = 1; i < points.length; i += 1) {
      const step = points[i].distanceTo(points[i - 1]);
      if (walked + step >= length / 2) {
        middle = points[i - 1].add(points[i].subtract(points[i - 1]).multiplyBy((length / 2 - walked) / step));
        break;
      }
      walked += step;
    }
    const at = map.layerPointToLatLng(middle);
    if (!view.contains(at)) continue;
    const others = placed.get(text) || [];
    if (others.some((point) => point.distanceTo(middle) < SHIELD_SPACING_PX)) continue;
    others.push(middle);
    placed.set(text, others);
    L.marker(at, {
      icon: shieldIcon(text, roadClass(feature.properties)), interactive: false, keyboard: false, pane: "basemap-labels"
    }).addTo(group);
  }
}

// Whom a map showing these roads must credit: each segment names its data's source (Travel Mapping,
// OpenStreetMap). Leaflet writes an attribution as HTML, so the text goes through a text node first.
export function roadCredit(data) {
  const credits = [...new Set(data.features.map((feature) => feature.properties.credit).filter(Boolean))];
  if (!credits.length) return null;
  const span = document.createElement("span");
  span.textContent = "Roads: " + credits.join(", ");
  return span.innerHTML;
}

// The roads of a GeoJSON collection by class, restyled as the zoom changes. options: pane (casing and
// fill), compact, fill (feature, base style) => style for a page's own colouring, onEachFeature for the
// fill lines (their popups), attribution (default: roadCredit), shields: false for none. Returns a layer
// group with `restyle()`.
export function classRoads(map, data, options = {}) {
  const zoom = () => map.getZoom();
  const fill = (feature) => {
    const base = fillStyle(feature, zoom(), options.compact);
    return options.fill ? options.fill(feature, base) : base;
  };
  const casing = L.geoJSON(data, {
    pane: options.pane, interactive: false, style: (feature) => casingStyle(feature, zoom(), options.compact)
  });
  const lines = L.geoJSON(data, {
    pane: options.pane, interactive: Boolean(options.onEachFeature), style: fill, onEachFeature: options.onEachFeature
  });
  const shields = L.layerGroup();
  const attribution = options.attribution === undefined ? roadCredit(data) : options.attribution;
  const group = L.featureGroup([casing, lines], { attribution: attribution || undefined });
  if (options.shields !== false && !options.compact) group.addLayer(shields);
  group.restyle = () => {
    casing.setStyle((feature) => casingStyle(feature, zoom(), options.compact));
    lines.setStyle(fill);
  };
  const onZoom = () => group.restyle();
  const onMove = () => { if (map.hasLayer(group)) placeShields(map, data, shields); };
  group.on("add", () => {
    map.on("zoomend", onZoom);
    map.on("moveend", onMove);
    group.restyle();
    placeShields(map, data, shields);
  });
  group.on("remove", () => {
    map.off("zoomend", onZoom);
    map.off("moveend", onMove);
  });
  return group;
}
