import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peacekeeper.settings")
application = get_asgi_application()

# Each worker process builds what the map's first requests read before they arrive (cop/warming.py).
from peacekeeper.cop import warming  # noqa: E402 (after the application: Django is set up by then)

warming.start()
