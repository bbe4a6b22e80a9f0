"""In Chromium: the map's lines ("New: Demonstration near Pristina …", a marker's title) put a place name
after what happened there as the server's lines do (theatre/static/theatre/names.js against names.at_place).
"""

import pytest

from peacekeeper.theatre.names import at_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = [
    "Pristina", "North Mitrovica", "Municipality of Han i Elezit", "Onion field", "Nedakovc", "Bystrica",
    "near Pristina", "Near Peja", "NEAR Gjilan", "north of the Ibar", "South of Zvečan",
    "north-east of Gračanica", "northwest of Jarinje", "East of Podujevo", "outside Gračanica",
    "at the bridge", "on the M2", "in Zubin Potok",
    "between Jarinje and Leposavić", "close to Gate 1", "next to the school", "2.1 km NE of Vushtrri",
    "500 m S of Jarinje", "3,5 KM west of Peja", "12km N of Pristina", "s of Pristina", "NE of Gate 31",
    "ne of Gate 31", "S OF Jarinje", "Ne Pristina", "nearby Pristina", "Onward", "  near Peja  ", "", "   ",
    "Звечан", "near Звечан", "Between", "North", "north of", "10 m", "Inside the base",
]  # fmt: skip

WRITE_IN_THE_BROWSER = """async (names) => {
  const { atPlace } = await import("/static/theatre/names.js");
  return names.map(atPlace);
}"""


def test_the_browser_puts_a_place_in_a_sentence_as_the_server_does(live_server, browser_page):
    browser_page.goto(live_server.url + "/login/")
    in_the_browser = browser_page.evaluate(WRITE_IN_THE_BROWSER, NAMES)
    assert dict(zip(NAMES, in_the_browser, strict=True)) == {name: at_place(name) for name in NAMES}
