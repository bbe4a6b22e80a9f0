"""The public site's tests, run in public mode (PEACEKEEPER_SITE=public; the Makefile's `test`)."""

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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped site seeded once, in the session's test database: each test's transaction rolls back
    over it, so `seeded` finds it there (seeding takes seconds, finding it milliseconds)."""
    with django_db_blocker.unblock():
        seed_public_site()


@pytest.fixture
def seeded(db, public_mode):
    seed_public_site()  # again only after a test that emptied the database (a live server's flush)


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


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test's transaction rolls back the content version it moved on: no test may be answered with
    the pages another one cached (page_cache.py)."""
    from django.core.cache import caches

    from peacekeeper.public.page_cache import CACHE_ALIAS

    caches[CACHE_ALIAS].clear()
