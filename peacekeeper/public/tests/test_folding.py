"""The folded form both sides of the search index share, and the highlighted snippet (no database)."""

from peacekeeper.public.folding import TITLE_WEIGHT, index_text, query_terms, snippet, stem


def test_a_word_is_looked_up_past_its_ending_in_every_script():
    assert query_terms("Zvecan") == query_terms("Zvečan") == query_terms("Звечан") == query_terms("Zveçanit")
    assert query_terms("Mitrovice") == query_terms("Mitrovicë") == query_terms("Mitrovica") == ["mitrovic"]
    assert query_terms("Mitrovicën") == query_terms("Митровицу") == ["mitrovic"]


def test_short_words_keep_their_ending():
    assert stem("ura") == "ura"
    assert stem("uri") == "uri"
    assert stem("vesti") == "vest"  # five letters: long enough
    assert stem("kosoven") == "kosov"
    assert stem("potok") == "potok"  # no ending to take


def test_the_indexed_text_holds_each_folded_word_and_its_stem_and_the_title_weighed():
    text = index_text("Patrol", ["Road closed at Mitrovicë."]).split()

    assert text.count("patrol") == TITLE_WEIGHT
    assert {"road", "closed", "mitrovice", "mitrovic"} <= set(text)


def test_a_query_of_punctuation_alone_has_no_terms():
    assert query_terms(" -- !? ") == []


def test_the_snippet_marks_matches_and_escapes_everything_else():
    html = snippet('Talks <script>alert("x")</script> at Zvečan & Звечан', query_terms("zvecan"))

    assert html == (
        "Talks &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; at "
        "<mark>Zvečan</mark> &amp; <mark>Звечан</mark>"
    )


def test_the_snippet_is_cut_around_the_first_match():
    words = [f"w{number}" for number in range(100)]
    words[60] = "Mitrovica"

    html = snippet(" ".join(words), query_terms("Mitrovice"), words=12)

    assert html == "… w56 w57 w58 w59 <mark>Mitrovica</mark> w61 w62 w63 w64 w65 w66 w67 …"


def test_a_snippet_with_no_match_is_the_start_of_the_text():
    assert snippet("Nothing here to see at all", ["zvecan"], words=3) == "Nothing here to …"


def test_the_snippet_keeps_what_comes_before_the_first_word():
    assert snippet("«Zvečan» <b>", ["zvecan"]) == "«<mark>Zvečan</mark>» &lt;b&gt;"
