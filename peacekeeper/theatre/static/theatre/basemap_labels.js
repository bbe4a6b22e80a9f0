// The basemap's settlements and rivers. Settlements are labels placed by rank (cities first, then towns,
// villages, suburbs, hamlets; by population within a kind): each kind from its own zoom, and a label that
// would overlap one already placed is left out, so the map never clutters. Names are text nodes, never HTML.
const L = window.L;

// From which zoom each kind may be labelled (before the collision pass), on a full map and a compact one.
const FROM_ZOOM = {
  full: { city: 0, town: 8.25, village: 10.5, suburb: 12, hamlet: 11.5, neighbourhood: 12.5, locality: 12.5 },
  compact: { city: 0, town: 9.5, village: 12, suburb: 99, hamlet: 99, neighbourhood: 99, locality: 99 }
};
// The fonts the stylesheet gives each kind (basemap.css), for measuring the labels before placing them.
const FONTS = {
  city: "700 15px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
  town: "700 13px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
  village: "400 12px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
  suburb: "italic 400 11px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
  hamlet: "400 11px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
  neighbourhood: "italic 400 11px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif",
  locality: "italic 400 11px 'DejaVu Sans', 'Segoe UI', system-ui, sans-serif"
};
const LINE_HEIGHT = { city: 19, town: 17, village: 15, suburb: 14, hamlet: 14, neighbourhood: 14, locality: 14 };
// Cities and towns get a dot with the name to its right; smaller places a centred name.
const DOTTED = new Set(["city", "town"]);
const DOT_PX = 9;
const GAP_PX = 4;
const MAX_LABELS = 400;

let measurer = null;
function textWidth(text, font) {
  measurer = measurer || document.createElement("canvas").getContext("2d");
  measurer.font = font;
  return Math.ceil(measurer.measureText(text).width) + 4;
}

function labelText(properties) {
  return properties.kind === "city" ? properties.name.toUpperCase() : properties.name;
}

// Where a dotted label's name may go around its dot, in order of preference, and how far from it: a city's
// name may stand further off (past a camp's ring of units) rather than under them. A name alone is centred.
const SIDES = ["right", "left", "above", "below"];
const CITY_DISTANCES = [0, 24, 48];

// A name's box relative to its point (pixels, y down) on a side at a distance from the dot.
function nameBox(side, distance, width, height) {
  const off = DOT_PX / 2 + 2 + distance;
  if (side === "right") return [off, -height / 2];
  if (side === "left") return [-off - width, -height / 2];
  if (side === "above") return [-width / 2, -off - height];
  if (side === "below") return [-width / 2, off];
  return [-width / 2, -height / 2];
}

// A label's text, size and the places its name may take.
function layout(properties) {
  const kind = FONTS[properties.kind] ? properties.kind : "hamlet";
  const text = labelText(properties);
  const width = textWidth(text, FONTS[kind]);
  const height = LINE_HEIGHT[kind];
  if (!DOTTED.has(kind)) return { kind, text, width, height, sides: [{ side: "centre", at: nameBox("centre", 0, width, height) }] };
  const distances = kind === "city" ? CITY_DISTANCES : [0];
  const sides = distances.flatMap((distance) => SIDES.map((side) => ({ side, distance, at: nameBox(side, distance, width, height) })));
  return { kind, text, width, height, sides };
}

