"""The mission side's outbox: a new bundle only when what the public side would receive changed."""

import pytest

from peacekeeper.release.exporting import export_bundle
from peacekeeper.release.models import BundleExport
from peacekeeper.release.tests.bundles import load, run
from peacekeeper.release.watching import write_if_changed

pytestmark = pytest.mark.django_db


def names(folder) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_the_first_check_writes_a_bundle_named_by_its_version(mission, keys, tmp_path):
    outbox = tmp_path / "outbox"
    record = write_if_changed(folder=outbox)
    assert names(outbox) == [f"bundle-{record.version}.json"]
    assert load(outbox / f"bundle-{record.version}.json")["manifest"]["version"] == record.version
    assert record.path == str((outbox / f"bundle-{record.version}.json").resolve())


def test_nothing_changed_writes_no_bundle(mission, keys, tmp_path):
    outbox = tmp_path / "outbox"
    first = write_if_changed(folder=outbox)
    assert write_if_changed(folder=outbox) is None
    assert names(outbox) == [f"bundle-{first.version}.json"]
    assert BundleExport.objects.count() == 1


def test_a_changed_public_record_makes_the_next_check_write_a_new_bundle(mission, keys, tmp_path):
    outbox = tmp_path / "outbox"
    first = write_if_changed(folder=outbox)
    closure = mission["public_closure"]
    closure.cause = "Road reopened after the bridge repair"
    closure.save()
    second = write_if_changed(folder=outbox)
    assert second is not None
    assert second.version > first.version
    assert names(outbox) == sorted([f"bundle-{first.version}.json", f"bundle-{second.version}.json"])
    causes = {n["cause"] for n in load(outbox / f"bundle-{second.version}.json")["payload"]["notices"]}
    assert "Road reopened after the bridge repair" in causes
    assert write_if_changed(folder=outbox) is None


def test_a_change_to_records_not_public_writes_no_bundle(mission, keys, tmp_path):
    outbox = tmp_path / "outbox"
    write_if_changed(folder=outbox)
    hidden = mission["hidden_restriction_1"]
    hidden.cause = "Changed behind the boundary"
    hidden.save()
    report = mission["hidden_report_0"]
    report.narrative = "Changed behind the boundary"
    report.save()
    unpublished = mission["validated_public_report"]
    unpublished.narrative = "Not published, so not released"
    unpublished.save()
    assert write_if_changed(folder=outbox) is None
    assert len(names(outbox)) == 1


def test_bundles_carried_away_are_not_written_again(mission, keys, tmp_path):
    outbox = tmp_path / "outbox"
    write_if_changed(folder=outbox)
    for path in outbox.iterdir():
        path.unlink()
    assert write_if_changed(folder=outbox) is None
    assert names(outbox) == []


def test_a_bundle_exported_elsewhere_is_not_the_outboxs_last(mission, keys, tmp_path):
    export_bundle(path=tmp_path / "by-hand.json")
    outbox = tmp_path / "outbox"
    assert write_if_changed(folder=outbox) is not None
    assert len(names(outbox)) == 1


def test_the_watch_command_checks_once(mission, keys, tmp_path, capsys):
    outbox = tmp_path / "outbox"
    code, out, err = run(capsys, "watch", "--outbox", str(outbox), "--once")
    assert (code, err) == (0, "")
    [written] = names(outbox)
    assert f"written to {(outbox / written).resolve()}" in out
    code, out, err = run(capsys, "watch", "--outbox", str(outbox), "--once")
    assert (code, err) == (0, "")
    assert "no bundle written" in out
    assert len(names(outbox)) == 1


def test_the_watch_command_refuses_without_a_signing_key(mission, tmp_path, capsys, settings):
    settings.RELEASE_SIGNING_KEY = ""
    code, out, err = run(capsys, "watch", "--outbox", str(tmp_path / "outbox"), "--once")
    assert (code, out) == (2, "")
    assert (
        err == "error: release watch: PEACEKEEPER_RELEASE_SIGNING_KEY is not set (the path of the key file)\n"
    )
    assert not (tmp_path / "outbox").exists()
