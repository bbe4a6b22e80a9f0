"""How each category is reported: actors (ACLED inter codes), what a patrol sees, and how bad it tends to be.

The wording is invented for exercises; it borrows the shape of real reports, never their text.
"""

from dataclasses import dataclass

from peacekeeper.events.models import ActorType

KOSOVO_POLICE = "Police Forces of Kosovo (2008-)"
KFOR = "KFOR: Kosovo Force"
PROTESTERS = "Protesters (Kosovo)"
RIOTERS = "Rioters (Kosovo)"
CIVILIANS = "Civilians (Kosovo)"
UNIDENTIFIED = "Unidentified Armed Group (Kosovo)"


@dataclass(frozen=True)
class Kind:
    activities: tuple[str, ...]  # noun phrases: "a barricade of trucks and gravel on the main road"
    observed: str  # SALUTE "unit": who was seen
    size: tuple[int, int, str]  # smallest and largest number seen, and of what
    equipment: tuple[str, ...]
    actor1: tuple[str, int]
    actor2: tuple[str, int] = ("", ActorType.NONE)
    # Crowds carry their community as associated actor ("Serb Ethnic Group (Kosovo)").
    crowd: bool = False
    civilian_targeting: bool = False
    severity: int = 1
    injury_rate: float = 0.0
    injured: tuple[str, ...] = ()  # who gets hurt: civilians, police, force, other


