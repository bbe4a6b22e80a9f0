"""The About Us pages the public site ships with (NATO's role in Kosovo, the mandate, history), in English,
Albanian and Serbian (Latin script): written for this project from the facts in
/work/shared/data/kfor_facts.json, each citing its sources (content.SOURCES names them). seeding.py creates
them once; editors change them in the CMS.
"""

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
