"""Django settings, read from the environment (see .env.example for every variable)."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from peacekeeper.env import database_from_url, env_bool, env_int, env_list, env_secret, env_str

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("PEACEKEEPER_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("PEACEKEEPER_DEBUG", False)

SECRET_KEY = env_secret("PEACEKEEPER_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "PEACEKEEPER_SECRET_KEY (or PEACEKEEPER_SECRET_KEY_FILE) is not set; "
        "`peacekeeper demo` generates one under ./var/ for the demo"
    )
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("PEACEKEEPER_SECRET_KEY must be at least 50 characters long")

ALLOWED_HOSTS = env_list("PEACEKEEPER_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("PEACEKEEPER_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",  # no autodiscover: leaflet.admin needs GDAL
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "leaflet",  # only for Leaflet's own files (leaflet/leaflet.js, .css), served as our static files
    "ninja",
    "peacekeeper.core",
    "peacekeeper.access",
    "peacekeeper.theatre",
    "peacekeeper.events",
    "peacekeeper.forces",
    "peacekeeper.posture",
    "peacekeeper.assessment",
    "peacekeeper.movement",
    "peacekeeper.watch",
    "peacekeeper.cop",
    "peacekeeper.duty",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "peacekeeper.access.middleware.LabelsReadOncePerRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "peacekeeper.core.middleware.ContentSecurityPolicyMiddleware",
    "peacekeeper.core.middleware.UnstorableTextMiddleware",
]

ROOT_URLCONF = "peacekeeper.urls"
WSGI_APPLICATION = "peacekeeper.wsgi.application"
ASGI_APPLICATION = "peacekeeper.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peacekeeper.access.context_processors.current_profile",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/peacekeeper.sqlite3"),
        base_dir=BASE_DIR,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cop:map"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security: safe by default; the local demo switches the HTTPS-only parts off explicitly.
HTTPS = env_bool("PEACEKEEPER_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("PEACEKEEPER_HSTS_SECONDS", 31_536_000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("PEACEKEEPER_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("PEACEKEEPER_BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("PEACEKEEPER_SESSION_SECONDS", 12 * 3600, minimum=300)
CSRF_COOKIE_HTTPONLY = True
# Request bodies read into memory: at most 10 MiB (Django's default is 2.5 MiB); the API answers 413 past it.
# The largest body is a bulk ingest of at most 5,000 items (events.schemas.BulkIn) of about 1.2 KB each as
# the exercise generator writes them: 2,500 typical items take 3 MB, 5,000 take 6 MB. Uploaded files (ACLED)
# are streamed to disk and not counted here.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 2**20
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = (
    ["security.W008"] if not HTTPS else []
)  # SSL redirect is off only for plain-HTTP demos

# A deployment with its own tile server names it here; the default is none (air-gapped networks).
MAP_TILE_URL = env_str("PEACEKEEPER_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("PEACEKEEPER_TILE_ATTRIBUTION", "")

# A deployment's own base map: a raster tile archive (MBTiles or PMTiles) the product serves itself, opened
# here so that a missing, unreadable or unsuitable file stops the server with the reason.
BASEMAP = env_str("PEACEKEEPER_BASEMAP", "").strip()
if BASEMAP:
    from peacekeeper.theatre.tile_archives import TileArchiveError, open_archive

    try:
        open_archive(Path(BASEMAP))
    except TileArchiveError as error:
        raise ImproperlyConfigured(f"PEACEKEEPER_BASEMAP={BASEMAP!r} {error}") from None

THEATRE = env_str("PEACEKEEPER_THEATRE", "kosovo")
# How long the map's layers may go on showing a body computed before reports were added (created, validated,
# published); anything that may take a report away from a reader is seen at once (cop/caching.py).
COP_SETTLE_SECONDS = env_int("PEACEKEEPER_COP_SETTLE_SECONDS", 15, minimum=0)
# An alert nobody has acknowledged this long is escalated (watch/alerts.py); a report that occurred more
# than ALERT_RECENT_HOURS before it matched a CCIR is flagged a SIGEVENT without a banner (an old record).
ALERT_ESCALATE_MINUTES = env_int("PEACEKEEPER_ALERT_ESCALATE_MINUTES", 10, minimum=1)
ALERT_RECENT_HOURS = env_int("PEACEKEEPER_ALERT_RECENT_HOURS", 24, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PEACEKEEPER_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
