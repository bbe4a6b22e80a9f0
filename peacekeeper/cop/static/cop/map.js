// The common operational picture: wires the layers, the panel, the time bar, the live feed, the
// banner and the address bar together. Every layer comes from this server; nothing from a CDN.
(function () {
  "use strict";
  var COP = window.COP;
  var mapElement = document.getElementById("map");
  var statusLine = document.getElementById("map-status");
  var liveLine = document.getElementById("live-status");
  var api = mapElement.dataset.api;
  var symbolTemplate = mapElement.dataset.symbolUrl;
  var layers = {};

  COP.loading.bar = document.getElementById("map-progress");
  COP.loading.target = mapElement;

  function status(text, error) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error", Boolean(error));
  }

  var panel = new COP.LayerPanel(document.getElementById("layer-panel"), function (name, on) {
    show(name);
    ctx.banner.update();
    saveUrl();
    if (name === "events" && on) refreshEvents(false).catch(function (error) { status(error.message, true); });
  });
  var restored = COP.readUrlState(panel.names());
  if (restored.layers) {
    panel.names().forEach(function (name) { panel.setVisible(name, restored.layers.indexOf(name) >= 0); });
  }
  var restoredView = restored.lat !== null && restored.lon !== null && restored.zoom !== null;
  // Where the theatre opens comes with the page (the scenario's map.json), so a theatre is data.
  var theatreView = JSON.parse(document.getElementById("theatre-map-view").textContent);

  var map = L.map(mapElement, { zoomSnap: 0.25, keyboard: true });
  map.attributionControl.setPrefix("Peacekeeper");
  map.attributionControl.addAttribution(
    "Boundaries © OpenStreetMap contributors, geoBoundaries (CC BY-SA 2.0) · Places: GeoNames (CC BY 4.0)"
  );
  map.setView(
    restoredView ? [restored.lat, restored.lon] : theatreView.centre, restoredView ? restored.zoom : theatreView.zoom
  );
  if (mapElement.dataset.tileUrl) {
    L.tileLayer(mapElement.dataset.tileUrl, { attribution: mapElement.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  // Drawing order, bottom to top: areas, roads, places, sites and crossings, events, symbols, live rings.
  [["areas", 350], ["roads", 380], ["places", 390], ["events", 450], ["live", 650]].forEach(function (pane) {
    map.createPane(pane[0]).style.zIndex = pane[1];
  });
  map.getPane("live").style.pointerEvents = "none";

  var ctx = {
    map: map, mapElement: mapElement, api: api, panel: panel, status: status,
    levels: {}, fom: { crossings: {}, segments: {} },
    symbolUrl: function (sidc) { return symbolTemplate.replace("SIDC", encodeURIComponent(sidc)); },
    // Revalidated too: a reload costs a few hundred bytes per layer wherever the server sends an ETag.
    get: function (path) {
      return COP.fetchJSON(api + path, { revalidate: true }).then(function (result) { return result.data; });
    }
  };
  // The window's figures are drawn on static layers: the levels shade the municipalities, the FoM status
  // colours crossings and roads. Their markings count while a layer they colour is on screen.
  var DRAWN_ON = { levels: ["areas"], fom: ["crossings", "roads"] };
  ctx.banner = new COP.Banner(
    api, JSON.parse(document.getElementById("page-markings").textContent),
    function (name) {
      return (DRAWN_ON[name] || [name]).some(function (layer) {
        return panel.visible(layer) && Boolean(layers[layer]);
      });
    }
  );

  function show(name) {
    var layer = layers[name];
    if (!layer) return;
    if (panel.visible(name)) layer.addTo(map);
    else layer.remove();
  }

  function saveUrl() {
    var centre = map.getCenter();
    COP.writeUrlState({
      lat: centre.lat, lon: centre.lng, zoom: map.getZoom(), layers: panel.shown(),
      window: timebar.preset, since: timebar.since, until: timebar.until
    });
  }

  var events = new COP.EventsLayer(ctx);
  layers.events = events.group;
  show("events");

  // Layers that do not change with the window: fetched once, never again on pan or zoom.
  var STATIC = {
    areas: COP.loadAreas, roads: COP.loadRoads, places: COP.loadPlaces,
    crossings: COP.loadCrossings, sites: COP.loadSites, units: COP.loadUnits
  };
  var staticLoads = {};
  Object.keys(STATIC).forEach(function (name) {
    panel.setState(name, "loading");
    staticLoads[name] = STATIC[name](ctx).then(function (result) {
      layers[name] = result.layer;
      show(name);
      panel.setCount(name, result.count);
      panel.setState(name, "");
      mapElement.dataset["count" + name[0].toUpperCase() + name.slice(1)] = String(result.count);
      ctx.banner.set(name, result.markings);
      // Not animated: the first events request must see the fitted view, not the one before it.
      if (name === "areas" && !restoredView) map.fitBounds(result.layer.getBounds(), { padding: [10, 10], animate: false });
    }, function (error) {
      panel.setState(name, "error");
      throw error;
    });
  });

  // Layers of the window: area levels, freedom of movement, and the events up to the replay cursor.
  function windowQuery() {
    return "since=" + encodeURIComponent(COP.iso(timebar.since)) + "&until=" + encodeURIComponent(COP.iso(timebar.until));
  }

  function loadLevels() {
    return COP.fetchJSON(api + "cop/area-levels?" + windowQuery(), { revalidate: true }).then(function (result) {
      ctx.levels = result.data.areas || {};
      ctx.banner.set("levels", COP.markingsOf(result.data));
      panel.setSource("levels", result.data.source);
      if (layers.areas) layers.areas.restyle();
    }, function (error) {
      panel.setSource("levels", "not available (" + error.message + ")");
      throw error;
    });
  }

  function loadFom() {
    return COP.fetchJSON(api + "cop/fom?" + windowQuery(), { revalidate: true }).then(function (result) {
      ctx.fom = { crossings: result.data.crossings || {}, segments: result.data.segments || {} };
      ctx.banner.set("fom", COP.markingsOf(result.data));
      panel.setSource("fom", result.data.source);
      if (layers.crossings) layers.crossings.restyle();
      if (layers.roads) layers.roads.restyle();
    }, function (error) {
      panel.setSource("fom", "not available (" + error.message + ")");
      throw error;
    });
  }

  // A hidden events layer is not fetched; showing it fetches it for the current view.
  function refreshEvents(force) {
    if (!panel.visible("events")) return Promise.resolve(false);
    return events.refresh(timebar.since, timebar.cursor(), force);
  }

  function refreshWindow(force) {
    return Promise.all([loadLevels(), loadFom(), refreshEvents(force)]);
  }

  var timebar = new COP.Timebar(document.querySelector(".timebar"), {
    status: status,
    onWindow: function () {
      saveUrl();
      return refreshWindow(false).then(function () { status(summary()); }, function (error) { status(error.message, true); });
    },
    onCursor: function () {
      return refreshEvents(false).then(function () { status(summary()); }, function (error) {
        status(error.message, true);
        throw error;
      });
    }
  });
  timebar.setWindow(restored.window, restored.since, restored.until, true);

  function summary() {
    return events.total + " events in the window" + (timebar.atEnd() ? "" : " up to the cursor") + ".";
  }

  // The first events request waits for the first view (fitting the theatre), so it is made once.
  var viewReady = restoredView ? Promise.resolve() : staticLoads.areas.catch(function () {});
  var windowLoad = viewReady.then(function () { return refreshWindow(false); });

  var allLoads = Object.keys(staticLoads).map(function (name) { return staticLoads[name]; }).concat([windowLoad]);
  Promise.allSettled(allLoads).then(function (results) {
    var failed = results.filter(function (result) { return result.status === "rejected"; })
      .map(function (result) { return result.reason.message; });
    map.on("moveend", onMove);
    requestAnimationFrame(function () {
      mapElement.dataset.readyMs = String(Math.round(performance.now()));
      mapElement.dataset.ready = "true";
      if (failed.length) {
        mapElement.dataset.errors = String(failed.length);
        status("Loaded, except: " + failed.join("; "), true);
      } else {
        status("Theatre loaded. " + summary());
      }
    });
  });

  // Pan and zoom ask again for the events only, a moment after the map comes to rest.
  var refetchEvents = COP.debounce(function () {
    refreshEvents(false).catch(function (error) { status(error.message, true); });
  }, 300);
  function onMove() {
    saveUrl();
    refetchEvents();
  }

  // A preset window follows the clock; revalidation keeps an unchanged refresh to a few hundred bytes.
  setInterval(function () {
    if (timebar.slide()) refreshWindow(false).catch(function () {});
  }, 60000);

  var liveIds = [];
  var LIVE_STATES = {
    live: "Live feed: connected", reconnecting: "Live feed: reconnecting…",
    closed: "Live feed: lost, retrying shortly", unsupported: "Live feed: not supported by this browser"
  };
  COP.connectLive(api + "cop/stream", {
    onState: function (state) {
      liveLine.dataset.state = state;
      liveLine.textContent = LIVE_STATES[state] || state;
      mapElement.dataset.live = state;
    },
    onEvent: function (feature) {
      var p = feature.properties;
      var occurred = new Date(p.occurred_at);
      var inWindow = timebar.atEnd() && !(occurred < timebar.since) &&
        (timebar.preset !== "custom" || !(occurred > timebar.until));
      if (inWindow) events.addLive(feature);
      status("New: " + (p.category_label || p.category) + " at " + (p.location_name || "an unnamed place") + " " + (p.dtg || ""));
      statusLine.classList.remove("flash");
      void statusLine.offsetWidth;
      statusLine.classList.add("flash");
      liveIds.push(p.id);
      mapElement.dataset.lastLiveEvent = String(p.id);
      mapElement.dataset.liveEvents = liveIds.slice(-200).join(" ");
    }
  });

  var lookup = COP.initLookup(ctx);

  // Keys: "/" search, 1–7 layers, Space play/pause, ←/→ step the replay (inside the map they pan).
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement || document.body;
    var tag = active.tagName;
    var type = tag === "INPUT" ? active.type : "";
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && !/^(checkbox|radio|range)$/.test(type))) return;
    if (event.key === "/") {
      lookup.focus();
      event.preventDefault();
    } else if (/^[1-7]$/.test(event.key)) {
      panel.toggleNth(parseInt(event.key, 10));
      event.preventDefault();
    } else if (event.key === " ") {
      if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || (tag === "INPUT" && type !== "range")) return;
      timebar.toggle();
      event.preventDefault();
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      if (mapElement.contains(active) || type === "range" || type === "radio") return;
      timebar.stepBy(event.key === "ArrowLeft" ? -1 : 1).catch(function () {});
      event.preventDefault();
    }
  });
})();
