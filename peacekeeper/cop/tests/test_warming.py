"""A serving process builds, at its start, what the map's first requests read: the assessment's cells, the
road network, the boundary index and each visibility class's assessment series are there before any
request, and each class's default map window is handed to the keeper; a failed warm-up is logged, not
raised.

Transactional: inside a test's transaction the cell store keeps nothing (see assessment/cell_store.py)."""

import logging

import pytest
from django.contrib.auth.models import User

from peacekeeper.access.services import create_demo_users
from peacekeeper.assessment import cell_store, figures
from peacekeeper.cop import warming
from peacekeeper.cop.caching import visibility_class
from peacekeeper.movement import network
from peacekeeper.theatre import boundaries

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_warm_up_builds_the_cells_the_network_the_boundary_index_and_each_class_series(kosovo):
    create_demo_users()
    classes = {visibility_class(user) for user in User.objects.filter(profile__isnull=False)}
    cell_store._spans.clear()
    figures._series.clear()
    network.invalidate()
    boundaries.invalidate_area_index()

    warming.start().join(timeout=60)

    assert len(cell_store._spans) == 1
    assert network._cached is not None
    assert boundaries._cached_index is not None
    assert len(figures._series) == len(classes) > 1  # one assessment series per visibility class


def test_a_failed_warm_up_is_logged_and_the_process_serves_on(kosovo, monkeypatch, caplog):
    def broken():
        raise RuntimeError("no such table")

    monkeypatch.setattr(warming, "current_network", broken)
    with caplog.at_level(logging.WARNING, logger="peacekeeper.cop.warming"):
        warming.start().join(timeout=60)
    assert "warm-up failed" in caplog.text


def test_the_warm_up_hands_each_class_default_window_to_the_keeper(kosovo, monkeypatch):
    from django.test import override_settings

    from peacekeeper.cop import keeping

    create_demo_users()
    classes = {visibility_class(user) for user in User.objects.filter(profile__isnull=False)}
    monkeypatch.setattr(keeping, "start", lambda: None)  # no cycles behind the test's back
    with override_settings(COP_SETTLE_SECONDS=15):
        warming.start().join(timeout=60)
        kept = dict(keeping._kept)
        assert {name for name, _, _ in kept} == {"area-levels", "fom"}
        assert len(kept) == 2 * len(classes)
        assert keeping.bring_up_to_date() == 2 * len(classes)  # each class's two windows
