"""A file in the inbox that breaks a JSON reader is refused like any other, and the bundles after it are
imported: one crafted file does not freeze the public site on its last bundle."""

import pytest

from peacekeeper.release.models import BundleImport
from peacekeeper.release.tests.bundles import sample_document, sign, written
from peacekeeper.release.watching import Inbox

pytestmark = pytest.mark.django_db

BROKEN = {
    "1e999": b'{"format":"peacekeeper-release-bundle","manifest":{},"payload":{"n":1e999},"signature":{}}',
    "digits": b'{"format":"peacekeeper-release-bundle","manifest":{},"payload":{"n":' + b"9" * 5000 + b"}}",
    "surrogate": b'{"format":"peacekeeper-release-bundle","manifest":{},"payload":{"n":"\\ud800"}}',
    "nesting": b'{"format":"peacekeeper-release-bundle","manifest":{},"payload":'
    + b"[" * 990
    + b"]" * 990
    + b"}",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_a_good_bundle_after_a_broken_file_is_imported(keys, tmp_path, content):
    written(tmp_path, content, "bundle-2.json")
    written(tmp_path, sign(sample_document(version=3), keys["private"]), "bundle-3.json")
    imported, refused = Inbox(tmp_path, inform=lambda message: None, warn=lambda message: None).check()
    assert [record.version for record in imported] == [3]
    assert list(refused) == [tmp_path / "bundle-2.json"]
    assert refused[tmp_path / "bundle-2.json"].startswith("malformed: the JSON")
    assert BundleImport.objects.get().version == 3
