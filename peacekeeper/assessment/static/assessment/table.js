// The assessment table, for the keyboard and the mouse: column buttons sort (again to reverse),
// j/k or the arrow keys move between rows, Enter (or a click on the row) opens the municipality.
const table = document.getElementById("assessment-table");

function rows() {
  return Array.from(table.tBodies[0].rows);
}

function value(row, column, kind) {
  const raw = row.cells[column].dataset.value ?? row.cells[column].textContent;
  return kind === "number" ? Number.parseFloat(raw) || 0 : raw.trim().toLocaleLowerCase();
}

function sortBy(button) {
  const header = button.closest("th");
  const column = Array.from(header.parentElement.cells).indexOf(header);
  const kind = button.dataset.sort;
  const current = header.getAttribute("aria-sort");
  const first = button.dataset.default === "desc" || kind === "number" ? "descending" : "ascending";
  const order = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
  const sign = order === "ascending" ? 1 : -1;
  const sorted = rows().sort((a, b) => {
    const x = value(a, column, kind);
    const y = value(b, column, kind);
    if (x < y) return -sign;
    if (x > y) return sign;
    return value(a, 0, "text") < value(b, 0, "text") ? -1 : 1;
  });
  for (const th of header.parentElement.cells) th.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", order);
  table.tBodies[0].append(...sorted);
}

function move(from, step) {
  const all = rows();
  const index = all.indexOf(from);
  const next = index === -1 ? all[0] : all[Math.min(Math.max(index + step, 0), all.length - 1)];
  if (next) next.focus();
}

if (table) {
  table.tHead.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-sort]");
    if (button) sortBy(button);
  });
  table.tBodies[0].addEventListener("click", (event) => {
    if (event.target.closest("a, button")) return;
    const row = event.target.closest("tr[data-href]");
    if (row) window.location.href = row.dataset.href;
  });
  table.tBodies[0].addEventListener("keydown", (event) => {
    const row = event.target.closest("tr[data-href]");
    if (!row || event.target !== row) return;
    if (event.key === "Enter") window.location.href = row.dataset.href;
    else if (event.key === "ArrowDown" || event.key === "j") move(row, 1);
    else if (event.key === "ArrowUp" || event.key === "k") move(row, -1);
    else return;
    event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j" && !document.activeElement.closest("tr[data-href]")) {
      move(null, 1);
      event.preventDefault();
    }
  });
}
