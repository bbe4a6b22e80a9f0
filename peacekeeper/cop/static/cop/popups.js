// Popups: built from DOM nodes with textContent only. A report's text may contain anything,
// including markup meant to run; here it can only ever be text.
import { dtg } from "../theatre/dtg.js";
import { element, safePath } from "./dom.js";

// A title, label/value rows (empty values skipped), then an optional link to the record's page.
export function popup(title, rows, link) {
  const box = element("div", "popup");
  box.appendChild(element("strong", "popup-title", title));
  const list = element("dl", "popup-rows");
  rows.forEach((row) => {
    if (row[1] === null || row[1] === undefined || row[1] === "") return;
    list.appendChild(element("dt", null, row[0]));
    list.appendChild(element("dd", null, row[1]));
  });
  box.appendChild(list);
  const href = link ? safePath(link.href) : null;
  if (href) {
    const anchor = element("a", "popup-link", link.text);
    anchor.href = href;
    box.appendChild(anchor);
  }
  return box;
}

export function eventPopup(p) {
  const box = popup(p.category_label || p.category, [
    ["When", p.dtg],
    ["Where", p.location_name],
    ["Municipality", p.area],
    ["Severity", p.severity ? p.severity + " of 5" : null],
    ["Status", p.status],
    ["Marking", p.marking],
    ["Exercise", p.exercise ? "EXERCISE" : null]
  ], { href: p.url, text: "Open the report" });
  box.classList.add("popup-event");
  return box;
}

export function clusterPopup(p) {
  const top = Object.keys(p.categories || {}).map((code) => [code, p.categories[code]])
    .sort((a, b) => b[1] - a[1]).slice(0, 5);
  const box = popup(p.count + " reports", [
    ["Most", p.top_category_label],
    ["Highest severity", p.max_severity ? p.max_severity + " of 5" : null]
  ]);
  if (top.length) {
    const list = element("ul", "popup-categories");
    top.forEach((entry) => { list.appendChild(element("li", null, entry[1] + " × " + entry[0])); });
    box.appendChild(list);
  }
  box.appendChild(element("p", "muted small", "Click or press Enter on the cluster to zoom in."));
  return box;
}

export function unitPopup(p) {
  return popup(p.name, [
    ["Short name", p.short_name], ["Nation", p.nation], ["Echelon", p.echelon], ["Role", p.role],
    ["Camp", p.camp], ["Position", p.approximate ? "approximate" : null], ["Marking", p.marking],
    ["SIDC", p.sidc]
  ]);
}

export function sitePopup(p) {
  return popup(p.name, [
    ["Marking", p.marking], ["Kind", p.kind], ["Function", p.function], ["Status", p.status],
    ["Municipality", p.area], ["Position", p.approximate ? "approximate: " + p.approximation_note : null]
  ], { href: p.url, text: "Open the record" });
}

export function crossingPopup(p, fom) {
  return popup(p.name, [
    ["Movement", fom ? fom.status : "no report"], ["Cause", fom && fom.cause],
    ["Since", fom && fom.since ? dtg(new Date(fom.since)) : null],
    ["KFOR designation", p.kfor_designation], ["Neighbour", p.neighbour], ["Municipality", p.area],
    ["Position", p.approximate ? "approximate: " + p.approximation_note : null], ["Note", p.note]
  ]);
}

export function roadPopup(p, fom) {
  // One stretch carries every designation of the roads along it (N2 / M-2 / E65).
  const designations = (p.designations && p.designations.length ? p.designations : [p.road_code]).join(" / ");
  return popup(designations + ": " + p.start + " – " + p.end, [
    ["Movement", fom ? fom.status : "no report"], ["Cause", fom && fom.cause],
    ["Since", fom && fom.since ? dtg(new Date(fom.since)) : null],
    ["Road", p.road_name], ["Class", p.road_class], ["Length", p.length_km + " km"],
    ["Geometry", p.approximate ? "approximate network: " + p.approximation_note : "surveyed"],
    ["Source", p.credit]
  ]);
}

export function areaPopup(p, level) {
  return popup(p.name_en, [
    ["Assessed level", level ? level.level + " of 5" + (level.override ? " (analyst override; computed " + level.computed_level + ")" : "") : null],
    ["Reports", level ? level.count : null],
    ["Per 1,000 km²", level ? level.per_1000_km2 : null],
    ["Albanian", p.name_sq], ["Serbian", p.name_sr_latn], ["Cyrillic", p.name_sr_cyrl],
    ["District", p.parent], ["Code", p.code]
  ]);
}

export function placePopup(p) {
  return popup(p.name, [
    ["Municipality", p.area], ["Population", p.population], ["Other names", (p.names || []).join(", ")]
  ]);
}
