"""KFOR's regional commands and the municipalities in their areas. APPROXIMATE.

The sources (kfor_facts.json `kfor_units`) give RC-W, Italian-led at Camp Villaggio Italia, liaison and
monitoring teams in 15 municipalities (2019) and primary responsibility for Visoki Dečani, but not the list.
Peacekeeper assumes RC-W is the west: the Peja, Gjakova and Prizren districts (12 municipalities) plus
Skenderaj, Vushtrri and Mitrovica South (15 in all), and RC-E, US-led at Camp Bondsteel, the rest. Caveats
such as "only inside Regional Command West's area" are evaluated against this assumption, and the UI says so.
"""

APPROXIMATE = True
APPROXIMATION_NOTE = (
    "Regional command areas are assumed (west: Peja, Gjakova and Prizren districts plus Skenderaj, Vushtrri "
    "and Mitrovica South; east: the rest); sources give only that RC-W covers 15 municipalities (2019)."
)

_RC_WEST = frozenset(
    {
        "XK-MUN-PEJA",
        "XK-MUN-ISTOG",
        "XK-MUN-KLINA",
        "XK-MUN-GJAKOVA",
        "XK-MUN-DECAN",
        "XK-MUN-JUNIK",
        "XK-MUN-RAHOVEC",
        "XK-MUN-PRIZREN",
        "XK-MUN-SUHAREKA",
        "XK-MUN-MALISHEVA",
        "XK-MUN-DRAGASH",
        "XK-MUN-MAMUSHA",
        "XK-MUN-SKENDERAJ",
        "XK-MUN-VUSHTRRI",
        "XK-MUN-MITROVICA-SOUTH",
    }
)
_RC_EAST = frozenset(
    {
        "XK-MUN-PRISTINA",
        "XK-MUN-PODUJEVO",
        "XK-MUN-OBILIQ",
        "XK-MUN-FUSHE-KOSOVE",
        "XK-MUN-LIPJAN",
        "XK-MUN-DRENAS",
        "XK-MUN-GRACANICA",
        "XK-MUN-NOVO-BRDO",
        "XK-MUN-NORTH-MITROVICA",
        "XK-MUN-ZVECAN",
        "XK-MUN-ZUBIN-POTOK",
        "XK-MUN-LEPOSAVIC",
        "XK-MUN-FERIZAJ",
        "XK-MUN-KACANIK",
        "XK-MUN-SHTIME",
        "XK-MUN-STRPCE",
        "XK-MUN-HANI-I-ELEZIT",
        "XK-MUN-GJILAN",
        "XK-MUN-KAMENICA",
        "XK-MUN-VITI",
        "XK-MUN-KLLOKOT",
        "XK-MUN-RANILUG",
        "XK-MUN-PARTESH",
    }
)

REGIONAL_COMMANDS: dict[str, tuple[str, frozenset[str]]] = {
    "RC-W": ("Regional Command West", _RC_WEST),
    "RC-E": ("Regional Command East", _RC_EAST),
}


def regions_of(municipality_code: str | None) -> frozenset[str]:
    """The regional commands whose (assumed) area holds the municipality."""
    return frozenset(code for code, (_, areas) in REGIONAL_COMMANDS.items() if municipality_code in areas)
