import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peacekeeper.settings")
application = get_asgi_application()

from django.conf import settings  # noqa: E402 (after the application: Django is set up by then)

if settings.SITE == "mission":
    # Each worker process builds what the map's first requests read before they arrive (cop/warming.py);
    # the public site has no map of the mission's and never opens its database.
    from peacekeeper.cop import warming

    warming.start()
