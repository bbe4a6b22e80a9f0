"""Typed readers for settings that come from the environment.

Each helper fails loudly with the variable's name and the offending value, so a typo in a
deployment's environment stops start-up instead of silently falling back to a default.
"""

import contextlib
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use one of: true, false, 1, 0, yes, no)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str:
    """Read a secret from NAME or from the file named by NAME_FILE (for container secrets)."""
    direct = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE")
    if direct and path:
        raise ImproperlyConfigured(f"set either {name} or {name}_FILE, not both")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {error.strerror}") from None
    return direct or ""


MIN_SECRET_KEY_LENGTH = 50


def site_secret_key(site: str, *, base_dir: Path) -> str:
    """The secret key of this process's site: the mission's PEACEKEEPER_SECRET_KEY[_FILE], or the public
    site's PEACEKEEPER_PUBLIC_SECRET_KEY[_FILE], which may not be a key the mission holds (what one side
    signs, a cookie or a password-reset link, would be valid on the other)."""
    name = "PEACEKEEPER_PUBLIC_SECRET_KEY" if site == "public" else "PEACEKEEPER_SECRET_KEY"
    key = env_secret(name)
    if not key:
        maker = (
            "`peacekeeper serve --site public` makes one in ./var/public_secret_key"
            if site == "public"
            else "`peacekeeper demo` generates one under ./var/ for the demo"
        )
        raise ImproperlyConfigured(f"{name} (or {name}_FILE) is not set; {maker}")
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(f"{name} must be at least {MIN_SECRET_KEY_LENGTH} characters long")
    if site == "public":
        for source, mission_key in _mission_secret_keys(base_dir).items():
            if key.strip() == mission_key:
                raise ImproperlyConfigured(
                    f"{name} (or {name}_FILE) is the mission's secret key ({source}): the public site "
                    "needs a key of its own, never PEACEKEEPER_SECRET_KEY's"
                )
    return key


def _mission_secret_keys(base_dir: Path) -> dict[str, str]:
    """The mission's secret keys this process can read, by where they were read: PEACEKEEPER_SECRET_KEY,
    the file PEACEKEEPER_SECRET_KEY_FILE names, and var/secret_key under the same home. A file it may not
    read (a deployment that keeps the sides apart) is no key of its."""
    keys = {"PEACEKEEPER_SECRET_KEY": os.environ.get("PEACEKEEPER_SECRET_KEY", "").strip()}
    files = {
        "PEACEKEEPER_SECRET_KEY_FILE": os.environ.get("PEACEKEEPER_SECRET_KEY_FILE", ""),
        "var/secret_key": str(base_dir / "var" / "secret_key"),
    }
    for source, path in files.items():
        if path:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                keys[source] = Path(path).read_text(encoding="utf-8").strip()
    return {source: key for source, key in keys.items() if key}


def database_from_url(url: str, *, base_dir: Path, variable: str = "DATABASE_URL") -> dict:
    """Turn a database URL (sqlite:///path or postgresql://user:pass@host/name) into a DATABASES entry;
    errors name the environment variable it came from."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as in the common database-URL convention.
        raw_path = unquote(parts.path)[1:] if parts.path.startswith("/") else unquote(parts.path)
        if not raw_path:
            raise ImproperlyConfigured(f"{variable}={url!r} names no SQLite file")
        path = Path(raw_path)
        if not path.is_absolute():
            path = base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                # Concurrent writers wait for the lock instead of failing with "database is locked",
                # and a write transaction takes the lock at BEGIN so it cannot deadlock on upgrade.
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    if parts.scheme in {"postgres", "postgresql"}:
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"{variable}={url!r} names no PostgreSQL database")
        # ?host=/path/to/socket names a Unix-socket directory, as libpq allows.
        host = query.pop("host") if "host" in query else unquote(parts.hostname or "")
        options = dict(query)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": host,
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"{variable}={url!r} has an unsupported scheme {parts.scheme!r} (use sqlite:/// or postgresql://)"
    )
