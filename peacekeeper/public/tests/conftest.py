"""The public site's tests run with the settings public mode gives (settings.PUBLIC_SITE_SETTINGS)."""

import pytest
from django.conf import settings as django_settings
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from django.utils import translation

from peacekeeper.public.seeding import seed_public_site


@pytest.fixture
def public_mode(settings):
    for name, value in django_settings.PUBLIC_SITE_SETTINGS.items():
        setattr(settings, name, value)
    yield settings
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def seeded(db, public_mode):
    seed_public_site()


@pytest.fixture
def public_server(public_mode):
    """The public site served with public mode's middleware (pytest-django's live server keeps the
    mission's, loaded when it started)."""
    thread = LiveServerThread("127.0.0.1", _StaticFilesHandler, connections_override={}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
