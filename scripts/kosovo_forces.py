"""The force registry files of the Kosovo scenario (build-time only): troop contributions by placemat,
total strength over time, and the exercise's national caveats. Units are built by kosovo_units.py.

The facts date placemats and strength figures in their own words ("2023 ('latest cut', exact date not
stated ...)"); the registry needs a date. Each row keeps the facts' words in `as_of_text`, and a date the
facts do not state exactly is an assumption, marked approximate with the reason.
"""

import re

from kosovo_organisations import NATIONS
from kosovo_units import build_exercise_units, build_units

# Facts dates that are not a plain YYYY-MM: the date the scenario uses, and why.
ASSUMED_DATES: dict[str, tuple[str, str]] = {
    "2023": (
        "2023-10-01",
        "date assumed: the source gives only '2023' (published after October 2023); dated 1 Oct 2023",
    ),
    "2023-05/06": ("2023-05-01", "date approximate: the source gives May/June 2023; dated 1 May 2023"),
    "2025": ("2025-07-01", "date assumed: an undated 2025 KFOR statement; dated 1 Jul 2025"),
}
PARTIAL_NOTE = "partial list: the source gives only some nations' figures ({listed} of {total} troops)"

CAVEAT_NOTE = (
    "EXERCISE ASSUMPTION, not a real national caveat: nations rarely publish their caveats, so the "
    "scenario sets this one to exercise the planner and the optimiser."
)
CAVEAT_SOURCE = "Peacekeeper exercise scenario (not from the sources)"
CAVEATS = [
    ("caveat:deu-no-crc", {"nation": "DEU"}, "no_capability", {"capability": "crc"}, "NATO RESTRICTED"),
    ("caveat:tur-not-north", {"nation": "TUR"}, "not_north_of_ibar", {}, "NATO CONFIDENTIAL"),
    ("caveat:svn-only-west", {"unit": "unit:x-svn-coy"}, "only_in_region", {"region": "RC-W"},
     "NATO RESTRICTED"),
    ("caveat:jrd-c-no-night", {"unit": "unit:jrd-c"}, "no_night_operations", {}, "NATO RESTRICTED"),
    ("caveat:che-72h", {"nation": "CHE"}, "min_notice_hours", {"hours": 72}, "NATO RESTRICTED"),
]  # fmt: skip


def scenario_date(text: str) -> tuple[str, str]:
    """The ISO date (first of the month) for a facts date, and the note when it is assumed ('' if not)."""
    match = re.match(r"(\d{4}-\d{2})(?![\d/])", text)
    if match:
        return f"{match[1]}-01", ""
    head = text.split(" ")[0]
    if head not in ASSUMED_DATES:
        raise SystemExit(f"facts date {text!r} has no scenario date; add it to ASSUMED_DATES")
    return ASSUMED_DATES[head]


def build_strength(facts: dict) -> list[dict]:
    rows = []
    for item in facts["strength_over_time"]:
        as_of, date_note = scenario_date(item["date"])
        notes = [date_note, "figure approximate in the source" if item["approximate"] else ""]
        rows.append(
            {
                "scenario_key": f"strength:{as_of}",
                "as_of": as_of,
                "as_of_text": item["date"],
                "troops": item["troops"],
                "nations": item["nations"] or "",
                "note": item["note"] or "",
                "approximate": bool(item["approximate"] or date_note),
                "approximation_note": "; ".join(filter(None, notes)),
                "source": item["source"],
            }
        )
    if len({row["as_of"] for row in rows}) != len(rows):
        raise SystemExit("two strength figures fall on the same scenario date")
    return rows


