"""The numbers that make generated reports look like KFOR's record: where, what, how bad, who reports.

Tuned by eye against the facts file and the public ACLED record for Kosovo: most reports are minor
(severity 1-2), casualties are rare and small, deaths very rare; the four northern Serb-majority
municipalities produce far more freedom-of-movement, barricade and crossing incidents than their
population suggests, and a few multi-day bursts a year gather around the flashpoints.
"""

from dataclasses import dataclass

# Regions of the theatre, told apart by the municipalities' attributes (see sample.region_of).
NORTH = "north"  # Serb-majority municipalities north of the Ibar
SERB_SOUTH = "serb_south"  # Serb-majority municipalities south of the Ibar
SOUTH = "south"  # everywhere else

# Share of background (non-burst) reports per region; within a region areas are weighted by
# population. The north holds ~3% of the population but a third of what KFOR reports on.
REGION_SHARE = {NORTH: 0.30, SERB_SOUTH: 0.08, SOUTH: 0.62}

# Category weights per region: what a report in that region is about.
CATEGORY_MIX: dict[str, dict[str, int]] = {
    NORTH: {
        "fom.roadblock": 14,
        "fom.restriction": 11,
        "fom.crossing_incident": 10,
        "civil.demonstration": 10,
        "protests.peaceful": 7,
        "protests.with_intervention": 3,
        "riots.violent_demonstration": 2,
        "riots.mob_violence": 1,
        "force.attack": 2,
        "security.inter_ethnic": 5,
        "security.weapons_find": 5,
        "security.explosive_infrastructure": 1,
        "explosions.grenade": 1,
        "rule_of_law.police_operation": 9,
        "strategic.arrests": 5,
        "strategic.looting": 2,
        "strategic.other": 4,
        "civil.humanitarian": 3,
    },
    SERB_SOUTH: {
        "civil.demonstration": 12,
        "protests.peaceful": 8,
        "protests.with_intervention": 1,
        "security.inter_ethnic": 12,
        "violence.attack": 3,
        "strategic.looting": 6,
        "rule_of_law.police_operation": 12,
        "strategic.arrests": 5,
        "security.weapons_find": 8,
        "civil.humanitarian": 14,
        "fom.restriction": 5,
        "fom.roadblock": 2,
        "strategic.other": 6,
    },
    SOUTH: {
        "civil.demonstration": 18,
        "protests.peaceful": 12,
        "protests.with_intervention": 2,
        "riots.violent_demonstration": 1,
        "rule_of_law.police_operation": 16,
        "strategic.arrests": 9,
        "security.weapons_find": 14,
        "security.inter_ethnic": 3,
        "violence.attack": 1,
        "civil.humanitarian": 12,
        "strategic.looting": 3,
        "strategic.other": 5,
        "fom.restriction": 1,
        "fom.roadblock": 1,
        "fom.crossing_incident": 2,
    },
}

# Bursts: multi-day flare-ups at a flashpoint, like the 2022 barricades at the northern crossings and
# the 2023 riots at Zvečan's municipal building. Each flashpoint kind has its own mix.
BURSTS_PER_YEAR = (3.0, 6.0)
BURST_DAYS = (2.0, 6.0)
BURST_SHARE = 0.15  # of all reports, when the window holds at least one burst
MIN_BURST_WINDOW_DAYS = 2.0
BURST_JITTER_KM = (0.05, 1.2)
BURST_MIX: dict[str, dict[str, int]] = {
    "crossing": {
        "fom.roadblock": 38,
        "fom.crossing_incident": 22,
        "fom.restriction": 14,
        "civil.demonstration": 10,
        "protests.with_intervention": 6,
        "riots.violent_demonstration": 4,
        "force.attack": 3,
        "strategic.arrests": 3,
    },
    "bridge": {
        "civil.demonstration": 26,
        "protests.peaceful": 14,
        "protests.with_intervention": 10,
        "riots.violent_demonstration": 10,
        "fom.restriction": 14,
        "fom.roadblock": 8,
        "security.inter_ethnic": 8,
        "rule_of_law.police_operation": 6,
        "strategic.arrests": 4,
    },
    "town": {
        "riots.violent_demonstration": 26,
        "riots.mob_violence": 8,
        "force.attack": 14,
        "protests.with_intervention": 14,
        "civil.demonstration": 14,
        "fom.roadblock": 12,
        "strategic.arrests": 6,
        "strategic.looting": 6,
    },
}
BURST_UNITS = {"crossing": ("JRD-N", "RC-W", "KTRBN"), "bridge": ("MSU", "JRD-N"), "town": ("RC-W", "KTRBN")}

