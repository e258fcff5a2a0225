"""Operational logging: JSON lines, one logger per domain, each line carrying the request id.

This is for running the service (what happened, how long, what failed). The audit log stays the record
of who changed what.
"""

from __future__ import annotations

import logging
import re
import sys
import uuid

from flask import Flask, Response, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

# An id a proxy or client sent is kept only if it is short and plain, so it cannot forge log lines.
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def domain_logger(module_name: str) -> logging.Logger:
    """The logger of the domain a module belongs to: ``conference.scanning.api`` → ``conference.scanning``."""
    return logging.getLogger(".".join(module_name.split(".")[:2]))


def request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


class _RequestContext(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        if has_request_context():
            record.method = request.method
            record.path = request.path
        return True


def configure_logging(app: Flask) -> None:
    """Send the app's and the domains' log records to stderr as JSON lines (once per process).

    ``app.logger`` is the ``conference`` logger, the parent of every domain's."""
    root = logging.getLogger("conference")
    if not any(getattr(h, "_conference", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(
            JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level"})
        )
        handler.addFilter(_RequestContext())
        handler._conference = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
        root.propagate = False
    logging.getLogger("pgserver").setLevel(logging.WARNING)

    @app.before_request
    def assign_request_id() -> None:
        sent = request.headers.get("X-Request-ID", "")
        g.request_id = sent if _SAFE_ID.fullmatch(sent) else uuid.uuid4().hex

    @app.after_request
    def echo_request_id(response: Response) -> Response:
        if "request_id" in g:
            response.headers["X-Request-ID"] = g.request_id
        return response
