import os

from django.core.asgi import get_asgi_application

# Threads of each public site process that run requests (a2wsgi's pool, below): enough to overlap a page's
# database waits, few enough that they do not queue on one interpreter lock.
PUBLIC_THREADS = 10

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peacekeeper.settings")
application = get_asgi_application()

from django.conf import settings  # noqa: E402 (after the application: Django is set up by then)

if settings.SITE == "mission":
    # Each worker process builds what the map's first requests read before they arrive (cop/warming.py);
    # the public site has no map of the mission's and never opens its database.
    from peacekeeper.cop import warming

    warming.start()
else:
    # The public site streams nothing: Django's WSGI handler serves it, in a2wsgi's pool of threads, each
    # keeping its database connection. Django's ASGI handler starts a thread and a database connection for
    # every request, which costs more than a page from the page cache (public/page_cache.py) takes.
    from a2wsgi import WSGIMiddleware
    from django.core.wsgi import get_wsgi_application

    application = WSGIMiddleware(get_wsgi_application(), workers=PUBLIC_THREADS)
