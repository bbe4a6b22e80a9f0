// The watch floor's alert banner, on every page of a watchkeeper, analyst or administrator.
// /api/cop/stream?alerts=true sends "alert" messages: first the open alerts this user may see, then each
// change (raised, escalated, acknowledged). "Acknowledge" records this user and the time. An optional
// tone (WebAudio, no audio file) sounds for a new or escalated alert; off by default, remembered here.
//
// The banner's stream is the page's one stream. A browser holds six connections to a server at most
// (HTTP/1.1), and a stream holds one for as long as the page is open: two per page, on a floor where
// each officer keeps the map, the log and a report open, would leave the pages none to load with. So a
// page that follows new reports too (the map, the log, the wall: <body data-live-reports="true">) gets
// them on this stream, re-sent on the document as "peacekeeper:live-event" (the report's GeoJSON
// feature), with "peacekeeper:live-state" (live, reconnecting, closed, unsupported; the current one also
// in body[data-live-state]) and "peacekeeper:alert" (each alert message).
const SOUND_KEY = "peacekeeper.watch.sound";
// What this tab has already sounded for ("id:state"), so that moving from page to page does not sound again.
const HEARD_KEY = "peacekeeper.watch.heard";
const KEEP_ACKNOWLEDGED_MS = 120000;
const RETRY_MS = 15000;

const root = document.getElementById("watch-alerts");
if (root) start(root);

