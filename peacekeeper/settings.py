"""Django settings, read from the environment (see .env.example for every variable)."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from peacekeeper.env import database_from_url, env_bool, env_int, env_list, env_str, site_secret_key

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("PEACEKEEPER_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("PEACEKEEPER_DEBUG", False)

# Which site this process serves: the mission's (the default) or the public one, the same code started in
# public mode (`peacekeeper serve --site public`) with its own database, URLs and middleware (below).
SITE = env_str("PEACEKEEPER_SITE", "mission").strip() or "mission"
if SITE not in {"mission", "public"}:
    raise ImproperlyConfigured(f"PEACEKEEPER_SITE={SITE!r} is neither 'mission' nor 'public'")

# Each site its own: the public site reads PEACEKEEPER_PUBLIC_SECRET_KEY, and refuses the mission's key.
SECRET_KEY = site_secret_key(SITE, base_dir=BASE_DIR)

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
    "django.contrib.sitemaps",  # the public site's sitemap.xml (its template)
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
    "peacekeeper.release",
]
# The public site's CMS, installed only in public mode: the mission's database never holds Wagtail's tables,
# and migrating it skips Wagtail's three hundred migrations (five times the mission's own time).
PUBLIC_SITE_APPS = [
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.images",
    "wagtail.documents",  # Wagtail's core models refer to its documents
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "peacekeeper.public",
]
if SITE == "public":
    INSTALLED_APPS += PUBLIC_SITE_APPS

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

if SITE == "public":
    # The public site never reads the mission's DATABASE_URL: its database holds only what release bundles
    # and its editors put there.
    DATABASES = {
        "default": database_from_url(
            env_str("PEACEKEEPER_PUBLIC_DATABASE_URL", "sqlite:///var/public.sqlite3"),
            base_dir=BASE_DIR,
            variable="PEACEKEEPER_PUBLIC_DATABASE_URL",
        )
    }
    # Served by a pool of threads (asgi.py) that each keep their connection, on SQLite as on PostgreSQL.
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
else:
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
# The public site's languages (the mission's pages are English only: it has no LocaleMiddleware). Serbian is
# written once, in Latin (`sr`), and served in both scripts: `/sr/` Latin, `/sr-cyrl/` the same pages
# transliterated (public/cyrillic.py), so sr-cyrl is a language of the URLs but not of the content.
LANGUAGES = [("en", "English"), ("sq", "Shqip"), ("sr", "Srpski"), ("sr-cyrl", "Српски")]
# The public site's catalogues come first: the apps' own (Django's admin, Wagtail) give Serbian in Cyrillic.
LOCALE_PATHS = [PROJECT_DIR / "public" / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [(code, name) for code, name in LANGUAGES if code != "sr-cyrl"]
WAGTAIL_SITE_NAME = "KFOR — NATO Mission in Kosovo (a Peacekeeper demonstration)"
WAGTAILADMIN_BASE_URL = env_str("PEACEKEEPER_PUBLIC_BASE_URL", "http://127.0.0.1:8080")
# "Search our content" (public/search.py, docs/public_search.md): Wagtail's database backend (SQLite FTS5,
# PostgreSQL full text), or an OpenSearch cluster when PEACEKEEPER_PUBLIC_SEARCH_URL names one (needs the
# opensearch-py package; then `manage.py update_index` fills it). Pages index one folded field either way.
PUBLIC_SEARCH_URL = env_str("PEACEKEEPER_PUBLIC_SEARCH_URL")
if PUBLIC_SEARCH_URL and not PUBLIC_SEARCH_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PEACEKEEPER_PUBLIC_SEARCH_URL={PUBLIC_SEARCH_URL!r}: write http(s)://host:port"
    )
WAGTAILSEARCH_BACKENDS = {
    "default": (
        {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [PUBLIC_SEARCH_URL],
            "INDEX": "peacekeeper",
        }
        if PUBLIC_SEARCH_URL
        else {"BACKEND": "wagtail.search.backends.database"}
    )
}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request leaves the site, the CMS's neither
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Documents are served only through Wagtail's view (collection privacy, attachment, a sandboxing CSP), and
# only these kinds: no HTML or script an editor could upload to run on the site's origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx", "jpg", "png"]
# The office resets passwords itself: no mail-sending, account-revealing reset form on the internet.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# A page restricted to signed-in users sends them to the CMS's throttled sign-in (public/login_throttle.py).
WAGTAIL_FRONTEND_LOGIN_URL = "/cms/login/"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "public-media"

STATIC_URL = "static/"
# The public site collects its own, fewer, files (PUBLIC_SITE_SETTINGS' finders) into a folder of its own.
STATIC_ROOT = VAR_DIR / ("public-static" if SITE == "public" else "static")
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
# Behind a reverse proxy (docs/DEPLOYMENT.md), and only then, its X-Forwarded-Proto is believed here and its
# X-Forwarded-For by uvicorn (cli_setup.serve), from the proxies FORWARDED_ALLOW_IPS names: otherwise a
# browser could name any address (the public site's limits count addresses) or scheme.
BEHIND_PROXY = env_bool("PEACEKEEPER_BEHIND_PROXY", False)
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1"])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
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
# Release bundles (release app): paths of the mission side's Ed25519 private key, which signs what
# `peacekeeper release export` writes, and of the public side's public key, which `release import` verifies
# against. Empty: not configured, and the command refuses, saying which.
RELEASE_SIGNING_KEY = env_str("PEACEKEEPER_RELEASE_SIGNING_KEY", "").strip()
RELEASE_VERIFY_KEY = env_str("PEACEKEEPER_RELEASE_VERIFY_KEY", "").strip()
# Bundles carried on their own (release/watching.py): the mission side's serving process writes a bundle into
# the outbox folder whenever the PUBLIC content changed; the public side's imports, in version order, the
# bundles in its inbox folder newer than the last imported. Each checks this often. Empty: not done.
RELEASE_OUTBOX = env_str("PEACEKEEPER_RELEASE_OUTBOX", "").strip()
RELEASE_INBOX = env_str("PEACEKEEPER_RELEASE_INBOX", "").strip()
RELEASE_CHECK_SECONDS = env_int("PEACEKEEPER_RELEASE_CHECK_SECONDS", 10, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PEACEKEEPER_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail runs its background work (search index updates, reference index) through django-tasks,
        # which logs every task started and finished at INFO: hundreds of lines when pages are seeded.
        "django_tasks": {"level": "WARNING"},
    },
}

# The public site: its own URLs (Wagtail's admin at /cms/, pages under /en/, /sq/, /sr/), the visitor's
# language read from the URL, none of the mission's middleware. The public app's tests switch to it with
# these same values (public/tests/conftest.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The public site's pages, in each serving process's memory, keyed by the content version
    # (public/page_cache.py): some hundred pages in three languages, a few search queries each.
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
PUBLIC_SITE_SETTINGS = {
    "ROOT_URLCONF": "peacekeeper.public.urls",
    "LANGUAGE_CODE": "en",
    # The public site's templates only (its app's and the CMS's), none of the mission's or its context.
    "TEMPLATES": [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ],
            },
        },
    ],
    "CSRF_FAILURE_VIEW": "peacekeeper.public.views.csrf_failure",
    # Only the static files the public pages and the CMS use, never the mission's client code.
    "STATICFILES_FINDERS": ["peacekeeper.public.static_files.PublicStaticFinder"],
    # Its largest form, the accreditation, is a few kilobytes; the CMS's page forms are some tens (uploads
    # are files, not counted here). A bigger body is refused with a 400 before it is parsed.
    "DATA_UPLOAD_MAX_MEMORY_SIZE": 256 * 2**10,
    "MIDDLEWARE": [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "peacekeeper.public.page_cache.PublicPageCacheMiddleware",
        "django.middleware.gzip.GZipMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "peacekeeper.public.caching.PublicCachingMiddleware",
        "peacekeeper.public.cyrillic.CyrillicMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "peacekeeper.core.middleware.ContentSecurityPolicyMiddleware",
        "peacekeeper.public.middleware.CmsSecurityHeadersMiddleware",
        "peacekeeper.core.middleware.UnstorableTextMiddleware",
    ],
    "LOGIN_URL": "wagtailadmin_login",
    "LOGIN_REDIRECT_URL": "wagtailadmin_home",
    "LOGOUT_REDIRECT_URL": "wagtailadmin_login",
}
if SITE == "public":
    globals().update(PUBLIC_SITE_SETTINGS)
