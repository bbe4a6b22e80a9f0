"""Public mode's settings and start: its own database, its own URLs, no mission threads."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, get_resolver, resolve

PROGRAM_SETTINGS = """
import json
from django.conf import settings
import django
django.setup()
print(json.dumps({"site": settings.SITE, "urlconf": settings.ROOT_URLCONF,
    "databases": {alias: db["NAME"] for alias, db in settings.DATABASES.items()},
    "middleware": settings.MIDDLEWARE}))
"""
PROGRAM_ASGI = """
import threading
import peacekeeper.asgi
print(sorted(thread.name for thread in threading.enumerate()))
"""


def _run(program: str, home: Path, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PEACEKEEPER_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        PEACEKEEPER_HOME=str(home),
        PEACEKEEPER_SECRET_KEY="s" * 60,
        PEACEKEEPER_PUBLIC_SECRET_KEY="p" * 60,
        PEACEKEEPER_HTTPS="false",
        DJANGO_SETTINGS_MODULE="peacekeeper.settings",
        **environment,
    )
    return subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120
    )


# A mission database URL that fails the settings if it is read at all.
UNREADABLE_MISSION_URL = "mission://secret-mission-host/peacekeeper"


def test_public_mode_never_reads_the_mission_database_url(tmp_path):
    result = _run(PROGRAM_SETTINGS, tmp_path, PEACEKEEPER_SITE="public", DATABASE_URL=UNREADABLE_MISSION_URL)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["urlconf"] == "peacekeeper.public.urls"
    assert answer["databases"] == {"default": str(tmp_path / "var" / "public.sqlite3")}
    assert "secret-mission-host" not in result.stdout
    assert "django.middleware.locale.LocaleMiddleware" in answer["middleware"]


def test_the_mission_reads_its_database_url(tmp_path):
    # The same URL stops the mission's settings: the public test above would fail had it been read there.
    result = _run(PROGRAM_SETTINGS, tmp_path, DATABASE_URL=UNREADABLE_MISSION_URL)

    assert result.returncode != 0
    assert (
        "DATABASE_URL='mission://secret-mission-host/peacekeeper' has an unsupported scheme" in result.stderr
    )


def test_the_public_database_url_is_named_in_its_errors(tmp_path):
    result = _run(
        PROGRAM_SETTINGS, tmp_path, PEACEKEEPER_SITE="public", PEACEKEEPER_PUBLIC_DATABASE_URL="sqlite://"
    )

    assert result.returncode != 0
    assert "PEACEKEEPER_PUBLIC_DATABASE_URL='sqlite://' names no SQLite file" in result.stderr


def test_an_unknown_site_stops_the_settings(tmp_path):
    result = _run(PROGRAM_SETTINGS, tmp_path, PEACEKEEPER_SITE="intranet")

    assert result.returncode != 0
    assert "PEACEKEEPER_SITE='intranet' is neither 'mission' nor 'public'" in result.stderr


def test_the_public_site_starts_none_of_the_missions_threads(tmp_path):
    result = _run(PROGRAM_ASGI, tmp_path, PEACEKEEPER_SITE="public", DATABASE_URL=UNREADABLE_MISSION_URL)

    assert result.returncode == 0, result.stderr
    assert "peacekeeper-warm-up" not in result.stdout
    assert not (tmp_path / "var" / "peacekeeper.sqlite3").exists()


def test_the_mission_urlconf_routes_no_wagtail_url():
    for path in ("/cms/", "/cms/login/", "/cms/pages/", "/en/", "/documents/1/x.pdf"):
        with pytest.raises(Resolver404):
            resolve(path, urlconf="peacekeeper.urls")

    def modules(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield pattern.urlconf_name if isinstance(pattern.urlconf_name, str) else ""
                yield from modules(pattern)
            else:
                yield pattern.lookup_str

    routed = list(modules(get_resolver("peacekeeper.urls")))
    assert routed  # the walk found the mission's views
    assert not [name for name in routed if name.startswith(("wagtail", "peacekeeper.public"))]


@pytest.mark.django_db
def test_the_cms_asks_for_a_login(client, public_mode):
    response = client.get("/cms/")

    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")


def test_the_public_urlconf_serves_the_cms_at_cms_not_admin():
    assert resolve("/cms/", urlconf="peacekeeper.public.urls").url_name == "wagtailadmin_home"
    with pytest.raises(Resolver404):
        resolve("/admin/", urlconf="peacekeeper.public.urls")
