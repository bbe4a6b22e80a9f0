"""Safe by default: a production configuration passes Django's deployment checks; bad settings fail loudly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from peacekeeper.env import database_from_url, env_bool, env_int, env_secret


def run_check(tmp_path, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PEACEKEEPER_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="peacekeeper.settings",
        DATABASE_URL=f"sqlite:///{tmp_path}/check.sqlite3",
        PEACEKEEPER_HOME=str(tmp_path),
        PEACEKEEPER_ALLOWED_HOSTS="kfor.example.org",
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_production_configuration_passes_the_deployment_checks(tmp_path):
    result = run_check(tmp_path, PEACEKEEPER_SECRET_KEY="k" * 20 + "Zq9!x7Lp2@Vr5#Wt8$Ym3%Bn6^Cd1&Fg4*Hj")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_without_a_secret_key_the_server_refuses_to_start(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode != 0
    assert "PEACEKEEPER_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peacekeeper.settings",
            "PEACEKEEPER_SECRET_KEY": "s" * 60,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_typed_helpers_name_the_variable_and_the_bad_value(monkeypatch):
    monkeypatch.setenv("PEACEKEEPER_X", "perhaps")
    with pytest.raises(ImproperlyConfigured, match=r"PEACEKEEPER_X='perhaps' is not a boolean"):
        env_bool("PEACEKEEPER_X", False)
    monkeypatch.setenv("PEACEKEEPER_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="PEACEKEEPER_N='ten' is not a whole number"):
        env_int("PEACEKEEPER_N", 1)
    monkeypatch.setenv("PEACEKEEPER_S", "a")
    monkeypatch.setenv("PEACEKEEPER_S_FILE", "/nonexistent")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_secret("PEACEKEEPER_S")


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.delenv("PEACEKEEPER_T", raising=False)
    monkeypatch.setenv("PEACEKEEPER_T_FILE", str(secret))
    assert env_secret("PEACEKEEPER_T") == "from-a-file"


def test_database_urls_select_the_engine(tmp_path):
    sqlite = database_from_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert sqlite["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    postgres = database_from_url(
        "postgresql://kfor:s%40cret@db.example.org:5433/peacekeeper", base_dir=tmp_path
    )
    assert (postgres["USER"], postgres["PASSWORD"], postgres["HOST"], postgres["PORT"]) == (
        "kfor",
        "s@cret",
        "db.example.org",
        "5433",
    )
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme 'mysql'"):
        database_from_url("mysql://x/y", base_dir=tmp_path)
