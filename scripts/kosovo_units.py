"""The units of the Kosovo scenario (build-time only): the facts' 11 `kfor_units`, with what Peacekeeper adds.

The facts give each unit's name, role, location, lead nation and sources. Peacekeeper adds the APP-6D SIDC
(assigned from the role, each with a note saying why), the nation code, the camp, and the registry values
the posture planner needs: capabilities, strength, notice to move, rotation and transfer of authority.
Capabilities read from the role in the sources are marked so; every value the sources do not give is an
exercise assumption and is listed in the unit's `assumptions` ({field: why}), which the UI shows.
"""

from dataclasses import dataclass

UNIT_MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


@dataclass(frozen=True)
class UnitSymbol:
    short_name: str
    nation: str | None
    sidc: str
    camp: str | None
    place: str | None
    sidc_note: str


@dataclass(frozen=True)
class Registry:
    capabilities: tuple[str, ...]
    # Where the capabilities come from: "role" (read from the facts' role text) or an assumption's reason.
    capabilities_from: str
    strength: int | None
    readiness_hours: int | None
    # (start, end, transfer of authority) as ISO dates, or None: the unit does not rotate as a whole.
    rotation: tuple[str, str, str] | None
    # Why a unit has no rotation, or anything else a planner should know about these values.
    rotation_note: str = ""


STRENGTH_ASSUMED = "exercise assumption: strength not in the sources"
READINESS_ASSUMED = "exercise assumption: notice to move not in the sources"
ROTATION_ASSUMED = "exercise assumption: rotation and transfer-of-authority dates not in the sources"
FROM_ROLE = "role"

SYMBOLS: dict[str, UnitSymbol] = {
    "unit:hq-kfor": UnitSymbol(
        short_name="HQ KFOR",
        nation=None,
        sidc="10031002211100000000",
        camp="Camp Film City",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend "
            "(3), reality (0), land unit (10), present, HQ flag (2), echelon division (21), entity "
            "command and control (110000). Division because KFOR's commander is a major general and the "
            "two brigade-level regional commands report to HQ KFOR; 'command' (26) and 'army' (23) would "
            "overstate a force of about 4,500."
        ),
    ),
    "unit:rc-e": UnitSymbol(
        short_name="RC-E",
        nation="USA",
        sidc="10031002181100000000",
        camp="Camp Bondsteel",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, HQ flag (2), echelon brigade (18), entity command and control "
            "(110000): a brigade-level multinational regional command. The sources name no arm for the "
            "rotating US National Guard brigades, so no manoeuvre branch icon is claimed."
        ),
    ),
    "unit:rc-w": UnitSymbol(
        short_name="RC-W",
        nation="ITA",
        sidc="10031002181100000000",
        camp="Camp Villaggio Italia",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, HQ flag (2), echelon brigade (18), entity command and control "
            "(110000): a brigade-level multinational regional command (formerly MNBG-W). The sources name"
            " no arm, so no manoeuvre branch icon is claimed."
        ),
    ),
    "unit:ktrbn": UnitSymbol(
        short_name="KTRBN",
        nation="HUN",
        sidc="10031000161211000000",
        camp="Camp Novo Selo (Camp Maréchal de Lattre de Tassigny)",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon battalion (16, from its name), entity "
            "infantry (121100): a manoeuvre reserve for crowd and riot control, escorts, patrols and "
            "checkpoints."
        ),
    ),
    "unit:msu": UnitSymbol(
        short_name="MSU",
        nation="ITA",
        sidc="10031000171412000000",
        camp="MSU base",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon regiment (17), entity military police "
            "(141200): Carabinieri, a police force with military status. The sources give no strength; "
            "regiment is a judgement, not a fact."
        ),
    ),
    "unit:jrd-n": UnitSymbol(
        short_name="JRD-N",
        nation="CHE",
        sidc="10031000161105000000",
        camp="Camp Novo Selo (Camp Maréchal de Lattre de Tassigny)",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon battalion (16), entity liaison (110500): a "
            "non-kinetic detachment controlling liaison and monitoring teams. Liaison (110500) is "
            "verified against the milsymbol and Esri joint-military-symbology-xml land-unit tables. The "
            "sources give no size; battalion is a judgement."
        ),
    ),
    "unit:jrd-c": UnitSymbol(
        short_name="JRD-C",
        nation="ITA",
        sidc="10031000161105000000",
        camp="Camp Film City",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon battalion (16), entity liaison (110500): a "
            "detachment controlling liaison and monitoring teams (10 LMTs in 2014) under colonels. "
            "Present-day status is not verified; status 'present' follows the 2016 sources."
        ),
    ),
    "unit:jrd-s": UnitSymbol(
        short_name="JRD-S",
        nation="TUR",
        sidc="10031000161105000000",
        camp="Camp Sultan Murat",
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon battalion (16), entity liaison (110500): a "
            "detachment controlling liaison and monitoring teams. Present-day status is not verified; "
            "status 'present' follows the 2016 source. The sources give no size; battalion is a "
            "judgement."
        ),
    ),
    "unit:lmts": UnitSymbol(
        short_name="LMTs",
        nation=None,
        sidc="10031000111105000000",
        camp=None,
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon team (11), entity liaison (110500): the "
            "record stands for the many teams in municipal field houses; each is a team. Not drawn: the "
            "sources give no one position."
        ),
    ),
    "unit:isr-mnbn": UnitSymbol(
        short_name="ISR MNBN",
        nation="ITA",
        sidc="10031000161510000000",
        camp=None,
        place=None,
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon battalion (16, from its name), entity "
            "military intelligence (151000): an information-collection battalion. Reconnaissance (121300)"
            " was the alternative; intelligence collection is its stated role."
        ),
    ),
    "unit:nalt": UnitSymbol(
        short_name="NALT",
        nation="DEU",
        sidc="10031000111105000000",
        camp=None,
        place="geonames:786714",
        sidc_note=(
            "SIDC assigned by Peacekeeper from the unit's role; the sources give no symbol code. Friend, "
            "reality, land unit, present, no HQ flag, echelon team (11, from its name), entity liaison "
            "(110500): advises the Kosovo Security Force. Not commanded by COMKFOR (reports to NATO IS "
            "Operations); friend identity still applies."
        ),
    ),
}

