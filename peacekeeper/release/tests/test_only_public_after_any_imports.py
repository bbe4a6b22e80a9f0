"""After any sequence of imports (accepted, tampered, replayed, not PUBLIC, with records added and taken
away), the public side holds exactly the last accepted bundle's records, and every row of every release
table is marked PUBLIC."""

import copy

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peacekeeper.release.bundle import BundleRefused
from peacekeeper.release.importing import import_bundle
from peacekeeper.release.models import PublicContribution, PublicNotice
from peacekeeper.release.tests.bundles import markings, release_tables, sample_document, sign

pytestmark = pytest.mark.django_db

STEP = st.tuples(
    st.sampled_from(["accepted", "tampered", "replayed", "not public"]),
    # Which of the sample's notices and contributions the bundle keeps.
    st.lists(st.booleans(), min_size=4, max_size=4),
)


def bundle(keys, version: int, keep: list[bool], *, marking: str = "PUBLIC") -> bytes:
    document = copy.deepcopy(sample_document(version=version))
    payload = document["payload"]
    payload["notices"] = [n for n, kept in zip(payload["notices"], keep[:2], strict=True) if kept]
    payload["contributions"] = [c for c, kept in zip(payload["contributions"], keep[2:], strict=True) if kept]
    payload["sites"][0]["marking"] = marking
    return sign(document, keys["private"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=6))
def test_the_public_side_holds_only_the_last_accepted_bundle(keys, tmp_path, steps):
    with transaction.atomic():
        version = 0
        expected = release_tables()
        kept_now: list[bool] | None = None
        for number, (outcome, keep) in enumerate(steps):
            path = tmp_path / f"bundle-{number}.json"
            if outcome == "accepted":
                version += 1
                path.write_bytes(bundle(keys, version, keep))
            elif outcome == "tampered":
                content = bundle(keys, version + 1, keep)
                at = content.index(b'"troops":') + len(b'"troops":')
                path.write_bytes(
                    content[:at] + b"9" + content[at + 1 :] if b'"troops":' in content else content[:-3]
                )
            elif outcome == "replayed":
                path.write_bytes(bundle(keys, max(version, 1), keep))
            else:
                path.write_bytes(bundle(keys, version + 1, keep, marking="NATO UNCLASSIFIED"))
            try:
                import_bundle(path=path)
            except BundleRefused:
                assert outcome != "accepted"
                assert release_tables() == expected
            else:
                assert outcome == "accepted" or (outcome == "replayed" and version == 0)
                version = max(version, 1)
                kept_now = keep
                expected = release_tables()
            assert markings() <= {"PUBLIC"}
            if kept_now is not None:
                assert PublicNotice.objects.count() == sum(kept_now[:2])
                assert PublicContribution.objects.count() == sum(kept_now[2:])
        transaction.set_rollback(True)
