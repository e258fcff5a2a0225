"""The WSGI entry point (gunicorn ``wsgi:app``, ``flask --app wsgi``)."""

import sys

from conference import create_app

app = create_app()

if "gunicorn" in sys.argv[0]:
    # Never serve on an older schema: say how to upgrade instead.
    from conference.core.schema import SchemaOutdated, ensure_schema

    try:
        ensure_schema(app, auto_upgrade=app.config["AUTO_UPGRADE"])
    except SchemaOutdated as exc:
        sys.exit(f"ERROR: {exc}")
