// The live feed: /api/cop/stream sends one "event" message per report validated or published that
// this user may see. EventSource reconnects by itself; if the server ends the stream for good
// (an HTTP error), this page tries again later.
const RETRY_MS = 15000;

// A reconnection by this page (not EventSource's own) asks for what it missed: after_id=<last id>.
export function connectLive(url, handlers, afterId) {
  if (!window.EventSource) { handlers.onState("unsupported"); return; }
  let lastId = afterId || null;
  const source = new EventSource(lastId ? url + "?after_id=" + encodeURIComponent(lastId) : url);
  source.addEventListener("open", () => { handlers.onState("live"); });
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) {
      handlers.onState("closed");
      setTimeout(() => { connectLive(url, handlers, lastId); }, RETRY_MS);
    } else {
      handlers.onState("reconnecting");
    }
  });
  source.addEventListener("event", (message) => {
    let feature;
    try { feature = JSON.parse(message.data); } catch (error) { return; }
    if (!feature || !feature.geometry || !feature.properties) return;
    if (typeof feature.properties.id === "number") lastId = Math.max(lastId || 0, feature.properties.id);
    handlers.onEvent(feature);
  });
}

// A page with the watch floor's alert banner has one stream, the banner's (watch/alerts.js explains why),
// which carries the reports too where the page asks (<body data-live-reports="true">); other readers' pages
// open their own.
export function followLive(url, handlers) {
  const banner = document.getElementById("watch-alerts");
  if (!banner || document.body.dataset.liveReports !== "true") { connectLive(url, handlers); return; }
  document.addEventListener("peacekeeper:live-state", (event) => { handlers.onState(event.detail); });
  document.addEventListener("peacekeeper:live-event", (event) => { handlers.onEvent(event.detail); });
  if (document.body.dataset.liveState) handlers.onState(document.body.dataset.liveState);
}
