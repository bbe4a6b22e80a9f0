// The log table, for the keyboard: "/" goes to the text filter, j/k or the arrow keys move between
// rows, Enter (or a click) opens the report. Rows arriving live are handled the same way.
const results = document.getElementById("log-results");
const search = document.getElementById("f-q");

function rows() { return Array.from(results.querySelectorAll("tr[data-href]")); }

function typing() {
  return /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
}

function move(from, step) {
  const all = rows();
  if (!all.length) return;
  const index = all.indexOf(from);
  let next = all[Math.min(Math.max(index + step, 0), all.length - 1)];
  if (index === -1) next = all[0];
  next.focus();
}

// Filters in the address bar only when they are set, so a shared link says what it filters.
document.body.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.elt.id !== "log-filters") return;
  for (const field of event.detail.elt.elements) {
    if (field.name && !field.value) delete event.detail.parameters[field.name];
  }
});

// --- live rows -------------------------------------------------------------------------------------
// New reports come from the poller (the server's rows, through the policy and the page's filters, with the
// banner that covers them); the live stream (/api/cop/stream, the same stream the map listens to) only
// makes it ask at once when a report is validated or published. Each new row is put where the page's
// sort puts it; one that sorts before the first row of a later page, or after the last row of a page
// that has a next one, belongs to another page: it is not inserted, and a notice says how many did.
const SORT_KEYS = {
  newest: [["occurred", -1]],
  oldest: [["occurred", 1]],
  severity: [["severity", -1], ["occurred", -1]],
  updated: [["updated", -1]],
  logged: [["logged", -1]],
};

function keyOf(row, name) {
  const value = row.dataset[name];
  return name === "severity" ? Number(value) : Date.parse(value);
}

// Negative when row a comes before row b in the sort; ties are broken by id in the sort's direction.
export function compareRows(sort, a, b) {
  const keys = SORT_KEYS[sort] || SORT_KEYS.newest;
  for (const [name, direction] of keys) {
    const difference = keyOf(a, name) - keyOf(b, name);
    if (difference) return direction * difference;
  }
  return keys[0][1] * (Number(a.dataset.id) - Number(b.dataset.id));
}

const pending = { above: 0, below: 0 };

function notice() {
  const line = document.getElementById("live-notice");
  if (!line) return;
  const total = pending.above + pending.below;
  line.hidden = total === 0;
  if (!total) { line.replaceChildren(); return; }
  const where = pending.above && pending.below ? "on other pages" : pending.above ? "on earlier pages" : "on later pages";
  const text = document.createElement("span");
  text.textContent = total + " new report" + (total === 1 ? "" : "s") + " " + where + " of this view";
  const show = document.createElement("button");
  show.type = "button";
  show.className = "small-button";
  show.textContent = pending.above ? "Show (first page)" : "Show (reload)";
  show.addEventListener("click", () => {
    const url = new URL(window.location.href);
    if (pending.above) url.searchParams.delete("page");
    window.location.href = url.toString();
  });
  line.replaceChildren(text, show);
}

function place(row) {
  const table = document.getElementById("log-table");
  const body = document.getElementById("log-rows");
  row.dataset.placed = "true";
  row.remove();
  const sort = table.dataset.sort;
  const shown = rows().filter((other) => other.dataset.placed === "true" || !other.classList.contains("fresh"));
  if (shown.some((other) => other.dataset.id === row.dataset.id)) return;
  const first = shown[0];
  const last = shown[shown.length - 1];
  if (first && compareRows(sort, row, first) < 0 && table.dataset.page !== "1") { pending.above += 1; return; }
  if (last && compareRows(sort, row, last) > 0 && table.dataset.hasNext === "true") { pending.below += 1; return; }
  const after = shown.find((other) => compareRows(sort, row, other) < 0);
  body.insertBefore(row, after || null);
  row.classList.add("arrived");
}

// The poller swaps its rows in at the top; each is then moved to its place (or counted elsewhere), and the
// "no reports" line goes once a report is shown.
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id !== "log-rows") return;
  const arrived = Array.from(results.querySelectorAll("#log-rows tr.fresh:not([data-placed])"));
  // Oldest first, so that rows tied in the sort keep the server's order among themselves.
  arrived.reverse().forEach(place);
  notice();
  const empty = results.querySelector("tr.empty");
  if (empty && rows().length) empty.remove();
});

// A new page of results (filters, sort, paging) starts without notices.
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target === results) { pending.above = 0; pending.below = 0; notice(); }
});

// The live stream: a validated or published report the reader may see makes the poller ask now.
// On a page with the watch floor's alert banner, the banner's stream carries the reports (one stream a
// page: watch/alerts.js says why); other readers' log opens its own.
function listen() {
  const table = document.getElementById("log-table");
  if (!table || !table.dataset.live) return;
  const askNow = () => {
    const poller = document.getElementById("log-poll");
    if (poller) window.htmx.trigger(poller, "live");
  };
  if (document.getElementById("watch-alerts") && document.body.dataset.liveReports === "true") {
    document.addEventListener("peacekeeper:live-event", askNow);
    return;
  }
  if (!window.EventSource) return;
  new EventSource(table.dataset.live).addEventListener("event", askNow);
}
listen();

results.addEventListener("click", (event) => {
  if (event.target.closest("a, button")) return;
  const row = event.target.closest("tr[data-href]");
  if (row) window.location.href = row.dataset.href;
});

results.addEventListener("keydown", (event) => {
  const row = event.target.closest("tr[data-href]");
  if (!row || event.target !== row) return;
  if (event.key === "Enter") { window.location.href = row.dataset.href; event.preventDefault(); }
  else if (event.key === "ArrowDown" || event.key === "j") { move(row, 1); event.preventDefault(); }
  else if (event.key === "ArrowUp" || event.key === "k") { move(row, -1); event.preventDefault(); }
});

document.addEventListener("keydown", (event) => {
  if (typing() || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "/") { search.focus(); search.select(); event.preventDefault(); }
  else if (event.key === "j" && !document.activeElement.closest("tr[data-href]")) {
    move(null, 1);
    event.preventDefault();
  }
});