# Strengths are sized against the placemat figures of the lead nation (e.g. Hungary 433 in 2023 for
# KTRBN) but remain assumptions; rotations are set around the scenario's present (late 2026).
REGISTRY: dict[str, Registry] = {
    "unit:hq-kfor": Registry(
        (), FROM_ROLE, 600, None, None, "a standing headquarters: staff rotate individually"
    ),
    # The regional commands are headquarters (strength: the staff): tasks go to their contingents
    # (EXERCISE_UNITS below).
    "unit:rc-e": Registry(
        (), FROM_ROLE, 120, None, ("2026-05-15", "2027-02-15", "2026-05-20"),
        "a headquarters: tasked through its national contingents",
    ),
    "unit:rc-w": Registry(
        (), FROM_ROLE, 150, None, ("2026-09-20", "2027-03-20", "2026-09-25"),
        "a headquarters: tasked through its national contingents",
    ),
    "unit:ktrbn": Registry(
        ("infantry", "crc"), FROM_ROLE, 450, 2, ("2026-08-01", "2027-02-01", "2026-08-05")
    ),
    "unit:msu": Registry(
        ("military_police", "crc", "isr"), FROM_ROLE, 250, 4, ("2026-10-01", "2027-04-01", "2026-10-03")
    ),
    "unit:jrd-n": Registry(
        ("liaison_monitoring",), FROM_ROLE, 120, 24, ("2026-07-01", "2027-01-01", "2026-07-03")
    ),
    "unit:jrd-c": Registry(
        ("liaison_monitoring",), FROM_ROLE, 80, 24, ("2026-06-10", "2026-12-10", "2026-06-12")
    ),
    "unit:jrd-s": Registry(
        ("liaison_monitoring",), FROM_ROLE, 80, 24, ("2026-09-01", "2027-03-01", "2026-09-04")
    ),
    "unit:lmts": Registry(
        ("liaison_monitoring",), FROM_ROLE, 150, 24, None, "many teams that rotate with their detachments"
    ),
    "unit:isr-mnbn": Registry(("isr",), FROM_ROLE, 200, 6, ("2026-06-01", "2026-12-01", "2026-06-04")),
    "unit:nalt": Registry(
        ("liaison_monitoring",), FROM_ROLE, 40, None, None,
        "advises the Kosovo Security Force; not under COMKFOR, so no transfer of authority",
    ),
}  # fmt: skip