KINDS: dict[str, Kind] = {
    "fom.roadblock": Kind(
        (
            "a barricade of trucks and gravel across the road",
            "a roadblock of parked vehicles",
            "a log barricade",
        ),
        "local residents",
        (10, 150, "persons"),
        ("trucks", "gravel", "logs, tractors"),
        actor1=(PROTESTERS, ActorType.PROTESTERS),
        crowd=True,
        severity=2,
        injury_rate=0.01,
        injured=("civilians",),
    ),
    "fom.restriction": Kind(
        (
            "a KFOR patrol stopped and turned back",
            "a vehicle checkpoint restricting traffic",
            "a road closed",
        ),
        "unidentified persons",
        (2, 30, "persons"),
        ("vehicles", "none observed"),
        actor1=(PROTESTERS, ActorType.PROTESTERS),
        actor2=(KFOR, ActorType.EXTERNAL_OTHER),
        crowd=True,
        severity=2,
    ),
    "fom.crossing_incident": Kind(
        (
            "traffic held at the crossing point",
            "a queue of trucks refused entry",
            "a dispute over vehicle plates",
        ),
        "drivers and crossing-point staff",
        (5, 80, "vehicles"),
        ("trucks", "passenger cars"),
        actor1=(CIVILIANS, ActorType.CIVILIANS),
        actor2=(KOSOVO_POLICE, ActorType.STATE_FORCES),
        severity=2,
    ),
    "civil.demonstration": Kind(
        (
            "a demonstration in the town centre",
            "a protest march",
            "a gathering outside the municipal building",
        ),
        "demonstrators",
        (20, 600, "persons"),
        ("banners, flags", "loudspeakers"),
        actor1=(PROTESTERS, ActorType.PROTESTERS),
        crowd=True,
    ),
    "protests.peaceful": Kind(
        ("a peaceful protest", "a silent protest walk", "a sit-in outside a public building"),
        "protesters",
        (15, 400, "persons"),
        ("banners", "flags"),
        actor1=(PROTESTERS, ActorType.PROTESTERS),
        crowd=True,
    ),
    "protests.with_intervention": Kind(
        ("a protest dispersed by police", "a protest contained by a police cordon"),
        "protesters",
        (30, 500, "persons"),
        ("banners", "pyrotechnics"),
        actor1=(PROTESTERS, ActorType.PROTESTERS),
        actor2=(KOSOVO_POLICE, ActorType.STATE_FORCES),
        crowd=True,
        severity=2,
        injury_rate=0.08,
        injured=("civilians", "police"),
    ),
    "riots.violent_demonstration": Kind(
        ("stones and pyrotechnics thrown at a police cordon", "a violent demonstration", "a car set on fire"),
        "rioters",
        (30, 400, "persons"),
        ("stones", "pyrotechnics", "improvised incendiary devices"),
        actor1=(RIOTERS, ActorType.RIOTERS),
        actor2=(KOSOVO_POLICE, ActorType.STATE_FORCES),
        crowd=True,
        severity=3,
        injury_rate=0.2,
        injured=("police", "civilians", "force"),
    ),
    "riots.mob_violence": Kind(
        ("a group attacking passers-by", "a mob attacking a vehicle"),
        "rioters",
        (10, 80, "persons"),
        ("clubs", "stones"),
        actor1=(RIOTERS, ActorType.RIOTERS),
        actor2=(CIVILIANS, ActorType.CIVILIANS),
        crowd=True,
        civilian_targeting=True,
        severity=3,
        injury_rate=0.3,
        injured=("civilians",),
    ),
    "force.attack": Kind(
        (
            "stones thrown at a KFOR patrol",
            "a KFOR vehicle attacked",
            "rioters pushing against a KFOR cordon",
        ),
        "rioters",
        (10, 300, "persons"),
        ("stones", "pyrotechnics", "improvised incendiary devices"),
        actor1=(RIOTERS, ActorType.RIOTERS),
        actor2=(KFOR, ActorType.EXTERNAL_OTHER),
        crowd=True,
        severity=3,
        injury_rate=0.35,
        injured=("force",),
    ),
    "security.inter_ethnic": Kind(
        (
            "a fight between youths of two communities",
            "graffiti and damage to a house",
            "a verbal confrontation",
        ),
        "local youths",
        (2, 20, "persons"),
        ("none observed", "spray paint", "stones"),
        actor1=(CIVILIANS, ActorType.CIVILIANS),
        actor2=(CIVILIANS, ActorType.CIVILIANS),
        severity=2,
        injury_rate=0.15,
        injured=("civilians",),
    ),
    "security.weapons_find": Kind(
        (
            "unexploded ordnance found by a farmer",
            "a weapons cache found in a house",
            "a hand grenade handed in",
        ),
        "EOD team",
        (1, 12, "items"),
        ("small arms ammunition", "mortar round", "hand grenades", "hunting rifles"),
        actor1=(KOSOVO_POLICE, ActorType.STATE_FORCES),
    ),
    "security.explosive_infrastructure": Kind(
        ("an explosion damaging a water canal", "an explosive device under a power line"),
        "unknown",
        (1, 2, "devices"),
        ("improvised explosive device",),
        actor1=(UNIDENTIFIED, ActorType.POLITICAL_MILITIAS),
        severity=3,
        injury_rate=0.05,
        injured=("civilians",),
    ),
    "explosions.grenade": Kind(
        ("a hand grenade thrown at a building at night",),
        "unknown",
        (1, 1, "devices"),
        ("hand grenade",),
        actor1=(UNIDENTIFIED, ActorType.POLITICAL_MILITIAS),
        severity=3,
        injury_rate=0.2,
        injured=("civilians",),
    ),
    "violence.attack": Kind(
        ("an assault on an elderly returnee", "an attack on a shop owner"),
        "unknown",
        (1, 4, "persons"),
        ("none observed",),
        actor1=(UNIDENTIFIED, ActorType.POLITICAL_MILITIAS),
        actor2=(CIVILIANS, ActorType.CIVILIANS),
        civilian_targeting=True,
        severity=3,
        injury_rate=0.5,
        injured=("civilians",),
    ),
    "rule_of_law.police_operation": Kind(
        ("a police search operation", "a joint police and EULEX operation", "a traffic control operation"),
        "Kosovo Police",
        (6, 60, "officers"),
        ("armoured vehicles", "patrol cars"),
        actor1=(KOSOVO_POLICE, ActorType.STATE_FORCES),
    ),
    "strategic.arrests": Kind(
        ("arrests after a search warrant", "a suspect detained at a checkpoint"),
        "Kosovo Police",
        (1, 5, "persons detained"),
        ("patrol cars",),
        actor1=(KOSOVO_POLICE, ActorType.STATE_FORCES),
        actor2=(CIVILIANS, ActorType.CIVILIANS),
    ),
    "strategic.looting": Kind(
        ("damage to an empty house", "vandalism at a cemetery", "theft from a construction site"),
        "unknown",
        (1, 6, "persons"),
        ("none observed",),
        actor1=(UNIDENTIFIED, ActorType.POLITICAL_MILITIAS),
        severity=2,
    ),
    "strategic.other": Kind(
        ("a municipal meeting on local security", "a change in checkpoint staffing", "a visit by officials"),
        "officials",
        (2, 30, "persons"),
        ("official vehicles",),
        actor1=(CIVILIANS, ActorType.CIVILIANS),
    ),
    "civil.humanitarian": Kind(
        (
            "a delivery of aid to a returnee family",
            "snow clearance support to a cut-off village",
            "a medical visit",
        ),
        "aid workers",
        (2, 20, "persons"),
        ("trucks", "snowplough"),
        actor1=(KFOR, ActorType.EXTERNAL_OTHER),
        actor2=(CIVILIANS, ActorType.CIVILIANS),
    ),
}
