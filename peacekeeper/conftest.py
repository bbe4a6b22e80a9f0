"""The fixed cast of the test suite: organisations and users who may, who may not, from another nation."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from peacekeeper.access.classification import Role
from peacekeeper.access.models import Organisation
from peacekeeper.access.services import UserSpec, create_or_update_user

# The public site's tests: they need Wagtail, which only public mode installs (settings.py), so they run in
# a process of their own with PEACEKEEPER_SITE=public (the Makefile's `test`), and only they run there.
PUBLIC_SITE_TESTS = Path(__file__).resolve().parent / "public" / "tests"


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    path = collection_path.resolve()
    if path in PUBLIC_SITE_TESTS.parents:
        return None  # the way to the public site's tests
    public_site_test = path == PUBLIC_SITE_TESTS or PUBLIC_SITE_TESTS in path.parents
    if settings.SITE == "public":
        return None if public_site_test else True
    return True if public_site_test else None


ORGANISATIONS = [
    ("KFOR", "Kosovo Force", Organisation.Kind.MISSION, False),
    ("DEU", "Germany", Organisation.Kind.NATION, True),
    ("ITA", "Italy", Organisation.Kind.NATION, True),
    ("USA", "United States", Organisation.Kind.NATION, True),
    ("CHE", "Switzerland", Organisation.Kind.NATION, False),
    ("EULEX", "EULEX Kosovo", Organisation.Kind.INTERNATIONAL, False),
    ("UNMIK", "UNMIK", Organisation.Kind.INTERNATIONAL, False),
]


@pytest.fixture
def organisations(db) -> dict[str, Organisation]:
    created = {}
    for code, name, kind, nato in ORGANISATIONS:
        created[code], _ = Organisation.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "nato_member": nato}
        )
    return created


def make_user(
    username: str,
    organisation: str,
    nation: str | None,
    missions: tuple[str, ...],
    clearance: str,
    roles: tuple[str, ...],
) -> User:
    return create_or_update_user(
        spec=UserSpec(
            username,
            f"{username}-pass-123",
            username.title(),
            organisation,
            nation,
            missions,
            clearance,
            roles,
        )
    )


@pytest.fixture
def german_watchkeeper(organisations) -> User:
    return make_user("hans", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER,))


@pytest.fixture
def italian_analyst(organisations) -> User:
    return make_user("giulia", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


@pytest.fixture
def eulex_partner(organisations) -> User:
    return make_user("petra", "EULEX", None, (), "NATO RESTRICTED", (Role.PARTNER,))


@pytest.fixture
def uncleared_press_officer(organisations) -> User:
    return make_user("elif", "USA", "USA", ("KFOR",), "NATO UNCLASSIFIED", (Role.PUBLIC_AFFAIRS,))


@pytest.fixture(scope="session", autouse=True)
def no_thread_outlives_the_suite():
    """After the last test (and the browser's close), wait for the threads tests left running to end.

    The live server answers each request in a daemon thread; a map page's live stream holds one until its
    next write finds the browser gone (a ping every 15 s), and then logs the broken pipe to stderr. A
    daemon thread writing to stderr while the interpreter shuts down aborts the whole run (SIGABRT, "could
    not acquire lock for <stderr> at interpreter shutdown"), however well every test went.
    """
    import threading
    import time

    yield
    deadline = time.monotonic() + 20
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from peacekeeper.core.testing.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh page that records the address of every request it makes."""
    from pathlib import Path

    Path("var/screenshots").mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.requested_urls = []
    context.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


@pytest.fixture
def kosovo(transactional_db):
    """The shipped Kosovo scenario, loaded into the test database."""
    from peacekeeper.forces.loading import load_units
    from peacekeeper.theatre.loading import load_scenario

    report = load_scenario(name="kosovo")
    load_units(name="kosovo")
    return report


@pytest.fixture(autouse=True)
def _fresh_theatre_caches():
    """Per-process caches of boundaries and names would outlive each test's rolled-back database."""
    from peacekeeper.theatre import gazetteer
    from peacekeeper.theatre.boundaries import invalidate_area_index

    invalidate_area_index()
    gazetteer.invalidate()
    yield
    invalidate_area_index()
    gazetteer.invalidate()


@pytest.fixture(autouse=True)
def _no_layer_body_from_another_test():
    """The COP keeps each family's last layer body in memory (cop/caching.py), outside the cache that tests
    clear: one from an earlier test's database must never stand in for a body of this one's; nor may the
    keeper (cop/keeping.py) go on computing for an earlier test's readers."""
    from peacekeeper.cop import caching, keeping

    caching.forget_last_bodies()
    keeping.forget()


@pytest.fixture
def theatre(db):
    """The Kosovo scenario in a normal (rolled-back) test database."""
    from peacekeeper.theatre.loading import load_scenario

    return load_scenario(name="kosovo")


@pytest.fixture
def forces(theatre):
    """The Kosovo scenario's units, loaded on top of the theatre."""
    from peacekeeper.forces.loading import load_units

    return load_units(name="kosovo")
