"""`core.bulk.new_uids`: a batch's random UUIDs at once, each what uuid.uuid4() would make."""

import uuid

from peacekeeper.core.bulk import new_uids


def test_they_are_distinct_version_4_uuids_written_as_32_hex_digits():
    uids = new_uids(5000)

    assert len(set(uids)) == 5000
    for text in uids:
        parsed = uuid.UUID(text)
        assert parsed.hex == text
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122


def test_none_are_asked_none_are_made():
    assert new_uids(0) == []
