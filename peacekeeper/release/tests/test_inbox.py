"""The public side's inbox: bundles imported in version order, older ones skipped quietly, a refused one
said once and left where it is, a later good one imported."""

import copy

import pytest

from peacekeeper.release.models import BundleImport, PublicContribution
from peacekeeper.release.tests.bundles import release_tables, run, sample_document, sign
from peacekeeper.release.watching import Inbox

pytestmark = pytest.mark.django_db


class Said:
    def __init__(self) -> None:
        self.info: list[str] = []
        self.warnings: list[str] = []

    def inbox(self, folder) -> Inbox:
        return Inbox(folder, inform=self.info.append, warn=self.warnings.append)


def put(folder, version: int, keys, *, document: dict | None = None) -> None:
    folder.mkdir(exist_ok=True)
    content = sign(document or sample_document(), keys["private"], version=version)
    (folder / f"bundle-{version}.json").write_bytes(content)


def troops(document: dict, italy: int) -> dict:
    changed = copy.deepcopy(document)
    changed["payload"]["contributions"][0]["troops"] = italy
    return changed


def test_bundles_are_imported_in_version_order_not_name_order(keys, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, 9, keys, document=troops(sample_document(), 900))
    put(inbox, 10, keys, document=troops(sample_document(), 1000))  # "bundle-10" sorts before "bundle-9"
    said = Said()
    imported, refused = said.inbox(inbox).check()
    assert [record.version for record in imported] == [9, 10]
    assert refused == {}
    assert said.warnings == []
    assert PublicContribution.objects.get(nation_code="ITA").troops == 1000


def test_older_and_equal_bundles_are_skipped_quietly(keys, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, 10, keys)
    said = Said()
    watcher = said.inbox(inbox)
    assert len(watcher.check()[0]) == 1
    put(inbox, 9, keys, document=troops(sample_document(), 900))
    before = release_tables()
    assert watcher.check() == ([], {})
    assert said.inbox(inbox).check() == ([], {})  # a restarted public site skips them too
    assert said.warnings == []
    assert release_tables() == before


def test_a_refused_bundle_is_said_once_left_in_place_and_a_later_good_one_imported(keys, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, 10, keys)
    said = Said()
    watcher = said.inbox(inbox)
    watcher.check()
    hidden = sample_document()
    hidden["payload"]["notices"][0]["marking"] = "NATO RESTRICTED // REL TO KFOR"
    put(inbox, 11, keys, document=hidden)
    before = release_tables()

    imported, refused = watcher.check()
    assert imported == []
    assert list(refused) == [inbox / "bundle-11.json"]
    assert "not PUBLIC" in refused[inbox / "bundle-11.json"]
    assert len(said.warnings) == 1
    assert said.warnings[0].startswith(f"release bundle {inbox / 'bundle-11.json'} refused: not PUBLIC")
    watcher.check()
    watcher.check()
    assert len(said.warnings) == 1
    assert (inbox / "bundle-11.json").exists()
    assert release_tables() == before

    put(inbox, 12, keys, document=troops(sample_document(), 1200))
    imported, refused = watcher.check()
    assert [record.version for record in imported] == [12]
    assert list(refused) == [inbox / "bundle-11.json"]  # tried once more, before 12, and not said again
    assert BundleImport.objects.first().version == 12
    assert PublicContribution.objects.get(nation_code="ITA").troops == 1200
    assert watcher.check() == ([], {})
    assert len(said.warnings) == 1


def test_a_bundle_refused_for_another_reason_is_said_again(keys, tmp_path):
    inbox = tmp_path / "inbox"
    said = Said()
    watcher = said.inbox(inbox)
    inbox.mkdir()
    (inbox / "bundle-5.json").write_bytes(b'{"format": "peacekeeper-rel')  # still being copied in
    watcher.check()
    put(inbox, 5, keys)
    imported, _ = watcher.check()
    assert [record.version for record in imported] == [5]
    assert len(said.warnings) == 1
    assert "malformed" in said.warnings[0]


def test_files_that_are_not_bundles_are_left_alone(keys, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, 7, keys)
    (inbox / ".bundle-8.json.x1y2.tmp").write_bytes(b"half a bundle")
    (inbox / "bundle-latest.json").write_bytes(b"not named by a version")
    (inbox / "README").write_text("carried here by the transfer")
    said = Said()
    imported, refused = said.inbox(inbox).check()
    assert [record.version for record in imported] == [7]
    assert (refused, said.warnings) == ({}, [])


def test_a_missing_inbox_is_said_once(keys, tmp_path):
    said = Said()
    watcher = said.inbox(tmp_path / "not-yet")
    assert watcher.check() == ([], {})
    assert watcher.check() == ([], {})
    assert said.warnings == [f"release inbox {tmp_path / 'not-yet'} is not a folder (yet)"]


def test_the_import_inbox_command_checks_once(keys, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    put(inbox, 20, keys)
    unsigned = sample_document()
    (inbox / "bundle-21.json").write_bytes(
        sign(unsigned, keys["private"], version=21).replace(b'"Ed25519"', b'"none"')
    )
    code, out, err = run(capsys, "import-inbox", str(inbox), "--once")
    assert code == 2
    assert out.startswith(f"Imported release bundle {inbox / 'bundle-20.json'}: ")
    assert err.startswith(f"error: release import-inbox: release bundle {inbox / 'bundle-21.json'} refused: ")
    assert err.count("\n") == 1
    code, out, err = run(capsys, "import-inbox", str(inbox), "--once")
    assert code == 2  # still refused: a second run is another process, and says it again
    assert out == ""


def test_the_import_inbox_command_refuses_a_missing_folder_or_key(keys, tmp_path, capsys, settings):
    code, out, err = run(capsys, "import-inbox", str(tmp_path / "nowhere"), "--once")
    assert (code, out) == (2, "")
    assert err == f"error: release import-inbox: {tmp_path / 'nowhere'} is not a folder\n"
    settings.RELEASE_VERIFY_KEY = ""
    (tmp_path / "inbox").mkdir()
    code, out, err = run(capsys, "import-inbox", str(tmp_path / "inbox"), "--once")
    assert (code, out) == (2, "")
    assert "PEACEKEEPER_RELEASE_VERIFY_KEY is not set" in err


def test_a_refused_file_is_read_again_only_once_it_changed(keys, tmp_path, monkeypatch):
    from peacekeeper.release import watching

    bad = tmp_path / "bundle-5.json"
    bad.write_bytes(b"{not json")
    reads = []
    original = watching.import_bundle

    def counted(*, path):
        reads.append(path)
        return original(path=path)

    monkeypatch.setattr(watching, "import_bundle", counted)
    inbox = Said().inbox(tmp_path)

    first = inbox.check()[1]
    second = inbox.check()[1]
    bad.write_bytes(b"{still not json}")
    third = inbox.check()[1]

    assert first == second  # still said refused, for the same reason
    assert reads == [bad, bad]  # not read again until it changed
    assert list(third) == [bad]