def build_units(facts: dict) -> list[dict]:
    """units.json: one row per facts unit, in the facts' order."""
    if len(facts["kfor_units"]) != len(SYMBOLS):
        raise SystemExit(
            f"the facts list {len(facts['kfor_units'])} units; {len(SYMBOLS)} are described here"
        )
    rows = []
    for item, (key, symbol) in zip(facts["kfor_units"], SYMBOLS.items(), strict=True):
        rows.append(
            {
                "scenario_key": key,
                "name": item["name"],
                "short_name": symbol.short_name,
                "nation": symbol.nation,
                "lead_nation_in_sources": item["lead_nation"],
                "sidc": symbol.sidc,
                "sidc_note": symbol.sidc_note,
                "role": item["role"],
                "location": item["location"] or "",
                "camp": symbol.camp,
                "place": symbol.place,
                **_registry_values(REGISTRY[key]),
                "source": item["source"],
                "marking": UNIT_MARKING,
            }
        )
    return rows


def _registry_values(registry: Registry) -> dict:
    start, end, transfer = registry.rotation or (None, None, None)
    assumptions = {}
    if registry.capabilities_from != FROM_ROLE:
        assumptions["capabilities"] = registry.capabilities_from
    if registry.strength is not None:
        assumptions["strength"] = STRENGTH_ASSUMED
    if registry.readiness_hours is not None:
        assumptions["readiness_hours"] = READINESS_ASSUMED
    if registry.rotation is not None:
        assumptions["rotation"] = ROTATION_ASSUMED
    from_role = registry.capabilities and registry.capabilities_from == FROM_ROLE
    capabilities_note = "capabilities read from the role in the sources" if from_role else ""
    return {
        "capabilities": list(registry.capabilities),
        "strength": registry.strength,
        "readiness_hours": registry.readiness_hours,
        "rotation_start": start,
        "rotation_end": end,
        "transfer_of_authority": transfer,
        "registry_note": "; ".join(filter(None, [capabilities_note, registry.rotation_note])),
        "assumptions": assumptions,
    }


# National contingents under the regional commands, invented for the exercise so that the posture planner
# has units of company size to task (the facts list commands and teams, not their sub-units). Nations and
# camps follow the facts' `contributors_reported` for RC-W and RC-E; everything else is an assumption.
EXERCISE_UNIT_SOURCE = (
    "EXERCISE ASSUMPTION: a national contingent invented for the posture-planning exercise; the nation "
    "and regional command follow the facts' contributors_reported, strength, readiness and rotation do not "
    "come from any source"
)
_INFANTRY, _MECHANISED, _MILITARY_POLICE = "121100", "121102", "141200"
_ENGINEER, _MEDICAL, _SUSTAINMENT = "140700", "161300", "160600"
_COMPANY, _PLATOON, _TEAM = "15", "14", "11"


@dataclass(frozen=True)
class ExerciseUnit:
    key: str
    name: str
    short_name: str
    nation: str
    entity: str
    echelon: str
    camp: str
    capabilities: tuple[str, ...]
    strength: int
    readiness_hours: int
    rotation: tuple[str, str, str]
    role: str


