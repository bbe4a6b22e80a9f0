"""`peacekeeper release keygen` writes a key pair, the private key readable by its owner only, and never
overwrites a file; export refuses without a usable signing key."""

import stat

import pytest

from peacekeeper.release.keys import signing_key, verify_key
from peacekeeper.release.tests.bundles import run


def test_keygen_writes_a_private_key_only_its_owner_may_read(tmp_path, capsys, settings):
    private, public = tmp_path / "release.key", tmp_path / "release.pub"
    code, _out, err = run(capsys, "keygen", "--private", str(private), "--public", str(public))
    assert (code, err) == (0, "")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    settings.RELEASE_SIGNING_KEY, settings.RELEASE_VERIFY_KEY = str(private), str(public)
    assert signing_key().public_key() == verify_key()


@pytest.mark.parametrize("existing", ["private", "public"])
def test_keygen_refuses_to_overwrite_either_file(tmp_path, capsys, existing):
    paths = {"private": tmp_path / "release.key", "public": tmp_path / "release.pub"}
    paths[existing].write_text("kept")
    code, _out, err = run(
        capsys, "keygen", "--private", str(paths["private"]), "--public", str(paths["public"])
    )
    assert code == 2
    assert err == f"error: release keygen: {paths[existing]} exists; a key file is never overwritten\n"
    assert paths[existing].read_text() == "kept"
    assert list(tmp_path.iterdir()) == [paths[existing]]


@pytest.mark.django_db
def test_export_refuses_without_a_signing_key(tmp_path, capsys, settings):
    settings.RELEASE_SIGNING_KEY = ""
    code, _out, err = run(capsys, "export", "--to", str(tmp_path / "bundle.json"))
    assert code == 2
    assert (
        err
        == "error: release export: PEACEKEEPER_RELEASE_SIGNING_KEY is not set (the path of the key file)\n"
    )
    assert not (tmp_path / "bundle.json").exists()


@pytest.mark.django_db
def test_export_refuses_a_public_key_given_as_the_signing_key(keys, tmp_path, capsys, settings):
    settings.RELEASE_SIGNING_KEY = str(keys["public"])
    code, _out, err = run(capsys, "export", "--to", str(tmp_path / "bundle.json"))
    assert code == 2
    assert "not an unencrypted PEM private key" in err


@pytest.mark.django_db
def test_export_refuses_an_unknown_mission(keys, organisations, tmp_path, capsys):
    code, _out, err = run(capsys, "export", "--to", str(tmp_path / "bundle.json"), "--mission", "UNMIK")
    assert code == 2
    assert err == "error: release export: --mission UNMIK: no mission organisation has this code\n"
    assert not (tmp_path / "bundle.json").exists()
