"""The pages the public site ships with, in English, Albanian and Serbian (Latin script).

Written for this project from the facts in /work/shared/data/kfor_facts.json, each page citing the sources
that file gives; figures the sources call approximate are said to be approximate. Editors change these pages
in the CMS; seeding.py creates them once.
"""

# The About Us pages' text is long enough for a module of its own; read from here with the other pages.
from peacekeeper.public.content_about import ABOUT as ABOUT

LANGUAGE_CODES = (
    "en",
    "sq",
    "sr",
)

SOURCES = [
    (
        "NATO: NATO's role in Kosovo",
        "https://www.nato.int/cps/en/natohq/topics_48818.htm",
    ),
    (
        "UN Security Council resolution 1244 (1999)",
        "https://unmik.unmissions.org/sites/default/files/regulations/02english/E1999regs/1244.htm",
    ),
    (
        "Military Technical Agreement (Kumanovo), text",
        "https://pax.peaceagreements.org/agreements/457",
    ),
    (
        "First Agreement of Principles Governing the Normalisation of Relations (2013)",
        "https://pax.peaceagreements.org/agreements/2022",
    ),
    (
        "KFOR key facts and figures, February 2017 (copy of the placemat)",
        "https://docslib.org/doc/4697084/kosovo-force-kfor-kosovo-force-kfor",
    ),
    (
        "KFOR troop reduction to 10,000 (2010)",
        "https://eurasia.ro/2010/02/02/kfor-cuts-troop-level/",
    ),
    (
        "KFOR reinforcement in 2023",
        ("https://naslovi.net/2023-12-06/danas/novi-bataljon-italijanskog-kfor-a-stigao-na-kosovo/35151596"),
    ),
]

HOME = {
    "en": {
        "title": "KFOR — NATO Mission in Kosovo",
        "intro": (
            "<p>The Kosovo Force (KFOR) is the NATO-led international security presence in "
            "Kosovo, working under United Nations Security Council resolution 1244 since June "
            "1999. These pages explain the mission, publish its news and tell road users about "
            "closures that concern them.</p>"
        ),
    },
    "sq": {
        "title": "KFOR — Misioni i NATO-s në Kosovë",
        "intro": (
            "<p>Forca e Kosovës (KFOR) është prania ndërkombëtare e sigurisë e udhëhequr nga NATO"
            " në Kosovë, e cila vepron që nga qershori i vitit 1999 sipas rezolutës 1244 të "
            "Këshillit të Sigurimit të Kombeve të Bashkuara. Këto faqe shpjegojnë misionin, "
            "publikojnë lajmet e tij dhe i njoftojnë përdoruesit e rrugëve për mbylljet që i "
            "prekin.</p>"
        ),
    },
    "sr": {
        "title": "KFOR — Misija NATO-a na Kosovu",
        "intro": (
            "<p>Kosovske snage (KFOR) su međunarodno bezbednosno prisustvo na Kosovu koje "
            "predvodi NATO, a deluju od juna 1999. godine na osnovu rezolucije 1244 Saveta "
            "bezbednosti Ujedinjenih nacija. Ove stranice objašnjavaju misiju, objavljuju njene "
            "vesti i obaveštavaju učesnike u saobraćaju o zatvaranjima puteva koja ih se "
            "tiču.</p>"
        ),
    },
}

CONTRIBUTING_NATIONS = {
    "en": {
        "title": "Contributing nations",
        "intro": (
            "<p>The nations that contribute troops to KFOR, with the figures the mission has released.</p>"
        ),
    },
    "sq": {
        "title": "Vendet kontribuuese",
        "intro": "<p>Shtetet që kontribuojnë me ushtarë në KFOR, me shifrat që ka publikuar misioni.</p>",
    },
    "sr": {
        "title": "Zemlje koje doprinose",
        "intro": "<p>Zemlje koje šalju vojnike u KFOR, sa podacima koje je misija objavila.</p>",
    },
}

NEWS = {
    "en": {
        "title": "News",
        "intro": "<p>News and press releases from KFOR.</p>",
    },
    "sq": {
        "title": "Lajme",
        "intro": "<p>Lajme dhe njoftime për shtyp nga KFOR-i.</p>",
    },
    "sr": {
        "title": "Vesti",
        "intro": "<p>Vesti i saopštenja za medije KFOR-a.</p>",
    },
}