function start(root) {
  const list = root.querySelector("[data-list]");
  const count = root.querySelector("[data-count]");
  const sound = root.querySelector("[data-sound]");
  const token = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const alerts = new Map();
  let audio = null;

  sound.checked = localStorage.getItem(SOUND_KEY) === "on";
  sound.addEventListener("change", () => {
    localStorage.setItem(SOUND_KEY, sound.checked ? "on" : "off");
    if (sound.checked) tone(false);
  });
  // Browsers start audio only after a gesture: the first key or click of the page wakes it.
  const wake = () => { if (audio && audio.state === "suspended") audio.resume(); };
  document.addEventListener("keydown", wake, { once: true });
  document.addEventListener("click", wake, { once: true });

  function tone(loud) {
    if (!sound.checked) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    const beeps = loud ? 3 : 2;
    for (let i = 0; i < beeps; i++) {
      const at = audio.currentTime + i * 0.35;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = loud ? "square" : "sine";
      oscillator.frequency.value = loud ? 988 : 880;
      gain.gain.setValueAtTime(loud ? 0.35 : 0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.26);
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function row(alert) {
    const item = element("li", "watch-alert" + (alert.state === "escalated" ? " escalated" : ""));
    item.dataset.alertId = String(alert.id);
    item.dataset.state = alert.state;
    if (alert.state === "escalated") item.append(element("span", "watch-alert-tag", "ESCALATED"));
    const what = element("span", "watch-alert-what");
    // Each alert carries its report's marking, as each row of the log does.
    what.append(element("span", "watch-alert-marking", alert.marking));
    what.append(element("span", "watch-alert-ccir", alert.ccir_title + ": "));
    const link = element("a", "", `${alert.category_label}${alert.where ? " " + alert.where : ""}, ${alert.occurred_dtg}`);
    link.href = alert.report_url;
    what.append(link);
    if (alert.exercise) what.append(document.createTextNode(" (EXERCISE)"));
    item.append(what);
    item.append(element("span", "watch-alert-when", "raised " + alert.raised_dtg));
    if (alert.state === "acknowledged") {
      item.append(element("span", "watch-alert-done", `Acknowledged by ${alert.acknowledged_by} at ${alert.acknowledged_dtg}`));
    } else {
      const button = element("button", "", "Acknowledge");
      button.type = "button";
      button.setAttribute("aria-label", `Acknowledge: ${alert.ccir_title}, ${alert.category_label}`);
      button.addEventListener("click", () => acknowledge(alert, item, button));
      item.append(button);
    }
    return item;
  }

  function render() {
    const shown = [...alerts.values()].sort((a, b) =>
      rank(a) - rank(b) || (b.raised_at < a.raised_at ? -1 : b.raised_at > a.raised_at ? 1 : b.id - a.id));
    list.replaceChildren(...shown.map(row));
    const open = shown.filter((a) => a.state !== "acknowledged").length;
    const escalated = shown.some((a) => a.state === "escalated");
    count.textContent = open === 0 ? "all acknowledged" : `${open} open${escalated ? ", escalated" : ""}`;
    root.classList.toggle("escalated", escalated);
    const height = root.offsetHeight;
    root.hidden = shown.length === 0;
    // The banner takes room from the page: a map under it (Leaflet) learns its new size from a resize.
    if (root.offsetHeight !== height) window.dispatchEvent(new Event("resize"));
  }

  function rank(alert) {
    return { escalated: 0, open: 1, acknowledged: 2 }[alert.state];
  }

  function receive(alert) {
    const before = alerts.get(alert.id);
    alerts.set(alert.id, alert);
    if (alert.state === "acknowledged") {
      setTimeout(() => {
        const current = alerts.get(alert.id);
        if (current && current.state === "acknowledged") { alerts.delete(alert.id); render(); }
      }, KEEP_ACKNOWLEDGED_MS);
    } else if (!before || before.state !== alert.state) {
      const heard = new Set(JSON.parse(sessionStorage.getItem(HEARD_KEY) || "[]"));
      const key = `${alert.id}:${alert.state}`;
      if (!heard.has(key)) {
        heard.add(key);
        sessionStorage.setItem(HEARD_KEY, JSON.stringify([...heard].slice(-200)));
        tone(alert.state === "escalated");
      }
    }
    render();
  }

  async function acknowledge(alert, item, button) {
    button.disabled = true;
    let response;
    try {
      response = await fetch(root.dataset.acknowledge + alert.id + "/acknowledge", {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": token, "Accept": "application/json" },
      });
    } catch (error) {
      button.disabled = false;
      item.append(element("span", "watch-alert-error", "Not sent: no connection. Try again."));
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (response.ok) { receive(body); return; }
    if (response.status === 404) { alerts.delete(alert.id); render(); return; }
    button.disabled = false;
    item.append(element("span", "watch-alert-error", body.detail || `Refused (${response.status})`));
  }

  // After a reconnection the stream sends the open alerts again, but not those acknowledged meanwhile:
  // the open list, asked once per connection, drops them.
  async function resync() {
    let response;
    try {
      response = await fetch(root.dataset.open, { credentials: "same-origin", headers: { "Accept": "application/json" } });
    } catch (error) { return; }
    if (!response.ok) return;
    const open = await response.json().catch(() => null);
    if (!Array.isArray(open)) return;
    const ids = new Set(open.map((alert) => alert.id));
    for (const [id, alert] of alerts) {
      if (alert.state !== "acknowledged" && !ids.has(id)) alerts.delete(id);
    }
    render();
  }

  const withReports = document.body.dataset.liveReports === "true";
  let lastReportId = null;

  function announce(name, detail) {
    document.dispatchEvent(new CustomEvent("peacekeeper:" + name, { detail }));
  }

  function state(value) {
    document.body.dataset.liveState = value;
    announce("live-state", value);
  }

  let connections = 0;
  function connect() {
    if (!window.EventSource) { state("unsupported"); return; }
    let url = withReports ? root.dataset.streamReports : root.dataset.stream;
    // A reconnection by this page (not EventSource's own) asks for the reports it missed.
    if (withReports && lastReportId !== null) url += "&after_id=" + encodeURIComponent(lastReportId);
    const source = new EventSource(url);
    source.addEventListener("open", () => {
      state("live");
      if (connections++ > 0) resync();
    });
    source.addEventListener("alert", (message) => {
      let alert;
      try { alert = JSON.parse(message.data); } catch (error) { return; }
      if (!alert || typeof alert.id !== "number") return;
      receive(alert);
      announce("alert", alert);
    });
    source.addEventListener("event", (message) => {
      let feature;
      try { feature = JSON.parse(message.data); } catch (error) { return; }
      if (!feature || !feature.geometry || !feature.properties) return;
      if (typeof feature.properties.id === "number") lastReportId = Math.max(lastReportId || 0, feature.properties.id);
      announce("live-event", feature);
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        state("closed");
        setTimeout(connect, RETRY_MS);
      } else {
        state("reconnecting");
      }
    });
  }
  connect();
}