// The icon: a zero-sized box at the point, the dot centred on it and the name where the side puts it.
function labelIcon(shape, side) {
  const box = document.createElement("span");
  if (DOTTED.has(shape.kind)) {
    const dot = document.createElement("span");
    dot.className = "basemap-dot";
    box.appendChild(dot);
  }
  const name = document.createElement("span");
  name.className = "basemap-name";
  name.textContent = shape.text;
  name.style.left = side.at[0] + "px";
  name.style.top = side.at[1] + "px";
  name.style.width = shape.width + "px";
  name.style.height = shape.height + "px";
  box.appendChild(name);
  return L.divIcon({ className: "basemap-place kind-" + shape.kind, html: box, iconSize: [0, 0] });
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// The boxes a label takes on the map, in its pixels: its name's (with a little air) and its dot's.
function boxesAt(point, shape, side) {
  const name = {
    left: point.x + side.at[0] - GAP_PX, top: point.y + side.at[1] - GAP_PX / 2,
    right: point.x + side.at[0] + shape.width + GAP_PX, bottom: point.y + side.at[1] + shape.height + GAP_PX / 2
  };
  if (!DOTTED.has(shape.kind)) return [name];
  const half = DOT_PX / 2;
  return [name, { left: point.x - half, top: point.y - half, right: point.x + half, bottom: point.y + half }];
}

export class SettlementLabels {
  // features: the basemap's places, in rank order. options: pane, compact, avoid (a CSS selector of what a
  // page draws above the labels that they should keep clear of: unit symbols), element (its
  // data-basemap-labels says how many are shown, for tests and the curious).
  constructor(map, features, options) {
    this.map = map;
    this.options = options;
    this.fromZoom = options.compact ? FROM_ZOOM.compact : FROM_ZOOM.full;
    this.places = features
      .filter((feature) => feature.geometry && feature.geometry.type === "Point")
      .slice()
      .sort((a, b) => a.properties.rank - b.properties.rank)
      .map((feature) => ({
        feature, latlng: L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]),
        shape: null
      }));
    this.shown = new Map();
    map.on("zoomend moveend resize", () => this.update());
    // The page's own symbols arrive (and their images load) after the labels: place again, once a frame
    // at most.
    let pending = false;
    const again = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; this.update(); });
    };
    if (options.avoid) {
      map.on("layeradd layerremove", (event) => {
        if (!(event.layer.options && event.layer.options.pane === options.pane)) again();
      });
      map.getContainer().addEventListener("load", (event) => {
        if (event.target.matches && event.target.matches(options.avoid)) again();
      }, true);
    }
  }

  // The boxes, in the map's pixels, of what the labels keep clear of.
  obstacles() {
    if (!this.options.avoid) return [];
    const origin = this.map.getContainer().getBoundingClientRect();
    return [...this.map.getContainer().querySelectorAll(this.options.avoid)].map((node) => {
      const box = node.getBoundingClientRect();
      return { left: box.left - origin.left, top: box.top - origin.top, right: box.right - origin.left, bottom: box.bottom - origin.top };
    }).filter((box) => box.right > box.left && box.bottom > box.top);
  }

  // Which labels fit this view, and on which side: in rank order, each kind from its zoom, none over one
  // already placed nor over what the page asks them to avoid. A city is named even where no side is free.
  choose() {
    const zoom = this.map.getZoom();
    const size = this.map.getSize();
    const margin = 40;
    const avoid = this.obstacles();
    const placed = [];
    const chosen = new Map();
    for (const place of this.places) {
      if (placed.length >= MAX_LABELS) break;
      const from = this.fromZoom[place.feature.properties.kind];
      if (from === undefined || zoom < from) continue;
      const point = this.map.latLngToContainerPoint(place.latlng);
      if (point.x < -margin || point.y < -margin || point.x > size.x + margin || point.y > size.y + margin) continue;
      const shape = place.shape || layout(place.feature.properties);
      place.shape = shape;
      const clear = (side, obstacles) => {
        const [name, dot] = boxesAt(point, shape, side);
        // A name keeps clear of other labels and of what the page draws; a dot only of other labels.
        return !placed.some((other) => overlaps(name, other) || (dot && overlaps(dot, other))) &&
          !obstacles.some((other) => overlaps(name, other));
      };
      let side = shape.sides.find((candidate) => clear(candidate, avoid));
      if (!side && shape.kind === "city") side = shape.sides.find((candidate) => clear(candidate, []));
      if (!side) continue;
      placed.push(...boxesAt(point, shape, side));
      chosen.set(place, side);
    }
    return chosen;
  }

  update() {
    const chosen = this.choose();
    for (const [place, side] of this.shown) {
      if (chosen.get(place) !== side) side.marker.remove();
    }
    for (const [place, side] of chosen) {
      if (this.shown.get(place) === side) continue;
      side.marker = side.marker || L.marker(place.latlng, {
        icon: labelIcon(place.shape, side), interactive: false, keyboard: false, pane: this.options.pane
      });
      side.marker.addTo(this.map);
    }
    this.shown = chosen;
    if (this.options.element) this.options.element.dataset.basemapLabels = String(chosen.size);
  }
}

// The angle (degrees) of a line near its middle, on screen, kept readable (never upside down).
function angleAt(map, coordinates, index) {
  const a = map.project([coordinates[index - 1][1], coordinates[index - 1][0]]);
  const b = map.project([coordinates[index][1], coordinates[index][0]]);
  let angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  return angle;
}

function riverLabel(map, feature, pane) {
  const coordinates = feature.geometry.coordinates;
  const index = Math.max(1, Math.floor(coordinates.length / 2));
  const at = L.latLng(
    (coordinates[index - 1][1] + coordinates[index][1]) / 2, (coordinates[index - 1][0] + coordinates[index][0]) / 2
  );
  const name = document.createElement("span");
  name.textContent = feature.properties.name;
  name.style.transform = "translate(-50%, -50%) rotate(" + angleAt(map, coordinates, index).toFixed(1) + "deg)";
  return L.marker(at, {
    icon: L.divIcon({ className: "basemap-river-name", html: name, iconSize: [0, 0] }),
    interactive: false, keyboard: false, pane
  });
}

// The rivers, named along their course from the towns' zoom (not on a compact map).
export function drawRivers(map, data, options) {
  const lines = L.geoJSON(data, {
    pane: "basemap-rivers", interactive: false,
    style: { color: "#3d8fd1", weight: options.compact ? 1.5 : 2.4, opacity: 0.9, lineCap: "round", lineJoin: "round" }
  }).addTo(map);
  if (options.compact) return lines;
  const names = L.layerGroup(
    data.features.filter((feature) => feature.geometry.type === "LineString" && feature.geometry.coordinates.length > 1)
      .map((feature) => riverLabel(map, feature, "basemap-labels"))
  );
  const toggle = () => {
    if (map.getZoom() >= 8.25) names.addTo(map);
    else names.remove();
  };
  map.on("zoomend", toggle);
  toggle();
  return lines;
}
