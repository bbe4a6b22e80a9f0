"""The registry files load completely, keep their sources and flags, and a second load changes nothing."""

import json
from datetime import date

from peacekeeper.access.labels import label_from_marking
from peacekeeper.forces.caveats import CaveatKind
from peacekeeper.forces.loading import load_units
from peacekeeper.forces.models import Caveat, Contribution, ForceStrength, Unit
from peacekeeper.theatre.loading import SCENARIO_ROOT

FOLDER = SCENARIO_ROOT / "kosovo"


def rows(name: str) -> list[dict]:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def test_every_registry_file_loads_in_full(forces):
    assert (
        forces.contributions.created == len(rows("contributions.json")) == Contribution.objects.count() == 74
    )
    assert forces.strength.created == len(rows("strength.json")) == ForceStrength.objects.count() == 17
    assert forces.caveats.created == len(rows("caveats.json")) == Caveat.objects.count() == 5


def test_a_second_load_changes_nothing_anywhere(forces):
    again = load_units(name="kosovo")
    assert again.changed == 0
    assert again.contributions.unchanged == 74
    assert again.strength.unchanged == 17
    assert again.caveats.unchanged == 5
    assert "contributions: 74 (0 new, 0 updated, 0 removed)" in again.summary()
    assert "caveats: 5 (0 new, 0 updated, 0 removed)" in again.summary()


def test_a_reload_repairs_a_changed_figure_and_keeps_a_caveat_label_set_by_hand(forces):
    figure = Contribution.objects.get(nation__code="ITA", as_of=date(2017, 2, 1))
    figure.troops = 1
    figure.save()
    caveat = Caveat.objects.get(scenario_key="caveat:deu-no-crc")
    caveat.label = label_from_marking("NATO RESTRICTED // DEU ONLY")
    caveat.save()
    again = load_units(name="kosovo")
    assert again.contributions.updated == 1
    figure.refresh_from_db()
    caveat.refresh_from_db()
    assert figure.troops == 551
    assert caveat.label.marking == "NATO RESTRICTED // DEU ONLY"


def test_inferred_names_and_approximate_figures_keep_their_flags_and_sources(forces):
    inferred = set(Contribution.objects.filter(name_inferred=True).values_list("nation__code", flat=True))
    assert inferred == {"SVN", "TUR", "GBR", "USA"}
    assert all(c.as_of == date(2017, 2, 1) for c in Contribution.objects.filter(name_inferred=True))
    partial = Contribution.objects.get(nation__code="ITA", as_of=date(2022, 8, 1))
    assert partial.approximate
    assert "partial list" in partial.approximation_note
    undated = Contribution.objects.get(nation__code="ITA", as_of=date(2023, 10, 1))
    assert undated.approximate
    assert "date assumed" in undated.approximation_note
    assert undated.as_of_text.startswith("2023 ('latest cut'")
    assert "republika.rs" in undated.source
    exact = Contribution.objects.get(nation__code="AUT", as_of=date(2017, 2, 1))
    assert not exact.approximate
    assert "docslib.org" in exact.source
    assert ForceStrength.objects.get(as_of=date(1999, 6, 1)).approximate
    assert not ForceStrength.objects.get(as_of=date(2017, 2, 1)).approximate


def test_values_the_sources_do_not_give_are_marked_as_exercise_assumptions(forces):
    for unit in Unit.objects.all():
        if unit.strength is not None:
            assert unit.assumptions["strength"].startswith("exercise assumption"), unit
        if unit.readiness_hours is not None:
            assert "readiness_hours" in unit.assumptions, unit
        if unit.rotation_end is not None:
            assert "rotation" in unit.assumptions, unit
    ktrbn = Unit.objects.get(short_name="KTRBN")
    assert ktrbn.capabilities == ["infantry", "crc"]
    assert "capabilities" not in ktrbn.assumptions, "read from the role in the sources"
    assert ktrbn.readiness_hours == 2
    assert ktrbn.rotation_start < ktrbn.transfer_of_authority < ktrbn.rotation_end
    assert Unit.objects.get(short_name="RC-E").capabilities == [], "a headquarters, tasked through units"
    contingent = Unit.objects.get(short_name="DE Coy")
    assert contingent.assumptions["unit"].startswith("exercise assumption")
    assert "capabilities" in contingent.assumptions
    nalt = Unit.objects.get(short_name="NALT")
    assert nalt.transfer_of_authority is None
    assert "not under COMKFOR" in nalt.registry_note


def test_the_exercise_caveats_cover_every_kind_and_say_they_are_assumptions(forces):
    caveats = list(Caveat.objects.select_related("label"))
    assert {caveat.kind for caveat in caveats} == set(CaveatKind)
    for caveat in caveats:
        assert "EXERCISE ASSUMPTION" in caveat.note
        assert "exercise" in caveat.source
        assert caveat.label.marking.endswith("// REL TO KFOR")
        caveat.clean()
    assert Caveat.objects.get(scenario_key="caveat:svn-only-west").unit.short_name == "SI Coy"
