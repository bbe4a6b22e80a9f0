"""The rank the map's script compares orders markings exactly as the banner's rule does."""

from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.access.classification import Classification
from peacekeeper.access.labels import LabelSpec
from peacekeeper.access.marking import _weight, highest_label, marking_rank
from peacekeeper.access.models import ReleaseLabel

CODES = ["KFOR", "DEU", "ITA", "USA", "EULEX", "UNMIK"]


@st.composite
def labels(draw) -> ReleaseLabel:
    level = draw(st.sampled_from(list(Classification)))
    national_only = draw(st.none() | st.sampled_from(["DEU", "ITA", "USA"]))
    rel_to = (
        ()
        if national_only or level == Classification.PUBLIC
        else tuple(draw(st.lists(st.sampled_from(CODES), unique=True, max_size=6)))
    )
    spec = LabelSpec(classification=level, rel_to=rel_to, national_only=national_only)
    return ReleaseLabel(
        classification=level, national_only_id=7 if national_only else None, marking=spec.marking
    )


@given(st.lists(labels(), min_size=2, max_size=8))
def test_ranks_order_labels_as_the_banner_rule_does(drawn: list[ReleaseLabel]) -> None:
    for one in drawn:
        for other in drawn:
            assert (marking_rank(one) > marking_rank(other)) == (_weight(one) > _weight(other))
            assert (marking_rank(one) == marking_rank(other)) == (_weight(one) == _weight(other))


@given(st.lists(labels(), min_size=1, max_size=8))
def test_the_highest_label_has_the_highest_rank(drawn: list[ReleaseLabel]) -> None:
    assert marking_rank(highest_label(drawn)) == max(map(marking_rank, drawn))
