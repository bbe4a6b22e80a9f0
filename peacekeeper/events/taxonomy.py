"""Event categories and their mapping to ACLED event and sub-event types, both ways.

Every ACLED sub-event type has its own category, so an ACLED import keeps its coding exactly. The
peace-support categories that ACLED does not have map to the ACLED type a coder would choose for them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    acled_event_type: str
    acled_sub_event_type: str
    disorder_type: str
    peace_support: bool = False
    # The APP-6 activity symbol entity (symbol set 40), where the standard defines one.
    app6_entity: str = ""
    # Why the category has this ACLED coding (one line; a peace-support category's is a judgement).
    rationale: str = ""


POLITICAL = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"

_ACLED = [
    ("battles.armed_clash", "Armed clash", "Battles", "Armed clash", POLITICAL, ""),
    (
        "battles.government_regains_territory",
        "Government regains territory",
        "Battles",
        "Government regains territory",
        POLITICAL,
        "",
    ),
    (
        "battles.non_state_overtakes_territory",
        "Non-state actor overtakes territory",
        "Battles",
        "Non-state actor overtakes territory",
        POLITICAL,
        "",
    ),
    (
        "explosions.chemical_weapon",
        "Chemical weapon",
        "Explosions/Remote violence",
        "Chemical weapon",
        POLITICAL,
        "",
    ),
    (
        "explosions.air_drone_strike",
        "Air/drone strike",
        "Explosions/Remote violence",
        "Air/drone strike",
        POLITICAL,
        "",
    ),
    ("explosions.suicide_bomb", "Suicide bomb", "Explosions/Remote violence", "Suicide bomb", POLITICAL, ""),
    (
        "explosions.shelling",
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        POLITICAL,
        "",
    ),
    (
        "explosions.remote_explosive",
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        POLITICAL,
        "110300",
    ),
    ("explosions.grenade", "Grenade", "Explosions/Remote violence", "Grenade", POLITICAL, ""),
    (
        "violence.sexual_violence",
        "Sexual violence",
        "Violence against civilians",
        "Sexual violence",
        POLITICAL,
        "",
    ),
    ("violence.attack", "Attack on civilians", "Violence against civilians", "Attack", POLITICAL, ""),
    (
        "violence.abduction",
        "Abduction/forced disappearance",
        "Violence against civilians",
        "Abduction/forced disappearance",
        POLITICAL,
        "",
    ),
    ("protests.peaceful", "Peaceful protest", "Protests", "Peaceful protest", DEMONSTRATIONS, "120100"),
    (
        "protests.with_intervention",
        "Protest with intervention",
        "Protests",
        "Protest with intervention",
        DEMONSTRATIONS,
        "120100",
    ),
    (
        "protests.excessive_force",
        "Excessive force against protesters",
        "Protests",
        "Excessive force against protesters",
        f"{POLITICAL}; {DEMONSTRATIONS}",
        "120100",
    ),
    (
        "riots.violent_demonstration",
        "Violent demonstration",
        "Riots",
        "Violent demonstration",
        DEMONSTRATIONS,
        "110110",
    ),
    ("riots.mob_violence", "Mob violence", "Riots", "Mob violence", POLITICAL, "110110"),
    ("strategic.agreement", "Agreement", "Strategic developments", "Agreement", STRATEGIC, ""),
    ("strategic.arrests", "Arrests", "Strategic developments", "Arrests", STRATEGIC, ""),
    (
        "strategic.change_to_group",
        "Change to group/activity",
        "Strategic developments",
        "Change to group/activity",
        STRATEGIC,
        "",
    ),
    (
        "strategic.disrupted_weapons_use",
        "Disrupted weapons use",
        "Strategic developments",
        "Disrupted weapons use",
        STRATEGIC,
        "",
    ),
    (
        "strategic.headquarters_established",
        "Headquarters or base established",
        "Strategic developments",
        "Headquarters or base established",
        STRATEGIC,
        "",
    ),
    (
        "strategic.looting",
        "Looting/property destruction",
        "Strategic developments",
        "Looting/property destruction",
        STRATEGIC,
        "",
    ),
    (
        "strategic.territory_transfer",
        "Non-violent transfer of territory",
        "Strategic developments",
        "Non-violent transfer of territory",
        STRATEGIC,
        "",
    ),
    ("strategic.other", "Other strategic development", "Strategic developments", "Other", STRATEGIC, ""),
]

# Peace-support categories, with the ACLED coding used when they are exported, each with the reason for it
# (ACLED's definitions, codebook 2023: a protest or riot is at least three people gathered in person; violence
# against civilians needs an organised armed group as perpetrator; a battle is between two armed groups;
# strategic developments are non-violent events that matter to what follows).
_PEACE_SUPPORT = [
    (
        "fom.restriction",
        "Freedom-of-movement restriction",
        "Strategic developments",
        "Other",
        STRATEGIC,
        "",
        "a closure or restriction is no violence and no gathering: a development that shapes what follows",
    ),
    (
        "fom.roadblock",
        "Roadblock or barricade",
        "Strategic developments",
        "Other",
        STRATEGIC,
        "",
        "a barricade is an obstruction, not a gathering; a manned protest at one is filed as a demonstration",
    ),
    (
        "fom.crossing_incident",
        "Crossing-point incident",
        "Strategic developments",
        "Other",
        STRATEGIC,
        "",
        "an incident at a crossing (refusal, seizure, dispute) is non-violent unless filed as violence",
    ),
    (
        "force.attack",
        "Attack on the force",
        "Riots",
        "Mob violence",
        POLITICAL,
        "110110",
        "crowds attack KFOR in Kosovo (stones, petrol bombs): a riot; an armed group firing is a clash",
    ),
    (
        "security.inter_ethnic",
        "Inter-ethnic incident",
        "Riots",
        "Mob violence",
        POLITICAL,
        "110110",
        "violence between residents, not by an organised armed group, is ACLED's mob violence, not an attack",
    ),
    (
        "security.weapons_find",
        "Weapons or UXO find",
        "Strategic developments",
        "Disrupted weapons use",
        STRATEGIC,
        "",
        "ACLED codes seized caches and cleared explosives as disrupted weapons use",
    ),
    (
        "security.explosive_infrastructure",
        "Explosive attack on infrastructure",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        POLITICAL,
        "110300",
        "a planted charge set off against a target is a remote explosive",
    ),
    (
        "civil.demonstration",
        "Demonstration",
        "Protests",
        "Peaceful protest",
        DEMONSTRATIONS,
        "120100",
        "a gathering whose participants use no violence; violence makes it a riot category",
    ),
    (
        "rule_of_law.police_operation",
        "Police or EULEX operation",
        "Strategic developments",
        "Arrests",
        STRATEGIC,
        "",
        "the operations logged are raids and detentions by the police or EULEX: ACLED's arrests",
    ),
    (
        "civil.humanitarian",
        "Humanitarian",
        "Strategic developments",
        "Other",
        STRATEGIC,
        "",
        "no violence and no demonstration: a development only, when it matters to the situation",
    ),
]

CATEGORIES: dict[str, Category] = {
    code: Category(code, label, event_type, sub_type, disorder, False, entity, "ACLED's own sub-event type")
    for code, label, event_type, sub_type, disorder, entity in _ACLED
} | {
    code: Category(code, label, event_type, sub_type, disorder, True, entity, rationale)
    for code, label, event_type, sub_type, disorder, entity, rationale in _PEACE_SUPPORT
}
CATEGORY_CHOICES = [(category.code, category.label) for category in CATEGORIES.values()]


def _key(text: str) -> str:
    # ACLED spelling varies across releases: "Strategic Developments", "protestors", extra spaces.
    folded = " ".join(text.lower().replace("protestors", "protesters").split())
    return folded.replace(" / ", "/")


_BY_ACLED = {
    (_key(category.acled_event_type), _key(category.acled_sub_event_type)): category
    for category in CATEGORIES.values()
    if not category.peace_support
}


def category_for_acled(event_type: str, sub_event_type: str) -> Category:
    """The category of an ACLED (event type, sub-event type) pair; KeyError names the pair if unknown."""
    try:
        return _BY_ACLED[(_key(event_type), _key(sub_event_type))]
    except KeyError:
        raise KeyError(
            f"unknown ACLED event type / sub-event type {event_type!r} / {sub_event_type!r}"
        ) from None


def get_category(code: str) -> Category:
    try:
        return CATEGORIES[code]
    except KeyError:
        raise KeyError(f"unknown category {code!r}") from None
