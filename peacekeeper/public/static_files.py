"""The static files the public site serves (STATICFILES_FINDERS in public mode): its own, Leaflet's, the
CMS's (Wagtail's apps), and of the theatre's only the basemap its notices map imports. Never the mission's
client code (the map, the log, the watch, the banner): collectstatic in public mode gathers only these, and
WhiteNoise serves only what was gathered (or, in tests, only what this finder finds)."""

from django.apps import apps
from django.contrib.staticfiles.finders import AppDirectoriesFinder

PUBLIC_STATIC_APPS = ("peacekeeper.public", "peacekeeper.theatre", "leaflet")
# public/notices_map.js imports basemap.js, which imports the two modules after it and loads its stylesheet.
THEATRE_FILES = frozenset(
    {"theatre/basemap.js", "theatre/basemap_labels.js", "theatre/roads.js", "theatre/basemap.css"}
)


def _public_app(name: str) -> bool:
    return name in PUBLIC_STATIC_APPS or name == "wagtail" or name.startswith(("wagtail.", "wagtail_"))


def _served(path: str) -> bool:
    return not path.startswith("theatre/") or path in THEATRE_FILES


class PublicStaticFinder(AppDirectoriesFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        names = [config.name for config in apps.get_app_configs() if _public_app(config.name)]
        super().__init__(names, *args, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if _served(path):
                yield path, storage

    def find(self, path, find_all=False, **kwargs):
        if not _served(path):
            return [] if find_all else None
        return super().find(path, find_all=find_all, **kwargs)
