"""Related categories: the categories two reporters may choose for one happening.

The duplicate suggestions (`duplicates.py`) count two reports of related categories as alike, and say which
group relates them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedGroup:
    """Categories two people may choose for one happening: a duplicate need not share its category.

    ACLED's event types do not say this. A street fight between youths of two communities is "Mob violence"
    (Riots) to one reporter and an "Inter-ethnic incident" (Violence against civilians) to another; a
    roadblock is a freedom-of-movement restriction and, to ACLED, a protest. A category may be in several
    groups; two categories are related when some group holds both.
    """

    key: str
    label: str  # what the user reads: "related categories (crowd violence)"
    rationale: str
    codes: frozenset[str]


RELATED_GROUPS: tuple[RelatedGroup, ...] = (
    RelatedGroup(
        "crowd_violence",
        "crowd violence",
        "A violent crowd is filed by what the reporter saw it do: fight (mob violence, inter-ethnic "
        "incident), riot against police (violent demonstration, protest dispersed), or turn on the force.",
        frozenset(
            {
                "riots.mob_violence",
                "riots.violent_demonstration",
                "security.inter_ethnic",
                "protests.with_intervention",
                "protests.excessive_force",
                "force.attack",
            }
        ),
    ),
    RelatedGroup(
        "assault",
        "violence against people",
        "An assault on someone is an attack on civilians to one reporter and an inter-ethnic incident to "
        "another, when victim and attackers are of two communities; a group beating passers-by is mob "
        "violence.",
        frozenset(
            {
                "violence.attack",
                "violence.abduction",
                "violence.sexual_violence",
                "security.inter_ethnic",
                "riots.mob_violence",
            }
        ),
    ),
    RelatedGroup(
        "gatherings",
        "demonstrations",
        "One gathering is a demonstration, a peaceful protest or, once police step in, a protest with "
        "intervention; protesters blocking a road are a roadblock; one that turns violent a violent "
        "demonstration.",
        frozenset(
            {
                "civil.demonstration",
                "protests.peaceful",
                "protests.with_intervention",
                "riots.violent_demonstration",
                "fom.roadblock",
            }
        ),
    ),
    RelatedGroup(
        "movement",
        "movement restrictions",
        "A road barricaded, a patrol turned back, traffic held at a crossing: each is filed as a roadblock, "
        "a freedom-of-movement restriction or a crossing-point incident by whoever met it.",
        frozenset({"fom.roadblock", "fom.restriction", "fom.crossing_incident"}),
    ),
    RelatedGroup(
        "explosive",
        "explosive events",
        "A blast is an IED, a grenade, an attack on infrastructure or shelling depending on what the "
        "reporter could tell of the device and target.",
        frozenset(
            {
                "explosions.remote_explosive",
                "explosions.grenade",
                "explosions.shelling",
                "explosions.suicide_bomb",
                "explosions.air_drone_strike",
                "explosions.chemical_weapon",
                "security.explosive_infrastructure",
            }
        ),
    ),
    RelatedGroup(
        "weapons_found",
        "weapons and explosives found",
        "A cache or an unexploded device found is a weapons find to the patrol, disrupted weapons use to "
        "ACLED and an IED report to whoever called it in before it was made safe.",
        frozenset(
            {"security.weapons_find", "strategic.disrupted_weapons_use", "explosions.remote_explosive"}
        ),
    ),
    RelatedGroup(
        "armed",
        "armed violence",
        "Shooting between armed men, at the force or at civilians is filed by who was hit.",
        frozenset({"battles.armed_clash", "force.attack", "violence.attack", "explosions.grenade"}),
    ),
    RelatedGroup(
        "policing",
        "police action",
        "A police operation and the arrests it makes are one happening, reported by the police and by "
        "those who watched.",
        frozenset({"rule_of_law.police_operation", "strategic.arrests", "protests.with_intervention"}),
    ),
    RelatedGroup(
        "property",
        "damage to property",
        "Damage to a house or a cemetery is looting or property destruction, or an inter-ethnic incident "
        "when a community is targeted; a mob or riot may be what did it.",
        frozenset(
            {
                "strategic.looting",
                "security.inter_ethnic",
                "riots.mob_violence",
                "riots.violent_demonstration",
            }
        ),
    ),
    RelatedGroup(
        "territory",
        "control of ground",
        "Ground changing hands is a battle's outcome, a transfer or a new base to different reporters.",
        frozenset(
            {
                "battles.government_regains_territory",
                "battles.non_state_overtakes_territory",
                "strategic.territory_transfer",
                "strategic.headquarters_established",
            }
        ),
    ),
)


def related_group(first: str, second: str) -> RelatedGroup | None:
    """The first group holding both categories (None when they are unrelated or the same category)."""
    if first == second:
        return None
    return next((group for group in RELATED_GROUPS if first in group.codes and second in group.codes), None)
