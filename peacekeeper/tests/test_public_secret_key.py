"""The public site signs with a secret key of its own, never the mission's (security review R2, M1): what one
side signs (a cookie, a password-reset link, `signing.dumps`) must not be valid on the other."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from peacekeeper.cli_setup import use_local_secret_key
from peacekeeper.env import site_secret_key

ROOT = Path(__file__).resolve().parents[2]
MISSION_KEY = "mission-key-" + "m" * 50
PUBLIC_KEY = "public-key-" + "p" * 50
KEY_VARIABLES = (
    "PEACEKEEPER_SECRET_KEY",
    "PEACEKEEPER_SECRET_KEY_FILE",
    "PEACEKEEPER_PUBLIC_SECRET_KEY",
    "PEACEKEEPER_PUBLIC_SECRET_KEY_FILE",
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home with no key in the environment; var/ holds the mission's key file, as after `make demo`."""
    for name in (*KEY_VARIABLES, "PEACEKEEPER_SITE"):
        # Set before it is removed, so that what the command line then sets is undone after the test too.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("PEACEKEEPER_HOME", str(tmp_path))
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text(MISSION_KEY + "\n")
    return tmp_path


def test_the_public_site_reads_its_own_variable(home, monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_SECRET_KEY", MISSION_KEY)
    monkeypatch.setenv("PEACEKEEPER_PUBLIC_SECRET_KEY", PUBLIC_KEY)

    assert site_secret_key("public", base_dir=home) == PUBLIC_KEY
    assert site_secret_key("mission", base_dir=home) == MISSION_KEY


def test_the_public_site_never_falls_back_to_the_missions_key(home, monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_SECRET_KEY", MISSION_KEY)

    with pytest.raises(ImproperlyConfigured) as refused:
        site_secret_key("public", base_dir=home)

    assert str(refused.value) == (
        "PEACEKEEPER_PUBLIC_SECRET_KEY (or PEACEKEEPER_PUBLIC_SECRET_KEY_FILE) is not set; "
        "`peacekeeper serve --site public` makes one in ./var/public_secret_key"
    )


@pytest.mark.parametrize(
    ("mission", "source"),
    [
        ({"PEACEKEEPER_SECRET_KEY": MISSION_KEY}, "PEACEKEEPER_SECRET_KEY"),
        ({"PEACEKEEPER_SECRET_KEY_FILE": "{home}/elsewhere"}, "PEACEKEEPER_SECRET_KEY_FILE"),
        ({}, "var/secret_key"),
    ],
)
def test_the_public_site_refuses_the_missions_key_wherever_it_reads_it(home, monkeypatch, mission, source):
    (home / "elsewhere").write_text(MISSION_KEY)
    (home / "var" / "secret_key").write_text("another-mission-key-" + "z" * 50 if mission else MISSION_KEY)
    for name, value in mission.items():
        monkeypatch.setenv(name, value.format(home=home))
    monkeypatch.setenv("PEACEKEEPER_PUBLIC_SECRET_KEY_FILE", str(home / "copied"))
    (home / "copied").write_text(MISSION_KEY + "\n")

    with pytest.raises(ImproperlyConfigured) as refused:
        site_secret_key("public", base_dir=home)

    assert str(refused.value) == (
        f"PEACEKEEPER_PUBLIC_SECRET_KEY (or PEACEKEEPER_PUBLIC_SECRET_KEY_FILE) is the mission's secret key "
        f"({source}): the public site needs a key of its own, never PEACEKEEPER_SECRET_KEY's"
    )


def test_a_mission_key_file_the_public_site_may_not_read_is_no_objection(home, monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_SECRET_KEY_FILE", str(home / "missing"))
    monkeypatch.setenv("PEACEKEEPER_PUBLIC_SECRET_KEY", PUBLIC_KEY)
    (home / "var" / "secret_key").unlink()

    assert site_secret_key("public", base_dir=home) == PUBLIC_KEY


def test_the_public_key_is_as_long_as_the_missions_must_be(home, monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_PUBLIC_SECRET_KEY", "short")

    with pytest.raises(ImproperlyConfigured, match="PEACEKEEPER_PUBLIC_SECRET_KEY must be at least 50"):
        site_secret_key("public", base_dir=home)


def test_the_public_site_makes_and_names_its_own_key_file(home, monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_SITE", "public")

    use_local_secret_key(demo=False)

    key_file = home / "var" / "public_secret_key"
    assert os.environ["PEACEKEEPER_PUBLIC_SECRET_KEY_FILE"] == str(key_file)
    assert "PEACEKEEPER_SECRET_KEY_FILE" not in os.environ
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    assert len(key) >= 50
    assert key != MISSION_KEY
    use_local_secret_key(demo=False)
    assert key_file.read_text() == key  # made once


def test_a_public_key_the_environment_names_is_used_as_it_is(home, monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_SITE", "public")
    monkeypatch.setenv("PEACEKEEPER_PUBLIC_SECRET_KEY", PUBLIC_KEY)

    use_local_secret_key(demo=False)

    assert "PEACEKEEPER_PUBLIC_SECRET_KEY_FILE" not in os.environ
    assert not (home / "var" / "public_secret_key").exists()


def test_the_mission_still_reuses_the_demos_key_file(home):
    use_local_secret_key(demo=False)

    assert os.environ["PEACEKEEPER_SECRET_KEY_FILE"] == str(home / "var" / "secret_key")
    assert "PEACEKEEPER_PUBLIC_SECRET_KEY_FILE" not in os.environ


PROGRAM = "from django.conf import settings; print(settings.SECRET_KEY)"


def test_manage_on_the_public_site_signs_with_its_own_key_not_the_missions(home):
    # The review's reproduction: a home where the mission's var/secret_key exists, no key in the environment.
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("PEACEKEEPER_", "DJANGO_"))
    }
    env |= {"PEACEKEEPER_HOME": str(home), "PEACEKEEPER_SITE": "public", "PEACEKEEPER_HTTPS": "false"}

    result = subprocess.run(
        [sys.executable, "-m", "peacekeeper.cli", "manage", "shell", "-c", PROGRAM],
        cwd=ROOT,  # this checkout's code, whichever the environment's editable install names
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == (home / "var" / "public_secret_key").read_text()
    assert MISSION_KEY not in result.stdout
