"""The demo's two sides as a deployment wires them: the public site's process gets its own environment,
without the mission's database, secret key or signing key; the checks repeat, each failure said once."""

import logging
import threading

import pytest

from peacekeeper.cli import build_parser
from peacekeeper.cli_demo import start_public_site
from peacekeeper.release.demo import DemoRelease, public_site_environment
from peacekeeper.release.keys import KeyProblem
from peacekeeper.release.watching import run_every, start_inbox, start_outbox

MISSION = {
    "DATABASE_URL": "postgresql://mission:secret@db.mission/peacekeeper",
    "PEACEKEEPER_SECRET_KEY_FILE": "/srv/mission/var/secret_key",
    "PEACEKEEPER_RELEASE_SIGNING_KEY": "/srv/mission/var/release/keys/demo.key",
    "PEACEKEEPER_RELEASE_OUTBOX": "/srv/mission/var/release/bundles",
    "PEACEKEEPER_HOME": "/srv/mission",
    "PEACEKEEPER_HTTPS": "false",
    "PEACEKEEPER_PUBLIC_DATABASE_URL": "sqlite:///var/public.sqlite3",
    "PATH": "/usr/bin",
}
# What a mission's shell may hold besides: libpq's defaults (which would fill in a postgresql:///public URL),
# debugging, the mission's tiles and basemap, and variables nobody has thought of yet.
MISSION_SHELL = {
    "PGHOST": "db.mission",
    "PGUSER": "mission",
    "PGPASSWORD": "secret",
    "PGSERVICEFILE": "/srv/mission/.pg_service.conf",
    "PEACEKEEPER_DEBUG": "true",
    "PEACEKEEPER_TILE_URL": "https://tiles.mission/{z}/{x}/{y}.png",
    "PEACEKEEPER_BASEMAP": "/srv/mission/basemap.pmtiles",
    "PEACEKEEPER_SECRET_KEY": "mission-key",
    "PEACEKEEPER_FUTURE_TOKEN": "mission-only",
    "AWS_SECRET_ACCESS_KEY": "mission-only",
    "DJANGO_SETTINGS_MODULE": "mission.settings",
    "VIRTUAL_ENV": "/srv/mission/.venv",
}
RUNNING = {
    "HOME": "/home/demo",
    "LANG": "en_GB.UTF-8",
    "LC_ALL": "en_GB.UTF-8",
    "TZ": "UTC",
    "PYTHONPATH": "/srv/peacekeeper",
    "PEACEKEEPER_ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def test_the_public_sites_environment_holds_nothing_of_the_missions(tmp_path):
    release = DemoRelease(tmp_path / "release")
    environment = public_site_environment(
        MISSION | MISSION_SHELL | RUNNING,
        release=release,
        secret_key_file=tmp_path / "public_secret_key",
    )
    assert environment == RUNNING | {
        "PEACEKEEPER_HOME": "/srv/mission",
        "PEACEKEEPER_HTTPS": "false",
        "PEACEKEEPER_PUBLIC_DATABASE_URL": "sqlite:///var/public.sqlite3",
        "PATH": "/usr/bin",
        "PEACEKEEPER_SITE": "public",
        "PEACEKEEPER_DEBUG": "false",
        "PEACEKEEPER_PUBLIC_SECRET_KEY_FILE": str(tmp_path / "public_secret_key"),
        "PEACEKEEPER_RELEASE_VERIFY_KEY": str(tmp_path / "release" / "keys" / "demo.pub"),
        "PEACEKEEPER_RELEASE_INBOX": str(tmp_path / "release" / "bundles"),
    }


def test_the_public_site_keeps_a_public_key_its_environment_names(tmp_path):
    release = DemoRelease(tmp_path / "release")
    named = MISSION | {"PEACEKEEPER_PUBLIC_SECRET_KEY_FILE": "/srv/public/secret_key"}

    environment = public_site_environment(named, release=release, secret_key_file=tmp_path / "made")

    assert environment["PEACEKEEPER_PUBLIC_SECRET_KEY_FILE"] == "/srv/public/secret_key"
    assert "PEACEKEEPER_PUBLIC_SECRET_KEY" not in environment


def test_the_release_settings_are_the_demos_whatever_the_shell_says(tmp_path):
    release = DemoRelease(tmp_path / "release")
    shell = {
        "PEACEKEEPER_SITE": "mission",
        "PEACEKEEPER_RELEASE_VERIFY_KEY": "/elsewhere/key.pub",
        "PEACEKEEPER_RELEASE_INBOX": "/elsewhere/inbox",
        "PEACEKEEPER_DEBUG": "yes",
    }

    environment = public_site_environment(shell, release=release, secret_key_file=tmp_path / "key")

    assert environment == {
        "PEACEKEEPER_SITE": "public",
        "PEACEKEEPER_DEBUG": "false",
        "PEACEKEEPER_PUBLIC_SECRET_KEY_FILE": str(tmp_path / "key"),
        "PEACEKEEPER_RELEASE_VERIFY_KEY": str(release.public_key),
        "PEACEKEEPER_RELEASE_INBOX": str(release.bundles),
    }


def test_the_mission_side_signs_and_fills_the_folder_the_public_side_reads(tmp_path):
    release = DemoRelease(tmp_path / "release")
    public = public_site_environment({}, release=release, secret_key_file=tmp_path / "key")
    assert release.mission_environment() == {
        "PEACEKEEPER_RELEASE_SIGNING_KEY": str(release.private_key),
        "PEACEKEEPER_RELEASE_OUTBOX": public["PEACEKEEPER_RELEASE_INBOX"],
    }


def test_the_demo_key_pair_is_made_once(tmp_path):
    release = DemoRelease(tmp_path / "release")
    assert release.prepare()
    key = release.private_key.read_bytes()
    assert release.prepare() is None
    assert release.private_key.read_bytes() == key
    assert release.private_key.stat().st_mode & 0o777 == 0o600
    assert release.bundles.is_dir()


def test_half_a_key_pair_is_not_replaced(tmp_path):
    release = DemoRelease(tmp_path / "release")
    release.prepare()
    release.private_key.unlink()
    with pytest.raises(KeyProblem, match=r"demo\.pub exists without its pair"):
        release.prepare()
    assert not release.private_key.exists()


def test_the_demo_takes_both_ports():
    args = build_parser().parse_args(["demo", "--port", "8001", "--public-port", "8081"])
    assert (args.port, args.public_port) == (8001, 8081)
    default = build_parser().parse_args(["demo"])
    assert (default.port, default.public_port) == (8000, 8080)


def test_no_thread_starts_when_no_folder_is_set(settings):
    settings.RELEASE_OUTBOX = ""
    settings.RELEASE_INBOX = ""
    assert start_outbox() is None
    assert start_inbox() is None


def test_a_repeated_failure_is_logged_once_and_the_checks_go_on(caplog, monkeypatch):
    monkeypatch.setattr(
        "peacekeeper.release.watching.close_old_connections", lambda: None
    )  # no database here
    stop = threading.Event()
    outcomes = [KeyProblem("no key"), KeyProblem("no key"), None, KeyProblem("no key"), OSError("disk full")]
    calls = []

    def check() -> None:
        calls.append(len(calls))
        outcome = outcomes[len(calls) - 1]
        if len(calls) == len(outcomes):
            stop.set()
        if outcome:
            raise outcome

    with caplog.at_level(logging.ERROR, logger="peacekeeper.release.watching"):
        run_every(0, check, stop, name="release outbox")
    assert len(calls) == len(outcomes)
    assert [record.getMessage() for record in caplog.records] == [
        "release outbox: KeyProblem: no key; trying again every 0 s",
        "release outbox: KeyProblem: no key; trying again every 0 s",
        "release outbox: OSError: disk full; trying again every 0 s",
    ]


def test_the_demo_gives_the_public_site_its_own_key_file(tmp_path, monkeypatch):
    started = {}
    monkeypatch.setattr(
        "peacekeeper.release.demo.PublicSite", lambda **arguments: started.update(arguments) or "started"
    )
    monkeypatch.setenv("PEACEKEEPER_HOME", str(tmp_path))
    monkeypatch.setenv("PEACEKEEPER_SECRET_KEY_FILE", str(tmp_path / "var" / "secret_key"))
    monkeypatch.delenv("PEACEKEEPER_PUBLIC_SECRET_KEY", raising=False)
    monkeypatch.delenv("PEACEKEEPER_PUBLIC_SECRET_KEY_FILE", raising=False)

    assert start_public_site(release=DemoRelease(tmp_path / "release"), host="127.0.0.1", port=8080)

    key_file = tmp_path / "var" / "public_secret_key"
    environment = started["environment"]
    assert environment["PEACEKEEPER_PUBLIC_SECRET_KEY_FILE"] == str(key_file)
    assert len(key_file.read_text()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert not [name for name in environment if name.startswith("PEACEKEEPER_SECRET_KEY")]
