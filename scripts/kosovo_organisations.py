"""The organisations of the Kosovo scenario: contributing nations, KFOR and its partners (build-time only)."""

# ISO 3166-1 alpha-3 code and NATO accession year (None: not a member as of 2026) of every nation
# named in the facts' troop contributions, plus Serbia.
NATIONS: dict[str, tuple[str, int | None]] = {
    "Albania": ("ALB", 2009), "Armenia": ("ARM", None), "Austria": ("AUT", None), "Bulgaria": ("BGR", 2004),
    "Canada": ("CAN", 1949), "Croatia": ("HRV", 2009), "Czech Republic": ("CZE", 1999),
    "Denmark": ("DNK", 1949), "Estonia": ("EST", 2004), "Finland": ("FIN", 2023), "Germany": ("DEU", 1955),
    "Greece": ("GRC", 1952), "Hungary": ("HUN", 1999), "Ireland": ("IRL", None), "Italy": ("ITA", 1949),
    "Latvia": ("LVA", 2004), "Lithuania": ("LTU", 2004), "Luxembourg": ("LUX", 1949),
    "Moldova": ("MDA", None), "Montenegro": ("MNE", 2017), "Netherlands": ("NLD", 1949),
    "North Macedonia": ("MKD", 2020), "Norway": ("NOR", 1949), "Poland": ("POL", 1999),
    "Portugal": ("PRT", 1949), "Romania": ("ROU", 2004), "Serbia": ("SRB", None), "Slovenia": ("SVN", 2004),
    "Sweden": ("SWE", 2024), "Switzerland": ("CHE", None), "Turkey": ("TUR", 1952),
    "Ukraine": ("UKR", None), "United Kingdom": ("GBR", 1949), "United States": ("USA", 1949),
}  # fmt: skip
MEMBERSHIP_SOURCE = (
    "NATO member countries and accession dates: https://www.nato.int/cps/en/natohq/topics_52044.htm"
)

# Facts partner name -> (code, display name, kind).
PARTNERS: dict[str, tuple[str, str, str]] = {
    "UNMIK": ("UNMIK", "United Nations Interim Administration Mission in Kosovo", "international"),
    "EULEX Kosovo": ("EULEX", "EULEX Kosovo (EU Rule of Law Mission)", "international"),
    "EU Special Representative / EU Office in Kosovo": (
        "EUSR", "EU Special Representative / EU Office in Kosovo", "international"),
    "OSCE Mission in Kosovo": ("OSCE", "OSCE Mission in Kosovo", "international"),
    "UNHCR": ("UNHCR", "UNHCR (UN Refugee Agency)", "international"),
    "Kosovo Police": ("KP", "Kosovo Police", "local"),
    "Kosovo Security Force (KSF)": ("KSF", "Kosovo Security Force", "local"),
}  # fmt: skip


def build_organisations(facts: dict) -> list[dict]:
    return [_kfor(facts), *_nations(facts), *_partners(facts)]


def _kfor(facts: dict) -> dict:
    sources = sorted({item["source"] for item in facts["mandate"] if item.get("source")})
    return {
        "code": "KFOR",
        "name": "Kosovo Force",
        "kind": "mission",
        "nato_member": False,
        "description": "NATO-led peace-support operation under UNSCR 1244 and the Military-Technical "
        "Agreement",
        "source": "; ".join(sources[:3]),
    }


def _nations(facts: dict) -> list[dict]:
    contributions: dict[str, list[dict]] = {}
    for item in facts["troop_contributions"]:
        contributions.setdefault(item["nation"], []).append(item)
    unknown = set(contributions) - set(NATIONS)
    if unknown:
        raise SystemExit(f"troop contributions name nations without an ISO code here: {sorted(unknown)}")
    serbian_forces = next(p for p in facts["partners"] if p["name"] == "Serbian Armed Forces")
    nations = []
    for name, (code, joined) in sorted(NATIONS.items(), key=lambda pair: pair[1][0]):
        rows = contributions.get(name, [])
        figures = "; ".join(f"{r['placemat_date'].split(' ')[0]}: {r['troops']}" for r in rows)
        inferred = (
            " (name inferred in the 2017 placemat extraction)"
            if any(r["name_inferred"] for r in rows)
            else ""
        )
        membership = f"NATO member since {joined}" if joined else "not a NATO member (as of 2026)"
        if name == "Serbia":
            description = f"Not a KFOR contributor; Serbian Armed Forces: {serbian_forces['role']}"
            source = serbian_forces["source"]
        else:
            description = f"KFOR troop contributor (troops by placemat: {figures}){inferred}; {membership}"
            source = "; ".join(sorted({r["source"] for r in rows}))
        nations.append({"code": code, "name": name, "kind": "nation", "nato_member": joined is not None,
                        "description": description, "source": f"{source}; {MEMBERSHIP_SOURCE}"})  # fmt: skip
    return nations


def _partners(facts: dict) -> list[dict]:
    organisations = []
    for partner in facts["partners"]:
        if partner["name"] == "Serbian Armed Forces":
            continue  # recorded with the nation Serbia
        if partner["name"] not in PARTNERS:
            raise SystemExit(f"partner {partner['name']!r} has no organisation code here")
        code, name, kind = PARTNERS[partner["name"]]
        organisations.append({"code": code, "name": name, "kind": kind, "nato_member": False,
                              "description": partner["role"], "source": partner["source"]})  # fmt: skip
    return organisations