EXERCISE_UNITS = (
    ExerciseUnit("unit:x-usa-coy-a", "US infantry company A (RC-E)", "US A Coy", "USA", _INFANTRY, _COMPANY,
                 "Camp Bondsteel", ("infantry", "crc"), 150, 2, ("2026-05-15", "2027-02-15", "2026-05-20"),
                 "RC-E quick reaction company: patrols, crowd and riot control"),
    ExerciseUnit("unit:x-usa-coy-b", "US infantry company B (RC-E)", "US B Coy", "USA", _INFANTRY, _COMPANY,
                 "Camp Bondsteel", ("infantry",), 150, 6, ("2026-05-15", "2027-02-15", "2026-05-20"),
                 "RC-E manoeuvre company: patrols, checkpoints, escorts"),
    ExerciseUnit("unit:x-usa-mp", "US military police platoon (RC-E)", "US MP Pl", "USA", _MILITARY_POLICE,
                 _PLATOON, "Camp Bondsteel", ("military_police",), 40, 4,
                 ("2026-05-15", "2027-02-15", "2026-05-20"), "RC-E military police: gates, checkpoints"),
    ExerciseUnit("unit:x-usa-nh", "US infantry platoon, Camp Nothing Hill", "US NH Pl", "USA", _INFANTRY,
                 _PLATOON, "Camp Nothing Hill", ("infantry",), 45, 2,
                 ("2026-05-15", "2027-02-15", "2026-05-20"), "RC-E detachment in the north"),
    ExerciseUnit("unit:x-pol-coy", "Polish infantry company (RC-E)", "PL Coy", "POL", _INFANTRY, _COMPANY,
                 "Camp Bondsteel", ("infantry", "crc"), 130, 2, ("2026-07-01", "2027-01-01", "2026-07-05"),
                 "RC-E manoeuvre company with crowd and riot control"),
    ExerciseUnit("unit:x-grc-coy", "Greek mechanised infantry company (RC-E)", "GR Coy", "GRC", _MECHANISED,
                 _COMPANY, "Camp Bondsteel", ("infantry",), 110, 12,
                 ("2026-08-01", "2027-02-01", "2026-08-04"), "RC-E mechanised company"),
    ExerciseUnit("unit:x-ita-coy", "Italian manoeuvre company (RC-W)", "IT Coy", "ITA", _INFANTRY, _COMPANY,
                 "Camp Villaggio Italia", ("infantry", "crc"), 140, 6,
                 ("2026-09-20", "2027-03-20", "2026-09-25"), "RC-W manoeuvre company"),
    ExerciseUnit("unit:x-ita-mp", "Italian military police platoon (RC-W)", "IT MP Pl", "ITA",
                 _MILITARY_POLICE, _PLATOON, "Camp Villaggio Italia", ("military_police",), 35, 6,
                 ("2026-09-20", "2027-03-20", "2026-09-25"), "RC-W military police"),
    ExerciseUnit("unit:x-aut-coy", "Austrian infantry company (RC-W)", "AT Coy", "AUT", _INFANTRY, _COMPANY,
                 "Camp Villaggio Italia", ("infantry",), 120, 12, ("2026-10-01", "2027-04-01", "2026-10-05"),
                 "RC-W manoeuvre company"),
    ExerciseUnit("unit:x-svn-coy", "Slovenian infantry company (RC-W)", "SI Coy", "SVN", _INFANTRY, _COMPANY,
                 "Camp Villaggio Italia", ("infantry",), 100, 12, ("2026-08-15", "2027-02-15", "2026-08-18"),
                 "RC-W manoeuvre company"),
    ExerciseUnit("unit:x-tur-coy", "Turkish infantry company (RC-W)", "TR Coy", "TUR", _INFANTRY, _COMPANY,
                 "Camp Sultan Murat", ("infantry", "crc"), 150, 6, ("2026-07-10", "2027-01-10", "2026-07-14"),
                 "RC-W manoeuvre company at Prizren"),
    ExerciseUnit("unit:x-deu-coy", "German infantry and medical company", "DE Coy", "DEU", _INFANTRY,
                 _COMPANY, "Camp Film City", ("infantry", "medical"), 110, 12,
                 ("2026-06-01", "2026-12-15", "2026-06-04"), "manoeuvre company with a role 1 medical team"),
    ExerciseUnit("unit:x-che-coy", "Swiss engineer and transport company", "CH Coy", "CHE", _ENGINEER,
                 _COMPANY, "Camp Film City", ("engineers", "logistics"), 120, 24,
                 ("2026-10-01", "2027-04-01", "2026-10-03"), "engineering and transport support"),
    ExerciseUnit("unit:x-aut-eod", "Austrian EOD team", "AT EOD", "AUT", _ENGINEER, _TEAM, "Camp Film City",
                 ("eod",), 15, 6, ("2026-10-01", "2027-04-01", "2026-10-05"),
                 "explosive ordnance disposal (engineer symbol: no EOD entity in the renderer's table)"),
)  # fmt: skip


def build_exercise_units() -> list[dict]:
    """The exercise contingents as units.json rows, every registry value listed as an assumption."""
    rows = []
    for unit in EXERCISE_UNITS:
        start, end, transfer = unit.rotation
        rows.append(
            {
                "scenario_key": unit.key,
                "name": unit.name,
                "short_name": unit.short_name,
                "nation": unit.nation,
                "lead_nation_in_sources": None,
                "sidc": f"10031000{unit.echelon}{unit.entity}0000",
                "sidc_note": "SIDC assigned by Peacekeeper from the exercise unit's arm and size.",
                "role": f"EXERCISE UNIT: {unit.role}",
                "location": unit.camp,
                "camp": unit.camp,
                "place": None,
                "capabilities": list(unit.capabilities),
                "strength": unit.strength,
                "readiness_hours": unit.readiness_hours,
                "rotation_start": start,
                "rotation_end": end,
                "transfer_of_authority": transfer,
                "registry_note": "exercise unit: not in the sources",
                "assumptions": {
                    "unit": "exercise assumption: the whole unit is invented for the exercise",
                    "capabilities": "exercise assumption",
                    "strength": STRENGTH_ASSUMED,
                    "readiness_hours": READINESS_ASSUMED,
                    "rotation": ROTATION_ASSUMED,
                },
                "source": EXERCISE_UNIT_SOURCE,
                "marking": UNIT_MARKING,
            }
        )
    return rows