MEDIA_OPERATIONS = {
    "en": {
        "title": "Media operations",
        "office": "Public Affairs Office",
        "body": (
            "<p>Journalists reach the mission through its Public Affairs Office at KFOR headquarters.</p>"
        ),
    },
    "sq": {
        "title": "Operacionet mediatike",
        "office": "Zyra për Informim Publik",
        "body": (
            "<p>Gazetarët e kontaktojnë misionin përmes Zyrës për Informim Publik në shtabin e KFOR-it.</p>"
        ),
    },
    "sr": {
        "title": "Medijske operacije",
        "office": "Kancelarija za odnose s javnošću",
        "body": (
            "<p>Novinari stupaju u kontakt sa misijom preko Kancelarije za odnose s javnošću u "
            "štabu KFOR-a.</p>"
        ),
    },
}

MEDIA_ADDRESS = "HQ KFOR, Camp Film City\n10000 Pristina"  # jfcnaples.nato.int KFOR pages' footer

SAFETY_NOTICES = {
    "en": {
        "title": "Safety notices",
        "intro": "<p>Road closures and restrictions in force that the mission has made public.</p>",
    },
    "sq": {
        "title": "Njoftime për sigurinë",
        "intro": "<p>Mbylljet dhe kufizimet e rrugëve në fuqi që misioni i ka bërë publike.</p>",
    },
    "sr": {
        "title": "Bezbednosna obaveštenja",
        "intro": "<p>Zatvaranja i ograničenja na putevima koja su na snazi, a koja je misija objavila.</p>",
    },
}

# Exercise news: invented for the demonstration and shown with the EXERCISE banner, never as real
# events.
EXERCISE_NEWS = [
    {
        "slug": "exercise-crowd-and-riot-control-training",
        "date": "2026-11-18",
        "place": {
            "en": "Pristina",
            "sq": "Prishtinë",
            "sr": "Priština",
        },
        "tags": [
            "exercise",
            "training",
        ],
        "en": {
            "title": "EXERCISE: crowd and riot control training near Pristina",
            "summary": "An exercise item for the demonstration: units train crowd and riot control together.",
            "body": (
                "<p>This item is an exercise written for the Peacekeeper demonstration. It "
                "describes no real event.</p>"
            ),
        },
        "sq": {
            "title": "STËRVITJE: trajnim për kontrollin e turmave pranë Prishtinës",
            "summary": "Lajm stërvitor për demonstrim: njësitë stërviten së bashku për kontrollin e turmave.",
            "body": (
                "<p>Ky lajm është një stërvitje e shkruar për demonstrimin e Peacekeeper. Ai nuk "
                "përshkruan asnjë ngjarje të vërtetë.</p>"
            ),
        },
        "sr": {
            "title": "VEŽBA: obuka za kontrolu masa kod Prištine",
            "summary": "Vest za vežbu u okviru demonstracije: jedinice zajedno vežbaju kontrolu masa.",
            "body": (
                "<p>Ova vest je vežba napisana za demonstraciju sistema Peacekeeper. Ne opisuje "
                "nijedan stvarni događaj.</p>"
            ),
        },
    },
    {
        "slug": "exercise-road-closure-drill-zvecan",
        "date": "2026-11-25",
        "place": {
            "en": "Zvečan",
            "sq": "Zveçan",
            "sr": "Zvečan",
        },
        "tags": [
            "exercise",
            "roads",
        ],
        "en": {
            "title": "EXERCISE: road closure drill at Zvečan",
            "summary": (
                "An exercise item for the demonstration: a practice of how a road closure is announced."
            ),
            "body": (
                "<p>This item is an exercise written for the Peacekeeper demonstration. It "
                "describes no real event; real closures are listed under Safety notices.</p>"
            ),
        },
        "sq": {
            "title": "STËRVITJE: ushtrim për mbylljen e rrugës në Zveçan",
            "summary": "Lajm stërvitor për demonstrim: si njoftohet mbyllja e një rruge.",
            "body": (
                "<p>Ky lajm është një stërvitje e shkruar për demonstrimin e Peacekeeper. Ai nuk "
                "përshkruan asnjë ngjarje të vërtetë; mbylljet e vërteta renditen te Njoftime për"
                " sigurinë.</p>"
            ),
        },
        "sr": {
            "title": "VEŽBA: vežba zatvaranja puta u Zvečanu",
            "summary": "Vest za vežbu u okviru demonstracije: kako se najavljuje zatvaranje puta.",
            "body": (
                "<p>Ova vest je vežba napisana za demonstraciju sistema Peacekeeper. Ne opisuje "
                "nijedan stvarni događaj; stvarna zatvaranja navedena su pod Bezbednosna "
                "obaveštenja.</p>"
            ),
        },
    },
]
