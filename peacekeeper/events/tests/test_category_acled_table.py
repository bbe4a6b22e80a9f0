"""The whole category ↔ ACLED table, checked against ACLED's event types and sub-event types (STANDARDS.md
§4, ACLED codebook 2023): every ACLED pair has its one category, and each peace-support category carries
the coding a coder would choose, with the reason written beside it."""

from peacekeeper.events.taxonomy import CATEGORIES, category_for_acled

POLITICAL, DEMONSTRATIONS, STRATEGIC = "Political violence", "Demonstrations", "Strategic developments"

# ACLED's event types and their sub-event types, as the standard lists them.
ACLED_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}

# Every category: (ACLED event type, sub-event type, disorder type).
EXPECTED = {
    "battles.armed_clash": ("Battles", "Armed clash", POLITICAL),
    "battles.government_regains_territory": ("Battles", "Government regains territory", POLITICAL),
    "battles.non_state_overtakes_territory": ("Battles", "Non-state actor overtakes territory", POLITICAL),
    "explosions.chemical_weapon": ("Explosions/Remote violence", "Chemical weapon", POLITICAL),
    "explosions.air_drone_strike": ("Explosions/Remote violence", "Air/drone strike", POLITICAL),
    "explosions.suicide_bomb": ("Explosions/Remote violence", "Suicide bomb", POLITICAL),
    "explosions.shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", POLITICAL),
    "explosions.remote_explosive": ("Explosions/Remote violence", "Remote explosive/landmine/IED", POLITICAL),
    "explosions.grenade": ("Explosions/Remote violence", "Grenade", POLITICAL),
    "violence.sexual_violence": ("Violence against civilians", "Sexual violence", POLITICAL),
    "violence.attack": ("Violence against civilians", "Attack", POLITICAL),
    "violence.abduction": ("Violence against civilians", "Abduction/forced disappearance", POLITICAL),
    "protests.peaceful": ("Protests", "Peaceful protest", DEMONSTRATIONS),
    "protests.with_intervention": ("Protests", "Protest with intervention", DEMONSTRATIONS),
    "protests.excessive_force": (
        "Protests",
        "Excessive force against protesters",
        f"{POLITICAL}; {DEMONSTRATIONS}",
    ),
    "riots.violent_demonstration": ("Riots", "Violent demonstration", DEMONSTRATIONS),
    "riots.mob_violence": ("Riots", "Mob violence", POLITICAL),
    "strategic.agreement": (STRATEGIC, "Agreement", STRATEGIC),
    "strategic.arrests": (STRATEGIC, "Arrests", STRATEGIC),
    "strategic.change_to_group": (STRATEGIC, "Change to group/activity", STRATEGIC),
    "strategic.disrupted_weapons_use": (STRATEGIC, "Disrupted weapons use", STRATEGIC),
    "strategic.headquarters_established": (STRATEGIC, "Headquarters or base established", STRATEGIC),
    "strategic.looting": (STRATEGIC, "Looting/property destruction", STRATEGIC),
    "strategic.territory_transfer": (STRATEGIC, "Non-violent transfer of territory", STRATEGIC),
    "strategic.other": (STRATEGIC, "Other", STRATEGIC),
    # Peace-support categories.
    "fom.restriction": (STRATEGIC, "Other", STRATEGIC),
    "fom.roadblock": (STRATEGIC, "Other", STRATEGIC),
    "fom.crossing_incident": (STRATEGIC, "Other", STRATEGIC),
    "force.attack": ("Riots", "Mob violence", POLITICAL),
    "security.inter_ethnic": ("Riots", "Mob violence", POLITICAL),
    "security.weapons_find": (STRATEGIC, "Disrupted weapons use", STRATEGIC),
    "security.explosive_infrastructure": (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        POLITICAL,
    ),
    "civil.demonstration": ("Protests", "Peaceful protest", DEMONSTRATIONS),
    "rule_of_law.police_operation": (STRATEGIC, "Arrests", STRATEGIC),
    "civil.humanitarian": (STRATEGIC, "Other", STRATEGIC),
}


def test_every_category_has_the_expected_acled_coding():
    coded = {
        code: (category.acled_event_type, category.acled_sub_event_type, category.disorder_type)
        for code, category in CATEGORIES.items()
    }
    assert coded == EXPECTED


def test_every_coding_is_a_sub_event_type_of_its_event_type():
    for category in CATEGORIES.values():
        assert category.acled_sub_event_type in ACLED_TYPES[category.acled_event_type], category.code


def test_every_acled_pair_has_exactly_one_category_that_reads_it_back():
    native = [category for category in CATEGORIES.values() if not category.peace_support]
    pairs = [(c.acled_event_type, c.acled_sub_event_type) for c in native]
    expected = [(event, sub) for event, subs in ACLED_TYPES.items() for sub in subs]
    assert sorted(pairs) == sorted(expected)
    for event, sub in expected:
        assert not category_for_acled(event, sub).peace_support


def test_a_roadblock_is_not_coded_as_a_protest():
    roadblock = CATEGORIES["fom.roadblock"]
    assert roadblock.acled_event_type != "Protests"
    assert (roadblock.acled_event_type, roadblock.acled_sub_event_type) == (STRATEGIC, "Other")


def test_only_a_demonstration_is_coded_as_a_peaceful_protest():
    assert {
        code for code, category in CATEGORIES.items() if category.acled_sub_event_type == "Peaceful protest"
    } == {"protests.peaceful", "civil.demonstration"}


def test_each_peace_support_coding_says_why_in_one_line():
    for category in CATEGORIES.values():
        assert category.rationale.strip(), category.code
        assert "\n" not in category.rationale
