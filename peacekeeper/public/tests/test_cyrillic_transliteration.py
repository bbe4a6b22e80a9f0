"""Serbian Latin made Cyrillic (cyrillic.py): the text a reader reads, and nothing a machine reads."""

import pytest

from peacekeeper.public.cyrillic import html_to_cyrillic, to_cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Zemlje koje doprinose", "Земље које доприносе"),
        ("Džamija, Njegoš, ljubav", "Џамија, Његош, љубав"),
        ("NJEGOŠ, LJUBAV, DŽAMIJA", "ЊЕГОШ, ЉУБАВ, ЏАМИЈА"),
        ("KFOR i NATO, rezolucija 1244", "КФОР и НАТО, резолуција 1244"),
    ],
)
def test_serbian_latin_is_written_in_cyrillic(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_urls_addresses_foreign_words_and_the_products_name_stay_as_written():
    text = "Pišite na pao@hq.example.org ili https://jfcnaples.nato.int/kfor (EULEX, sistem Peacekeeper)."

    assert to_cyrillic(text) == (
        "Пишите на pao@hq.example.org или https://jfcnaples.nato.int/kfor (EULEX, систем Peacekeeper)."
    )


def test_text_and_the_attributes_a_reader_reads_are_transliterated():
    html = (
        '<html lang="sr-Cyrl"><head><title>O nama</title>'
        '<meta name="description" content="Uloga NATO-a">'
        '<meta property="og:url" content="https://example.org/sr-cyrl/o-nama/"></head>'
        '<body><a href="/sr-cyrl/vesti/" title="Vesti" aria-label="Sve vesti">Vesti</a>'
        '<img src="/media/images/mapa.png" alt="Mapa puteva">'
        '<input type="search" name="q" value="Zvečan" placeholder="Traži">'
        '<input type="submit" value="Pošalji"><figure data-show-label="Prikaži na mapi"></figure>'
        "</body></html>"
    )

    assert html_to_cyrillic(html) == (
        '<html lang="sr-Cyrl"><head><title>О нама</title>'
        '<meta name="description" content="Улога НАТО-а">'
        '<meta property="og:url" content="https://example.org/sr-cyrl/o-nama/"></head>'
        '<body><a href="/sr-cyrl/vesti/" title="Вести" aria-label="Све вести">Вести</a>'
        '<img src="/media/images/mapa.png" alt="Мапа путева">'
        '<input type="search" name="q" value="Zvečan" placeholder="Тражи">'
        '<input type="submit" value="Пошаљи"><figure data-show-label="Прикажи на мапи"></figure>'
        "</body></html>"
    )


def test_code_scripts_other_languages_and_what_must_not_be_translated_stay_as_written():
    html = (
        '<html lang="sr-Cyrl"><body><script>const naslov = "<b>Vesti</b>";</script>'
        "<style>.vesti::before { content: 'Vesti'; }</style><code>peacekeeper serve</code>"
        '<ul><li lang="en">English</li><li lang="sr-Latn">Srpski</li><li lang="sr-Cyrl">Српски</li></ul>'
        '<div lang="en"><p>Shown in English</p></div><cite translate="no">KFOR key facts</cite>'
        '<div translate="no">Camp Film City <span translate="yes">i grad</span></div>'
        "<textarea name=tekst>moj tekst</textarea><p>Posle<!-- napomena --> toga</p></body></html>"
    )

    assert html_to_cyrillic(html) == (
        '<html lang="sr-Cyrl"><body><script>const naslov = "<b>Vesti</b>";</script>'
        "<style>.vesti::before { content: 'Vesti'; }</style><code>peacekeeper serve</code>"
        '<ul><li lang="en">English</li><li lang="sr-Latn">Srpski</li><li lang="sr-Cyrl">Српски</li></ul>'
        '<div lang="en"><p>Shown in English</p></div><cite translate="no">KFOR key facts</cite>'
        '<div translate="no">Camp Film City <span translate="yes">и град</span></div>'
        "<textarea name=tekst>moj tekst</textarea><p>После<!-- napomena --> тога</p></body></html>"
    )


def test_escaped_text_stays_escaped_and_marks_stay_marks():
    fragment = "&lt;b&gt; R&amp;D, <mark>Zvečan</mark> &amp; “Mitrovica”"

    assert html_to_cyrillic(fragment) == "&lt;б&gt; Р&amp;Д, <mark>Звечан</mark> &amp; “Митровица”"
