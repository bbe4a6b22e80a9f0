"""The pages the public site ships with, in English, Albanian and Serbian (Latin script).

Written for this project from the facts in /work/shared/data/kfor_facts.json, each page citing the sources
that file gives; figures the sources call approximate are said to be approximate. Editors change these pages
in the CMS; seeding.py creates them once.
"""

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

ABOUT = {
    "en": {
        "title": "About us",
        "intro": (
            "NATO's role in Kosovo, the mandate the force works under, and how it has changed since 1999."
        ),
        "body": [
            (
                "heading",
                "NATO's role in Kosovo",
            ),
            (
                "paragraph",
                (
                    "<p>KFOR entered Kosovo on 12 June 1999 (some sources give 11 June), two days"
                    " after the UN Security Council authorised an international security presence"
                    " with substantial NATO participation. At the start the force counted about "
                    "50,000 troops (an approximate figure). Its headquarters is at Camp Film City"
                    " in Pristina, and its commander reports to NATO's Allied Joint Force Command"
                    " Naples. Today the Kosovo Police is the first security responder, the EU's "
                    "rule-of-law mission EULEX the second and KFOR the third.</p>"
                ),
            ),
            (
                "heading",
                "The mandate",
            ),
            (
                "paragraph",
                (
                    "<p><strong>The Military-Technical Agreement</strong>, signed at Kumanovo on "
                    "9 June 1999 between KFOR and the Yugoslav and Serbian authorities, ended the"
                    " hostilities and set the withdrawal of all Yugoslav forces from Kosovo "
                    "within eleven days. It created a 25 km air safety zone and a 5 km ground "
                    "safety zone beyond Kosovo's boundary, and a Joint Implementation "
                    "Commission.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><strong>UN Security Council resolution 1244</strong>, adopted on 10 June "
                    "1999, authorised the international civil and security presences. It gave the"
                    " security presence the tasks of deterring renewed hostilities, ensuring the "
                    "withdrawal of Yugoslav forces, demilitarising the Kosovo Liberation Army, "
                    "and providing a secure environment in which refugees could return and the "
                    "civil presence could work. The resolution also set up the UN Interim "
                    "Administration Mission in Kosovo (UNMIK).</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><strong>The First Agreement of Principles Governing the Normalisation of "
                    "Relations</strong>, reached in Brussels on 19 April 2013, has fifteen "
                    "points. Among them: a single police force for all of Kosovo, the Kosovo "
                    "Police, and a regional police commander who is a Kosovo Serb for North "
                    "Mitrovica, Zvečan, Zubin Potok and Leposavić.</p>"
                ),
            ),
            (
                "heading",
                "History",
            ),
            (
                "paragraph",
                (
                    "<p>The force has become much smaller as the situation changed: about 17,000 "
                    "troops during the unrest of March 2004, about 10,000 in 2010 and about 5,000"
                    " from 2011 (all approximate). The placemat of February 2017 counted 4,273 "
                    "troops from 30 nations. In 2023 the force was reinforced to about 5,000 "
                    "troops, its largest reinforcement in a decade (approximate).</p>"
                ),
            ),
        ],
    },
    "sq": {
        "title": "Rreth nesh",
        "intro": (
            "Roli i NATO-s në Kosovë, mandati sipas të cilit vepron forca dhe si ka ndryshuar ajo"
            " që nga viti 1999."
        ),
        "body": [
            (
                "heading",
                "Roli i NATO-s në Kosovë",
            ),
            (
                "paragraph",
                (
                    "<p>KFOR-i hyri në Kosovë më 12 qershor 1999 (disa burime japin 11 "
                    "qershorin), dy ditë pasi Këshilli i Sigurimit i OKB-së autorizoi një prani "
                    "ndërkombëtare të sigurisë me pjesëmarrje thelbësore të NATO-s. Në fillim "
                    "forca numëronte rreth 50 000 ushtarë (shifër e përafërt). Shtabi i saj "
                    "ndodhet në Kampin Film City në Prishtinë, dhe komandanti i saj i raporton "
                    "Komandës së Forcave të Përbashkëta Aleate të NATO-s në Napoli. Sot Policia e"
                    " Kosovës është reaguesi i parë i sigurisë, misioni i BE-së për sundimin e "
                    "ligjit EULEX i dyti dhe KFOR-i i treti.</p>"
                ),
            ),
            (
                "heading",
                "Mandati",
            ),
            (
                "paragraph",
                (
                    "<p><strong>Marrëveshja Ushtarako-Teknike</strong>, e nënshkruar në Kumanovë "
                    "më 9 qershor 1999 ndërmjet KFOR-it dhe autoriteteve jugosllave e serbe, u "
                    "dha fund armiqësive dhe caktoi tërheqjen e të gjitha forcave jugosllave nga "
                    "Kosova brenda njëmbëdhjetë ditëve. Ajo krijoi një zonë ajrore sigurie prej "
                    "25 km dhe një zonë tokësore sigurie prej 5 km përtej kufirit të Kosovës, si "
                    "dhe një Komision të Përbashkët Zbatimi.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><strong>Rezoluta 1244 e Këshillit të Sigurimit të OKB-së</strong>, e "
                    "miratuar më 10 qershor 1999, autorizoi praninë ndërkombëtare civile dhe të "
                    "sigurisë. Pranisë së sigurisë ia ngarkoi detyrat e parandalimit të "
                    "armiqësive të reja, të sigurimit të tërheqjes së forcave jugosllave, të "
                    "çmilitarizimit të Ushtrisë Çlirimtare të Kosovës dhe të krijimit të një "
                    "mjedisi të sigurt për kthimin e refugjatëve dhe për punën e pranisë civile. "
                    "Rezoluta themeloi gjithashtu Misionin e Administratës së Përkohshme të OKB-"
                    "së në Kosovë (UNMIK).</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><strong>Marrëveshja e parë e parimeve që rregullojnë normalizimin e "
                    "marrëdhënieve</strong>, e arritur në Bruksel më 19 prill 2013, ka "
                    "pesëmbëdhjetë pika. Ndër to: një forcë e vetme policore për gjithë Kosovën, "
                    "Policia e Kosovës, dhe një komandant rajonal i policisë, serb i Kosovës, për"
                    " Mitrovicën e Veriut, Zveçanin, Zubin Potokun dhe Leposaviqin.</p>"
                ),
            ),
            (
                "heading",
                "Historia",
            ),
            (
                "paragraph",
                (
                    "<p>Forca është zvogëluar shumë ndërsa ndryshonte situata: rreth 17 000 "
                    "ushtarë gjatë trazirave të marsit 2004, rreth 10 000 në vitin 2010 dhe rreth"
                    " 5 000 nga viti 2011 (të gjitha shifra të përafërta). Tabela përmbledhëse e "
                    "shkurtit 2017 numëronte 4 273 ushtarë nga 30 shtete. Në vitin 2023 forca u "
                    "përforcua në rreth 5 000 ushtarë, përforcimi më i madh i saj në një dekadë "
                    "(shifër e përafërt).</p>"
                ),
            ),
        ],
    },
    "sr": {
        "title": "O nama",
        "intro": (
            "Uloga NATO-a na Kosovu, mandat na osnovu kojeg snage deluju i kako su se menjale od "
            "1999. godine."
        ),
        "body": [
            (
                "heading",
                "Uloga NATO-a na Kosovu",
            ),
            (
                "paragraph",
                (
                    "<p>KFOR je ušao na Kosovo 12. juna 1999. godine (neki izvori navode 11. "
                    "jun), dva dana nakon što je Savet bezbednosti UN odobrio međunarodno "
                    "bezbednosno prisustvo sa suštinskim učešćem NATO-a. Na početku su snage "
                    "brojale oko 50.000 vojnika (približan podatak). Štab se nalazi u kampu Film "
                    "Siti u Prištini, a komandant odgovara NATO-ovoj Komandi savezničkih "
                    "združenih snaga u Napulju. Danas na bezbednosne pretnje prva reaguje "
                    "Kosovska policija, druga misija EU za vladavinu prava EULEX, a treći "
                    "KFOR.</p>"
                ),
            ),
            (
                "heading",
                "Mandat",
            ),
            (
                "paragraph",
                (
                    "<p><strong>Vojno-tehnički sporazum</strong>, potpisan u Kumanovu 9. juna "
                    "1999. godine između KFOR-a i jugoslovenskih i srpskih vlasti, okončao je "
                    "neprijateljstva i odredio povlačenje svih jugoslovenskih snaga sa Kosova u "
                    "roku od jedanaest dana. Njime su uspostavljene vazdušna zona bezbednosti od "
                    "25 km i kopnena zona bezbednosti od 5 km izvan granice Kosova, kao i "
                    "Zajednička komisija za sprovođenje.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><strong>Rezolucija 1244 Saveta bezbednosti UN</strong>, usvojena 10. juna"
                    " 1999. godine, odobrila je međunarodno civilno i bezbednosno prisustvo. "
                    "Bezbednosnom prisustvu poverila je zadatke da spreči obnavljanje "
                    "neprijateljstava, obezbedi povlačenje jugoslovenskih snaga, demilitarizuje "
                    "Oslobodilačku vojsku Kosova i obezbedi sigurno okruženje za povratak "
                    "izbeglica i za rad civilnog prisustva. Rezolucijom je osnovana i Privremena "
                    "administrativna misija UN na Kosovu (UNMIK).</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><strong>Prvi sporazum o principima koji uređuju normalizaciju "
                    "odnosa</strong>, postignut u Briselu 19. aprila 2013. godine, ima petnaest "
                    "tačaka. Među njima su jedinstvena policija za celo Kosovo, Kosovska "
                    "policija, i regionalni komandant policije, kosovski Srbin, za Severnu "
                    "Mitrovicu, Zvečan, Zubin Potok i Leposavić.</p>"
                ),
            ),
            (
                "heading",
                "Istorija",
            ),
            (
                "paragraph",
                (
                    "<p>Snage su se znatno smanjile kako se situacija menjala: oko 17.000 vojnika"
                    " tokom nemira u martu 2004, oko 10.000 u 2010. i oko 5.000 od 2011. godine "
                    "(svi podaci su približni). Pregled iz februara 2017. beležio je 4.273 "
                    "vojnika iz 30 zemalja. U 2023. godini snage su ojačane na oko 5.000 vojnika,"
                    " što je najveće pojačanje u poslednjih deset godina (približan podatak).</p>"
                ),
            ),
        ],
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
