// The report form, made for the keyboard: Ctrl+Enter saves and submits, Ctrl+S saves a draft,
// Alt+T (or the Now button) fills in the current time, and places are picked from the gazetteer
// with the arrow keys and Enter. Only one way of giving the location is kept at a time: a grid, a
// place or a map point. Text from the server is only ever set with textContent.
(function () {
  "use strict";

  var form = document.getElementById("report-form");
  var dtg = document.getElementById("id_dtg");
  var mgrs = document.getElementById("id_mgrs");
  var placeQuery = document.getElementById("id_place_query");
  var placeId = document.getElementById("id_place_id");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  var results = document.getElementById("place-results");
  var locationMessage = document.getElementById("location-msg");

  var miniMap = window.PeacekeeperMiniMap(document.getElementById("entry-map"));

  // --- time -------------------------------------------------------------------------------------
  document.getElementById("dtg-now").addEventListener("click", function () {
    dtg.value = window.Peacekeeper.dtg(new Date());
    htmx.trigger(dtg, "blur");
    mgrs.focus();
  });

  // --- location: one way at a time ---------------------------------------------------------------
  function clearPoint() { lat.value = ""; lon.value = ""; }
  function clearPlace() { placeId.value = ""; }

  mgrs.addEventListener("input", function () {
    if (mgrs.value.trim()) { clearPlace(); placeQuery.value = ""; clearPoint(); closeList(); }
  });

  miniMap.map.on("click", function (event) {
    lat.value = event.latlng.lat.toFixed(6);
    lon.value = event.latlng.lng.toFixed(6);
    mgrs.value = "";
    clearPlace();
    placeQuery.value = "";
    miniMap.show(event.latlng.lat, event.latlng.lng);
    lat.dispatchEvent(new Event("change", { bubbles: true }));
  });

  // The server's answer about a location carries the point it found; show it on the map.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target !== locationMessage) return;
    var found = locationMessage.querySelector("[data-lat]");
    if (found) miniMap.show(parseFloat(found.dataset.lat), parseFloat(found.dataset.lon));
  });

  // --- gazetteer ---------------------------------------------------------------------------------
  var matches = [];
  var selected = -1;
  var pending = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function closeList() {
    matches = [];
    selected = -1;
    renderList();
  }

  function renderList() {
    results.replaceChildren();
    results.hidden = matches.length === 0;
    placeQuery.setAttribute("aria-expanded", matches.length ? "true" : "false");
    placeQuery.removeAttribute("aria-activedescendant");
    matches.forEach(function (match, index) {
      var item = element("li", index === selected ? "selected" : "");
      item.id = "place-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", index === selected ? "true" : "false");
      item.appendChild(element("span", "match-name", match.name));
      if (match.matched_name !== match.name) item.appendChild(element("span", "match-alt", " (" + match.matched_name + ")"));
      item.appendChild(element("span", "match-area", [match.kind, match.area_name].filter(Boolean).join(" · ")));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
      results.appendChild(item);
      if (index === selected) placeQuery.setAttribute("aria-activedescendant", item.id);
    });
  }

  function choose(index) {
    var match = matches[index];
    if (!match) return;
    placeQuery.value = match.name;
    placeId.value = String(match.place_id);
    mgrs.value = "";
    clearPoint();
    closeList();
    placeId.dispatchEvent(new Event("change", { bubbles: true }));
  }

  placeQuery.addEventListener("input", function () {
    var query = placeQuery.value.trim();
    clearPlace();
    if (pending) pending.abort();
    if (!query) { closeList(); return; }
    pending = new AbortController();
    fetch(form.dataset.gazetteer + "?limit=8&q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (found) { matches = found; selected = found.length ? 0 : -1; renderList(); })
      .catch(function () {});
  });

  placeQuery.addEventListener("keydown", function (event) {
    if (!matches.length) return;
    if (event.key === "ArrowDown") { selected = Math.min(selected + 1, matches.length - 1); renderList(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { selected = Math.max(selected - 1, 0); renderList(); event.preventDefault(); }
    else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) { choose(selected); event.preventDefault(); event.stopPropagation(); }
    else if (event.key === "Escape") { closeList(); event.preventDefault(); }
  });
  placeQuery.addEventListener("blur", function () { window.setTimeout(closeList, 150); });

  // --- saving ------------------------------------------------------------------------------------
  var submitting = false;
  form.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }
    submitting = true;
  });

  form.addEventListener("keydown", function (event) {
    var key = event.key;
    if ((event.ctrlKey || event.metaKey) && key === "Enter") {
      event.preventDefault();
      form.requestSubmit(form.querySelector("[data-primary]"));
    } else if ((event.ctrlKey || event.metaKey) && (key === "s" || key === "S")) {
      event.preventDefault();
      form.requestSubmit(form.querySelector("[data-draft]"));
    } else if (key === "Enter" && event.target.tagName === "INPUT" && event.target.type !== "checkbox") {
      // Enter alone does not save a half-typed report: saving is Ctrl+Enter or a button.
      event.preventDefault();
    }
  });
})();