# Reports cluster around towns: this far from the town's point, uniformly.
TOWN_JITTER_KM = (0.5, 3.0)
# An area counts as at least this many people (some have no populated place or no population figure).
FALLBACK_POPULATION = 1000

# Relative report rate per hour of the day (UTC; local time is UTC+1/+2): quiet nights, busy afternoons.
HOURLY_RHYTHM = (
    *(0.3, 0.25, 0.2, 0.2, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.0, 1.1),  # 00-11 UTC
    *(1.2, 1.2, 1.2, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4),  # 12-23 UTC
)
REPORT_DELAY_MINUTES = (5, 90)

# Release markings, as a share of reports.
MARKINGS = {
    "NATO UNCLASSIFIED // REL TO KFOR": 55.0,
    "NATO RESTRICTED // REL TO KFOR": 25.0,
    "NATO RESTRICTED // REL TO KFOR, EULEX": 12.0,
    "PUBLIC": 5.0,
    "NATO RESTRICTED // DEU ONLY": 0.75,
    "NATO RESTRICTED // ITA ONLY": 0.75,
    "NATO RESTRICTED // USA ONLY": 0.75,
    "NATO RESTRICTED // TUR ONLY": 0.75,
}

# Severity: the category's base plus one of these offsets, then raised by casualties.
SEVERITY_OFFSETS = {-1: 25, 0: 60, 1: 12, 2: 3}
# Of the reports with casualties, this share also reports a death.
DEATH_SHARE = 0.02


@dataclass(frozen=True)
class Originator:
    """Who the simulated report comes from (source_type itself is always "exercise")."""

    key: str
    weight: int
    scale: str
    reliability: dict[str, int]
    credibility: dict[int, int]
    exact_place: float  # chance of geo_precision 1
    exact_time: float  # chance of time_precision 1
    own_forces: bool = False  # own patrols and teams file SALUTE


ORIGINATORS = (
    Originator(
        key="patrol",
        weight=40,
        scale="Own forces",
        reliability={"A": 2, "B": 60, "C": 35, "D": 3},
        credibility={1: 10, 2: 55, 3: 35},
        exact_place=0.9,
        exact_time=0.97,
        own_forces=True,
    ),
    Originator(
        key="lmt",
        weight=12,
        scale="Own forces",
        reliability={"B": 50, "C": 45, "D": 5},
        credibility={2: 50, 3: 45, 4: 5},
        exact_place=0.85,
        exact_time=0.95,
        own_forces=True,
    ),
    Originator(
        key="police",
        weight=16,
        scale="National",
        reliability={"B": 45, "C": 50, "D": 5},
        credibility={2: 45, 3: 50, 4: 5},
        exact_place=0.7,
        exact_time=0.95,
    ),
    Originator(
        key="partner",
        weight=8,
        scale="International",
        reliability={"A": 5, "B": 60, "C": 35},
        credibility={1: 10, 2: 60, 3: 30},
        exact_place=0.6,
        exact_time=0.95,
    ),
    Originator(
        key="media",
        weight=16,
        scale="Subnational",
        reliability={"C": 50, "D": 35, "E": 5, "F": 10},
        credibility={2: 10, 3: 50, 4: 30, 6: 10},
        exact_place=0.3,
        exact_time=0.8,
    ),
    Originator(
        key="humint",
        weight=8,
        scale="Local",
        reliability={"B": 10, "C": 45, "D": 35, "E": 5, "F": 5},
        credibility={2: 15, 3: 50, 4: 30, 5: 5},
        exact_place=0.3,
        exact_time=0.8,
    ),
)
PARTNERS = ("EULEX", "OSCE", "UNMIK")

# Reporting units (kfor_facts.json `kfor_units`) by the district a report falls in; the north first.
NORTH_UNITS = ("JRD-N", "RC-W", "KTRBN", "MSU")
DISTRICT_UNITS = {
    "XK-DIST-PRISTINA": ("JRD-C", "MSU", "ISR MNBN"),
    "XK-DIST-MITROVICA": ("JRD-N", "MSU", "RC-W"),
    "XK-DIST-PEJA": ("RC-W", "ISR MNBN"),
    "XK-DIST-GJAKOVA": ("RC-W", "JRD-C"),
    "XK-DIST-PRIZREN": ("JRD-S", "RC-W"),
    "XK-DIST-FERIZAJ": ("RC-E", "JRD-S"),
    "XK-DIST-GJILAN": ("RC-E", "JRD-S"),
}
DEFAULT_UNITS = ("HQ KFOR",)

# The flashpoints, as the scenario names them.
IBAR_BRIDGE_NAME = "Ibar"  # part of the Site's name (kind bridge)
JARINJE_DESIGNATION = "Gate 1"  # the CrossingPoint's KFOR designation
ZVECAN_NAME = "Zvečan"  # the populated Place
