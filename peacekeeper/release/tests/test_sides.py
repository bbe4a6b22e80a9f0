"""Each side runs its own commands only: the public side's database never receives what the mission's
commands write, and a bundle is never imported into the mission's database nor exported from the public's."""

import os

import pytest
from django.test import override_settings

from peacekeeper.cli import main
from peacekeeper.release.models import BundleExport, BundleImport
from peacekeeper.release.tests.bundles import run, sample_document, sign, written

pytestmark = pytest.mark.django_db


def test_import_refuses_on_the_mission_side(keys, tmp_path, capsys):
    bundle = written(tmp_path, sign(sample_document(version=1), keys["private"]))
    code, out, err = run(capsys, "import", str(bundle), site="mission")
    assert (code, out) == (2, "")
    assert err.startswith("error: release import: a public side command, and this is the mission side")
    assert "PEACEKEEPER_SITE=public" in err
    assert not BundleImport.objects.exists()


def test_import_inbox_refuses_on_the_mission_side(keys, tmp_path, capsys):
    code, _out, err = run(capsys, "import-inbox", str(tmp_path), "--once", site="mission")
    assert code == 2
    assert err.startswith("error: release import-inbox: a public side command")


@pytest.mark.parametrize(
    "command", [["export", "--to", "bundle.json"], ["watch", "--outbox", "out", "--once"]]
)
def test_mission_release_commands_refuse_on_the_public_side(mission, keys, tmp_path, capsys, command):
    arguments = [str(tmp_path / value) if value in ("bundle.json", "out") else value for value in command]
    code, out, err = run(capsys, *arguments, site="public")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: release {command[0]}: a mission side command, and this is the public side")
    assert not BundleExport.objects.exists()
    assert not (tmp_path / "bundle.json").exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["load-theatre"],
        [
            "createuser",
            "someone",
            "--organisation",
            "KFOR",
            "--clearance",
            "NATO RESTRICTED",
            "--role",
            "viewer",
        ],
        ["derive"],
        ["import", "acled", "events.csv"],
        ["generate", "--events", "5"],
        ["demo"],
    ],
    ids=lambda arguments: arguments[0],
)
def test_mission_commands_refuse_on_the_public_side(capsys, monkeypatch, tmp_path, arguments):
    # The demo makes its key pair and names it in the environment before the settings are read: under a
    # throwaway folder, in an environment of this test's own.
    monkeypatch.setattr(os, "environ", dict(os.environ, PEACEKEEPER_HOME=str(tmp_path)))
    with override_settings(SITE="public"):
        code = main(arguments)
    captured = capsys.readouterr()
    assert code == 2
    assert "Preparing the database" not in captured.out  # the demo's key pair is made before; nothing else
    assert captured.err == (
        f"error: {arguments[0]}: a mission side command, and PEACEKEEPER_SITE=public names the public "
        "site's database, which holds only PUBLIC records\n"
    )
