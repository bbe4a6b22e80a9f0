// The events layer: what /api/cop/events.geojson returns for the window, the zoom and the visible area.
// At low zoom the server sends clusters (numbered circles); closer in, the reports themselves.
(function () {
  "use strict";
  var COP = window.COP;
  var element = COP.element;

  COP.GROUP_COLOURS = {
    battles: "#c0392b", explosions: "#e67e22", violence: "#8e44ad", riots: "#d81b60", protests: "#f1c40f",
    civil: "#27ae60", fom: "#2980b9", security: "#16a085", force: "#17202a", rule_of_law: "#5d6d7e",
    strategic: "#95a5a6"
  };

  function groupOf(category) { return String(category || "").split(".")[0]; }

  // The bbox is snapped outward to a grid of half a tile at this zoom: small pans ask for the same
  // URL, which the server has cached and the browser can revalidate.
  function snappedBbox(map, zoom) {
    var bounds = map.getBounds().pad(0.1);
    var cell = 180 / Math.pow(2, zoom);
    function down(v) { return Math.floor(v / cell) * cell; }
    function up(v) { return Math.ceil(v / cell) * cell; }
    var box = [
      Math.max(-180, down(bounds.getWest())), Math.max(-85, down(bounds.getSouth())),
      Math.min(180, up(bounds.getEast())), Math.min(85, up(bounds.getNorth()))
    ];
    return box.map(function (v) { return v.toFixed(4); }).join(",");
  }

  function abbreviated(count) {
    if (count >= 10000) return Math.round(count / 1000) + "k";
    if (count >= 1000) return (count / 1000).toFixed(1) + "k";
    return String(count);
  }

  COP.EventsLayer = function (ctx) {
    this.ctx = ctx;
    this.group = L.layerGroup();
    this.url = null;
    this.drawn = null;
    this.controller = null;
    this.pending = null;
    this.total = 0;
    this.byId = {};  // report id -> its marker, for the reports drawn one by one
    this.markings = [];  // of the reports in the window and view, and of those the live feed added
  };

  COP.EventsLayer.prototype.requestUrl = function (since, until) {
    var zoom = Math.floor(this.ctx.map.getZoom());
    return this.ctx.api + "cop/events.geojson?since=" + encodeURIComponent(COP.iso(since)) +
      "&until=" + encodeURIComponent(COP.iso(until)) + "&zoom=" + zoom +
      "&bbox=" + snappedBbox(this.ctx.map, zoom);
  };

  // Fetch (revalidating) and draw; resolves once drawn. A newer request aborts an older one.
  COP.EventsLayer.prototype.refresh = function (since, until, force) {
    var self = this;
    var url = this.requestUrl(since, until);
    if (url === this.url && this.drawn && !force) return Promise.resolve(false);
    if (this.pending && this.pending.url === url) return this.pending.promise;
    if (this.controller) this.controller.abort();
    var controller = (this.controller = new AbortController());
    this.ctx.panel.setState("events", "loading");
    var promise = COP.fetchJSON(url, { revalidate: true, signal: controller.signal }).then(function (result) {
      if (controller !== self.controller) return false;
      self.controller = null;
      self.pending = null;
      self.url = url;
      if (result.data !== self.drawn) self.draw(result.data);
      self.ctx.panel.setState("events", "");
      return true;
    }, function (error) {
      if (error.name === "AbortError") return false;
      self.controller = null;
      self.pending = null;
      self.ctx.panel.setState("events", "error");
      throw error;
    });
    this.pending = { url: url, promise: promise };
    return promise;
  };

  COP.EventsLayer.prototype.draw = function (data) {
    var self = this;
    this.group.clearLayers();
    this.byId = {};
    this.drawn = data;
    data.features.forEach(function (feature) {
      var marker = self.markerFor(feature);
      if (feature.properties.kind !== "cluster") self.byId[feature.properties.id] = marker;
      self.group.addLayer(marker);
    });
    this.total = data.total !== undefined ? data.total : data.features.length;
    this.markings = COP.markingsOf(data);
    this.ctx.banner.set("events", this.markings);
    this.ctx.mapElement.dataset.countEvents = String(data.features.length);
    this.ctx.mapElement.dataset.eventsClustered = String(Boolean(data.clustered));
    this.ctx.panel.setCount("events", this.total + (data.clustered ? ", clustered" : ""));
  };

  COP.EventsLayer.prototype.markerFor = function (feature) {
    var p = feature.properties;
    var latlng = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
    return p.kind === "cluster" ? this.clusterMarker(latlng, p) : this.eventMarker(latlng, p);
  };

  COP.EventsLayer.prototype.clusterMarker = function (latlng, p) {
    var map = this.ctx.map;
    var size = Math.round(30 + 10 * Math.log10(Math.max(1, p.count)));
    var severity = Math.min(5, Math.max(1, p.max_severity || 1));
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        className: "cop-cluster sev-" + severity, html: element("span", null, abbreviated(p.count)),
        iconSize: [size, size]
      }),
      title: p.count + " reports, highest severity " + severity + (p.top_category_label ? ", mostly " + p.top_category_label : ""),
      keyboard: true, riseOnHover: true
    });
    marker.bindTooltip(function () { return COP.clusterPopup(p); }, { direction: "top", offset: [0, -size / 2] });
    // A cluster opens by zooming in: Enter on a focused cluster does the same.
    marker.on("click", function () { map.flyTo(latlng, Math.min(map.getZoom() + 2, 16), { duration: 0.5 }); });
    marker.on("add", function () { marker.getElement().dataset.clusterCount = String(p.count); });
    return marker;
  };

  COP.EventsLayer.prototype.eventMarker = function (latlng, p) {
    var severity = Math.min(5, Math.max(1, p.severity || 1));
    var marker;
    if (p.sidc) {
      marker = L.marker(latlng, {
        icon: COP.symbolIcon(this.ctx, p.sidc, p.category_label, "cop-event sev-" + severity),
        title: (p.category_label || p.category) + (p.location_name ? " at " + p.location_name : ""),
        keyboard: false
      });
    } else {
      marker = L.circleMarker(latlng, {
        pane: "events", radius: 4 + 1.6 * severity,
        color: severity >= 4 ? "#000000" : "#ffffff", weight: severity >= 4 ? 3 : 1.5,
        fillColor: COP.GROUP_COLOURS[groupOf(p.category)] || "#95a5a6", fillOpacity: 0.9
      });
    }
    marker.bindPopup(function () { return COP.eventPopup(p); });
    marker.on("add", function () {
      var node = marker.getElement();
      if (node) node.setAttribute("data-event-id", String(p.id));
    });
    return marker;
  };

  // A report validated while the page is open: drawn at once, with a ring that fades.
  COP.EventsLayer.prototype.addLive = function (feature) {
    var id = feature.properties.id;
    var marker = this.markerFor(feature);
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
    var ring = L.circleMarker(marker.getLatLng(), {
      pane: "live", radius: 22, className: "live-ring", color: "#f4d03f", weight: 4, fill: false, interactive: false
    });
    this.group.addLayer(ring);
    var group = this.group;
    setTimeout(function () { group.removeLayer(ring); }, 12000);
  };
})();
