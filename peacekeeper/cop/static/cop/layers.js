// The theatre's layers that do not change with the time window: municipalities (shaded by level),
// roads and crossing points (coloured by freedom of movement), places, camps and sites, units.
// Each loader resolves to { layer, count, markings } (markings: of the labels the layer shows, see
// marking.js); styles read ctx.levels and ctx.fom when drawn.
(function () {
  "use strict";
  var COP = window.COP;

  COP.FOM_COLOURS = { open: "#1e8449", restricted: "#f39c12", closed: "#c0392b", none: "#7f8c8d" };
  COP.LEVEL_COLOURS = ["#dfe6e9", "#fff5eb", "#fdd0a2", "#fd8d3c", "#e6550d", "#a63603"];
  var SITE_COLOURS = { camp: "#1f618d", protected: "#b7950b", bridge: "#d35400", other: "#566573" };

  // An APP-6 symbol as a marker icon: an <img> of /cop/symbols/<sidc>.svg, centred on the position.
  COP.symbolIcon = function (ctx, sidc, label, extraClass) {
    var img = document.createElement("img");
    img.src = ctx.symbolUrl(sidc);
    img.alt = label || sidc;
    img.draggable = false;
    return L.divIcon({ className: "cop-symbol " + (extraClass || ""), html: img, iconSize: null });
  };

  function fomOf(table, id) {
    return table && Object.prototype.hasOwnProperty.call(table, String(id)) ? table[String(id)] : null;
  }

  function areaStyle(ctx, feature) {
    var level = ctx.levels[feature.properties.code];
    return {
      color: "#34495e", weight: 1.2,
      fillColor: COP.LEVEL_COLOURS[level ? level.level : 0] || COP.LEVEL_COLOURS[0],
      fillOpacity: level ? 0.6 : 0.45
    };
  }

  COP.loadAreas = function (ctx) {
    return ctx.get("theatre/areas.geojson").then(function (data) {
      var layer = L.geoJSON(data, {
        pane: "areas",
        style: function (feature) { return areaStyle(ctx, feature); },
        onEachFeature: function (feature, item) {
          item.bindTooltip(feature.properties.name_en, { sticky: true, className: "area-tooltip" });
          item.bindPopup(function () { return COP.areaPopup(feature.properties, ctx.levels[feature.properties.code]); });
          item.on("mouseover", function () { item.setStyle({ fillOpacity: 0.8 }); });
          item.on("mouseout", function () { layer.resetStyle(item); });
          // The areas are the background: keep their shapes out of the Tab order.
          item.on("add", function () { var path = item.getElement(); if (path) path.setAttribute("tabindex", "-1"); });
        }
      });
      layer.restyle = function () { layer.setStyle(function (feature) { return areaStyle(ctx, feature); }); };
      return { layer: layer, count: data.features.length, markings: [] };
    });
  };

  function roadStyle(ctx, feature) {
    var fom = fomOf(ctx.fom.segments, feature.id);
    return {
      color: COP.FOM_COLOURS[fom ? fom.status : "none"] || COP.FOM_COLOURS.none,
      weight: fom && fom.status !== "open" ? 5 : 3.5, opacity: 0.9,
      dashArray: feature.properties.approximate ? "7 5" : null
    };
  }

  COP.loadRoads = function (ctx) {
    return ctx.get("theatre/roads.geojson").then(function (data) {
      var layer = L.geoJSON(data, {
        pane: "roads",
        style: function (feature) { return roadStyle(ctx, feature); },
        onEachFeature: function (feature, item) {
          item.bindPopup(function () { return COP.roadPopup(feature.properties, fomOf(ctx.fom.segments, feature.id)); });
        }
      });
      layer.restyle = function () { layer.setStyle(function (feature) { return roadStyle(ctx, feature); }); };
      return { layer: layer, count: data.features.length, markings: [] };
    });
  };

  // Point layers: circle markers unless a feature has an APP-6 symbol.
  function pointLayer(ctx, path, options) {
    return ctx.get(path).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          if (options.symbol && p.sidc) {
            return L.marker(latlng, {
              icon: COP.symbolIcon(ctx, p.sidc, p.name, p.approximate ? "approximate" : ""),
              title: p.name, keyboard: true
            });
          }
          var style = options.style(feature);
          style.pane = options.pane || "overlayPane";
          if (p.approximate) style.dashArray = "3 3";
          return L.circleMarker(latlng, style);
        },
        onEachFeature: function (feature, item) {
          item.bindTooltip(feature.properties.name, { direction: "top", offset: [0, -8] });
          item.bindPopup(function () { return options.popup(feature); });
        }
      });
      layer.restyle = function () {
        if (!options.restyle) return;
        layer.eachLayer(function (item) { if (item.setStyle) item.setStyle(options.style(item.feature)); });
      };
      return { layer: layer, count: data.features.length, markings: COP.markingsOf(data) };
    });
  }

  COP.loadPlaces = function (ctx) {
    return pointLayer(ctx, "theatre/places.geojson", {
      pane: "places",
      style: function (feature) {
        var big = (feature.properties.population || 0) >= 10000;
        return { radius: big ? 5 : 3, color: "#2d3436", weight: 1, fillColor: "#ffffff", fillOpacity: 1 };
      },
      popup: function (feature) { return COP.placePopup(feature.properties); }
    });
  };

  COP.loadCrossings = function (ctx) {
    return pointLayer(ctx, "theatre/crossings.geojson", {
      restyle: true,
      style: function (feature) {
        var fom = fomOf(ctx.fom.crossings, feature.id);
        var colour = COP.FOM_COLOURS[fom ? fom.status : "none"] || COP.FOM_COLOURS.none;
        return { radius: 8, color: "#17202a", weight: 2, fillColor: colour, fillOpacity: 0.95 };
      },
      popup: function (feature) {
        return COP.crossingPopup(feature.properties, fomOf(ctx.fom.crossings, feature.id));
      }
    });
  };

  COP.loadSites = function (ctx) {
    return pointLayer(ctx, "theatre/sites.geojson", {
      symbol: true,
      style: function (feature) {
        var colour = SITE_COLOURS[feature.properties.kind] || SITE_COLOURS.other;
        return { radius: 8, color: "#17202a", weight: 2, fillColor: colour, fillOpacity: 0.95 };
      },
      popup: function (feature) { return COP.sitePopup(feature.properties); }
    });
  };

  COP.loadUnits = function (ctx) {
    return pointLayer(ctx, "forces/units.geojson", {
      symbol: true,
      style: function () { return { radius: 7, color: "#17202a", weight: 2, fillColor: "#80c8ff", fillOpacity: 0.95 }; },
      popup: function (feature) { return COP.unitPopup(feature.properties); }
    });
  };
})();
