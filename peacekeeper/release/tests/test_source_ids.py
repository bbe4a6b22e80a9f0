"""Restrictions and sites are named on the public side by opaque ids, so the gaps between public ids tell
nothing of the hidden records made between them; the same signing key gives the same ids."""

import re

import pytest

from peacekeeper.release.exporting import SourceIds, collect_payload
from peacekeeper.release.keys import generate_key_pair, signing_key

pytestmark = pytest.mark.django_db


def test_source_ids_name_no_primary_key(mission, keys):
    payload = collect_payload()
    names = [n["source_id"] for n in payload["notices"]] + [s["source_id"] for s in payload["sites"]]
    assert names
    assert all(re.fullmatch(r"(restriction|site)-[0-9a-f]{32}", name) for name in names)
    pks = {str(mission[name].pk) for name in ("public_closure", "public_restriction", "public_point")}
    assert not {name.split("-")[1] for name in names} & pks
    assert collect_payload() == payload


def test_another_key_gives_other_ids(keys, tmp_path):
    generate_key_pair(private_path=tmp_path / "other.key", public_path=tmp_path / "other.pub")
    from cryptography.hazmat.primitives import serialization

    other = serialization.load_pem_private_key((tmp_path / "other.key").read_bytes(), password=None)
    assert SourceIds(signing_key())("site", 1) == SourceIds(signing_key())("site", 1)
    assert SourceIds(signing_key())("site", 1) != SourceIds(other)("site", 1)
    assert SourceIds(signing_key())("site", 1) != SourceIds(signing_key())("restriction", 1)
