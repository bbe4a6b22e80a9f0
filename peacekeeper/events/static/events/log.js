// The log table, for the keyboard: "/" goes to the text filter, j/k or the arrow keys move between
// rows, Enter (or a click) opens the report. Rows arriving by polling are handled the same way.
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

// The "no reports" line goes once a polled report arrives.
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id !== "log-rows") return;
  const empty = results.querySelector("tr.empty");
  if (empty && rows().length) empty.remove();
});

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
