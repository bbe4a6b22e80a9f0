// Gazetteer lookup: "/" focuses it, arrows move, Enter flies to the place, Escape clears.
(function () {
  "use strict";
  var COP = window.COP;
  var element = COP.element;

  COP.initLookup = function (ctx) {
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
        ctx.status(match.name + ": position not known in the sources.");
        return;
      }
      ctx.map.flyTo([match.lat, match.lon], 13, { duration: 0.6 });
      if (marker) marker.remove();
      marker = L.marker([match.lat, match.lon], { keyboard: false }).addTo(ctx.map);
      marker.bindTooltip(match.name, { permanent: true, direction: "right" }).openTooltip();
      ctx.status("Showing " + match.name + (match.approximate ? " (approximate position)" : "") + ".");
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (pending) pending.abort();
      if (!query) { current = []; selected = -1; render(); return; }
      pending = new AbortController();
      fetch(ctx.api + "theatre/gazetteer?limit=8&q=" + encodeURIComponent(query), { signal: pending.signal, credentials: "same-origin" })
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

    return input;
  };
})();
