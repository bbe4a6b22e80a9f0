"""The live stream, which the request harness cannot drive (it never ends), under the same comparison: each
harness reader's stream delivers the same events from a world with hidden records as from one without, and
a stream open while hidden reports are validated delivers nothing of them."""

import pytest
from django.contrib.auth.models import User

from peacekeeper.cop import live
from peacekeeper.tests.noninterference.world import READERS, add_hidden, build_base, make_users

pytestmark = pytest.mark.django_db


def _delivered(cursor: live._Cursor, reader: User) -> list[bytes]:
    return cursor.poll(User.objects.get(pk=reader.pk))


def test_no_reader_can_tell_the_worlds_apart_through_the_live_stream(forces):
    users = make_users()
    base = build_base(users)
    open_streams = {name: live._Cursor(after_id=None) for name in READERS}
    without_hidden = {name: _delivered(live._Cursor(after_id=0), users[name]) for name in READERS}
    for name, cursor in open_streams.items():
        _delivered(cursor, users[name])

    add_hidden(users, base)  # hidden reports validated now, while the streams are open

    with_hidden = {name: _delivered(live._Cursor(after_id=0), users[name]) for name in READERS}
    assert with_hidden == without_hidden
    assert any(without_hidden.values())  # the comparison is not between empty streams
    for name, cursor in open_streams.items():
        assert _delivered(cursor, users[name]) == [], name


def test_no_reader_can_tell_the_worlds_apart_through_the_alerts_on_the_stream(forces):
    """The watch floor's alerts ride the same stream: the hidden world's alerts (a hidden CCIR's on the
    reports every reader sees, every CCIR's on the hidden reports) reach no harness reader."""
    users = make_users()
    base = build_base(users)

    def banner_stream() -> live._Cursor:
        return live._Cursor(after_id=None, reports=False, alerts=True)

    open_streams = {name: banner_stream() for name in READERS}
    without_hidden = {name: _delivered(banner_stream(), users[name]) for name in READERS}
    for name, cursor in open_streams.items():
        _delivered(cursor, users[name])

    add_hidden(users, base)  # hidden CCIR and hidden reports, matched now, while the streams are open

    with_hidden = {name: _delivered(banner_stream(), users[name]) for name in READERS}
    assert with_hidden == without_hidden
    assert any(b"event: alert" in b"".join(sent) for sent in without_hidden.values())
    for name, cursor in open_streams.items():
        assert _delivered(cursor, users[name]) == [], name