def build_contributions(facts: dict) -> list[dict]:
    totals = {row["as_of"]: row["troops"] for row in build_strength(facts)}
    listed: dict[str, int] = {}
    for item in facts["troop_contributions"]:
        as_of = scenario_date(item["placemat_date"])[0]
        listed[as_of] = listed.get(as_of, 0) + item["troops"]
    rows = []
    for item in facts["troop_contributions"]:
        as_of, date_note = scenario_date(item["placemat_date"])
        total = totals.get(as_of)
        partial = total is not None and listed[as_of] < total
        notes = [date_note, PARTIAL_NOTE.format(listed=listed[as_of], total=total) if partial else ""]
        rows.append(
            {
                "nation": NATIONS[item["nation"]][0],
                "nation_in_sources": item["nation"],
                "as_of": as_of,
                "as_of_text": item["placemat_date"],
                "troops": item["troops"],
                "name_inferred": item["name_inferred"],
                "note": item.get("note") or "",
                "approximate": bool(date_note or partial),
                "approximation_note": "; ".join(filter(None, notes)),
                "source": item["source"],
            }
        )
    return rows


def build_caveats() -> list[dict]:
    return [
        {
            "scenario_key": key,
            "nation": applies_to.get("nation"),
            "unit": applies_to.get("unit"),
            "kind": kind,
            "params": params,
            "note": CAVEAT_NOTE,
            "source": CAVEAT_SOURCE,
            "marking": f"{classification} // REL TO KFOR",
        }
        for key, applies_to, kind, params, classification in CAVEATS
    ]


def forces_files(facts: dict) -> dict[str, list[dict]]:
    return {
        "units.json": build_units(facts) + build_exercise_units(),
        "contributions.json": build_contributions(facts),
        "strength.json": build_strength(facts),
        "caveats.json": build_caveats(),
    }


FORCES_SOURCES = """
## Force registry (units.json, contributions.json, strength.json, caveats.json)
Built by `scripts/kosovo_units.py` and `scripts/kosovo_forces.py` from `kfor_facts.json`.

- **Units**: the 11 `kfor_units`, each keeping the facts' `role`, `location` and `source` text;
  `lead_nation_in_sources` keeps the facts' own wording where it is mapped to a nation code (e.g.
  "Switzerland (commander)" → CHE). **The SIDCs are not from the sources**: Peacekeeper assigned each from
  the unit's role (APP-6D / 2525D, friend, reality), and each unit's `sidc_note` says why; the entity codes
  were checked against the land-unit tables of milsymbol and Esri joint-military-symbology-xml. Echelons the
  sources do not state (MSU, JRD-N/C/S) are judgements, and the notes say so. A unit is drawn at its camp's
  position (approximate when the camp's is) or, for NALT, at the GeoNames point of Pristina.
  Capabilities are read from the role where the role names them; **strength, notice to move, rotation and
  transfer-of-authority dates are exercise assumptions** (the sources give none), and each unit's
  `assumptions` names every assumed value and why. Marking: NATO UNCLASSIFIED // REL TO KFOR (public
  sources, but unit dispositions are force-protection information); set on first load only, so an
  administrator's relabelling survives reloads.
- **Troop contributions**: every `troop_contributions` row (four placemats: February 2017, complete, sums
  to the stated 4,273; August 2022, a partial list of 16 nations; 2023, 27 nations summing to 4,353;
  April 2025, only Italy's figure legible). `name_inferred` is kept (four 2017 names were inferred from
  their position in the placemat). Partial placemats are `approximate` with the listed and stated totals.
- **Strength over time**: every `strength_over_time` row with the facts' `approximate` flag and note.
- **Dates**: the facts' own dating is kept as `as_of_text`. Where it is not a month, the scenario date is
  an assumption, marked approximate: {assumed}.
- **National caveats**: real caveats are mostly not public. The five in caveats.json (one of each rule
  kind) are **exercise assumptions**, said so in each caveat's note and source, and released
  NATO RESTRICTED or NATO CONFIDENTIAL // REL TO KFOR.
"""


def forces_sources() -> str:
    assumed = "; ".join(f"'{text}' → {iso} ({why})" for text, (iso, why) in ASSUMED_DATES.items())
    return FORCES_SOURCES.format(assumed=assumed)
