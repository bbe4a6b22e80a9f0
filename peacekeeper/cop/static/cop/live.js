// The live feed: /api/cop/stream sends one "event" message per report validated or published that
// this user may see. EventSource reconnects by itself; if the server ends the stream for good
// (an HTTP error), this page tries again later.
(function () {
  "use strict";
  var COP = window.COP;
  var RETRY_MS = 15000;

  // A reconnection by this page (not EventSource's own) asks for what it missed: after_id=<last id>.
  COP.connectLive = function (url, handlers, afterId) {
    if (!window.EventSource) { handlers.onState("unsupported"); return; }
    var lastId = afterId || null;
    var source = new EventSource(lastId ? url + "?after_id=" + encodeURIComponent(lastId) : url);
    source.addEventListener("open", function () { handlers.onState("live"); });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) {
        handlers.onState("closed");
        setTimeout(function () { COP.connectLive(url, handlers, lastId); }, RETRY_MS);
      } else {
        handlers.onState("reconnecting");
      }
    });
    source.addEventListener("event", function (message) {
      var feature;
      try { feature = JSON.parse(message.data); } catch (error) { return; }
      if (!feature || !feature.geometry || !feature.properties) return;
      if (typeof feature.properties.id === "number") lastId = Math.max(lastId || 0, feature.properties.id);
      handlers.onEvent(feature);
    });
  };
})();
