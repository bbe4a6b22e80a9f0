// The theatre map. Every layer comes from its own GeoJSON endpoint of this server; no tiles,
// no CDN. User-supplied text is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";

  var mapElement = document.getElementById("map");
  var areasUrl = mapElement.dataset.api;
  var apiBase = areasUrl.slice(0, areasUrl.lastIndexOf("/") + 1);
  var statusLine = document.getElementById("map-status");

  var map = L.map(mapElement, { preferCanvas: false, zoomSnap: 0.25, keyboard: true });
  map.attributionControl.setPrefix("Peacekeeper");
  map.attributionControl.addAttribution(
    "Boundaries © OpenStreetMap contributors, geoBoundaries (CC BY-SA 2.0) · Places: GeoNames (CC BY 4.0)"
  );
  map.setView([42.6, 20.9], 9);

  if (mapElement.dataset.tileUrl) {
    L.tileLayer(mapElement.dataset.tileUrl, { attribution: mapElement.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
  }

  map.createPane("areas").style.zIndex = 350;
  map.createPane("roads").style.zIndex = 420;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // A popup body built from DOM nodes: a title, then label/value rows, then an optional link.
  function popup(title, rows, link) {
    var box = element("div", "popup");
    box.appendChild(element("strong", "popup-title", title));
    var list = element("dl", "popup-rows");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      list.appendChild(element("dt", null, row[0]));
      list.appendChild(element("dd", null, row[1]));
    });
    box.appendChild(list);
    if (link) {
      var anchor = element("a", null, link.text);
      anchor.href = link.href;
      box.appendChild(anchor);
    }
    return box;
  }

  function fetchLayer(name) {
    return fetch(apiBase + name, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(name + ": HTTP " + response.status);
        return response.json();
      });
  }

  function count(name, value) {
    mapElement.dataset["count" + name] = String(value);
  }

  var overlays = {};

  var areas = fetchLayer("areas.geojson").then(function (data) {
    var layer = L.geoJSON(data, {
      pane: "areas",
      style: { color: "#34495e", weight: 1.2, fillColor: "#dfe6e9", fillOpacity: 0.55 },
      onEachFeature: function (feature, item) {
        var p = feature.properties;
        item.bindTooltip(p.name_en, { sticky: true, className: "area-tooltip" });
        item.bindPopup(popup(p.name_en, [
          ["Albanian", p.name_sq], ["Serbian", p.name_sr_latn], ["Cyrillic", p.name_sr_cyrl],
          ["District", p.parent], ["Code", p.code]
        ]));
        item.on("mouseover", function () { item.setStyle({ fillColor: "#b2bec3" }); });
        item.on("mouseout", function () { layer.resetStyle(item); });
      }
    }).addTo(map);
    // The areas are the background: keep their shapes out of the Tab order (the search box comes first).
    layer.eachLayer(function (item) { var path = item.getElement(); if (path) path.setAttribute("tabindex", "-1"); });
    overlays["Municipalities"] = layer;
    count("Areas", data.features.length);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    return layer;
  });

  var roads = fetchLayer("roads.geojson").then(function (data) {
    var layer = L.geoJSON(data, {
      pane: "roads",
      style: function (feature) {
        return { color: "#c0392b", weight: 3, opacity: 0.8, dashArray: feature.properties.approximate ? "6 4" : null };
      },
      onEachFeature: function (feature, item) {
        var p = feature.properties;
        item.bindPopup(popup(p.road_code + ": " + p.start + " – " + p.end, [
          ["Road", p.road_name], ["Length", p.length_km + " km"],
          ["Geometry", p.approximate ? p.approximation_note : "surveyed"]
        ]));
      }
    }).addTo(map);
    overlays["Roads"] = layer;
    count("Roads", data.features.length);
    return layer;
  });

  function pointLayer(name, styleFor, describe) {
    return fetchLayer(name).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var style = styleFor(feature.properties);
          if (feature.properties.approximate) style.dashArray = "3 3";
          return L.circleMarker(latlng, style);
        },
        onEachFeature: function (feature, item) {
          var described = describe(feature.properties);
          item.bindTooltip(feature.properties.name, { direction: "top" });
          item.bindPopup(popup(feature.properties.name, described.rows, described.link));
        }
      });
      return { layer: layer, data: data };
    });
  }

  var places = pointLayer("places.geojson", function (p) {
    var big = (p.population || 0) >= 10000;
    return { radius: big ? 5 : 3, color: "#2d3436", weight: 1, fillColor: "#ffffff", fillOpacity: 1 };
  }, function (p) {
    return { rows: [["Municipality", p.area], ["Population", p.population], ["Other names", p.names.join(", ")]] };
  }).then(function (result) {
    result.layer.addTo(map);
    overlays["Towns and villages"] = result.layer;
    count("Places", result.data.features.length);
    return result.layer;
  });

  var crossings = pointLayer("crossings.geojson", function () {
    return { radius: 7, color: "#6c3483", weight: 2, fillColor: "#d2b4de", fillOpacity: 0.95 };
  }, function (p) {
    return { rows: [
      ["KFOR designation", p.kfor_designation], ["Neighbour", p.neighbour], ["Municipality", p.area],
      ["Position", p.approximate ? "approximate: " + p.approximation_note : null], ["Note", p.note]
    ] };
  }).then(function (result) {
    result.layer.addTo(map);
    overlays["Crossing points"] = result.layer;
    count("Crossings", result.data.features.length);
    return result.layer;
  });

  var siteColours = { camp: "#1f618d", protected: "#b7950b", bridge: "#d35400", other: "#566573" };
  var sites = pointLayer("sites.geojson", function (p) {
    return { radius: 8, color: "#17202a", weight: 2, fillColor: siteColours[p.kind] || "#566573", fillOpacity: 0.95 };
  }, function (p) {
    return {
      rows: [
        ["Marking", p.marking], ["Kind", p.kind], ["Function", p.function], ["Status", p.status],
        ["Municipality", p.area], ["Position", p.approximate ? "approximate: " + p.approximation_note : null]
      ],
      link: { href: p.url, text: "Open the record" }
    };
  }).then(function (result) {
    result.layer.addTo(map);
    overlays["Camps and sites"] = result.layer;
    count("Sites", result.data.features.length);
    return result.layer;
  });

  Promise.all([areas, roads, places, crossings, sites]).then(function () {
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    statusLine.textContent = "Theatre loaded.";
    mapElement.dataset.ready = "true";
  }).catch(function (error) {
    statusLine.textContent = "Could not load the map: " + error.message;
    statusLine.classList.add("error");
  });

  // Gazetteer lookup: "/" focuses it, arrows move, Enter flies to the place, Escape clears.
  var input = document.getElementById("lookup");
  var results = document.getElementById("lookup-results");
  var current = [];
  var selected = -1;
  var pending = null;
  var marker = null;

  function render() {
    results.replaceChildren();
    current.forEach(function (match, index) {
      var item = element("li", index === selected ? "selected" : "");
      item.setAttribute("role", "option");
      item.appendChild(element("span", "match-name", match.name));
      if (match.matched_name !== match.name) item.appendChild(element("span", "match-alt", " (" + match.matched_name + ")"));
      item.appendChild(element("span", "match-area", [match.kind, match.area_name].filter(Boolean).join(" · ")));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
      results.appendChild(item);
    });
  }

  function choose(index) {
    var match = current[index];
    if (!match) return;
    if (match.lat === null) {
      statusLine.textContent = match.name + ": position not known in the sources.";
      return;
    }
    map.flyTo([match.lat, match.lon], 13, { duration: 0.6 });
    if (marker) marker.remove();
    marker = L.marker([match.lat, match.lon], { keyboard: false }).addTo(map);
    marker.bindTooltip(match.name, { permanent: true, direction: "right" }).openTooltip();
    statusLine.textContent = "Showing " + match.name + (match.approximate ? " (approximate position)" : "") + ".";
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (pending) pending.abort();
    if (!query) { current = []; selected = -1; render(); return; }
    pending = new AbortController();
    fetch(apiBase + "gazetteer?limit=8&q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (matches) { current = matches; selected = matches.length ? 0 : -1; render(); })
      .catch(function () {});
  });

  // Enter chooses a place; the form itself never submits (no inline handler: the CSP forbids them).
  document.getElementById("lookup-form").addEventListener("submit", function (event) { event.preventDefault(); });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { selected = Math.min(selected + 1, current.length - 1); render(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { selected = Math.max(selected - 1, 0); render(); event.preventDefault(); }
    else if (event.key === "Enter") { choose(selected); event.preventDefault(); }
    else if (event.key === "Escape") { input.value = ""; current = []; render(); }
  });

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) { input.focus(); event.preventDefault(); }
  });
})();
