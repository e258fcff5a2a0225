"""The embedded PostgreSQL a new user gets when no ``DATABASE_URL`` is set (the pgserver package).

pgserver shares one server between processes using the same data directory and stops it when the
last of them exits, so gunicorn workers, the mail worker and ``flask`` commands can all use it.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

_servers: dict[str, object] = {}


def embedded_database_url(data_dir: str, database: str = "conference") -> str:
    """Start (or join) the embedded server in ``data_dir`` and return a URL for ``database``."""
    server = _servers.get(data_dir)
    if server is None:
        os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pgserver

        Path(data_dir).mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
        _forget_dead_processes(server)
        _servers[data_dir] = server
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "1 row" not in exists:
            server.psql(f'CREATE DATABASE "{database}";')
    socket_dir = data_dir
    return f"postgresql+psycopg://postgres@/{database}?host={socket_dir}"


def _forget_dead_processes(server) -> None:
    """pgserver stops the server when its last registered process exits, but a process killed
    without running ``atexit`` (a gunicorn worker, a crash) stays registered forever and keeps the
    server up. Drop those (pgserver 0.1.4 keeps the list in ``global_process_id_list``)."""
    import psutil

    pids = server.global_process_id_list
    with server._lock:
        pids.put([pid for pid in pids.get() if psutil.pid_exists(pid)])
