"""Command-line entry points: ``flask seed``, ``flask serve``, ``flask outbox``, ``flask check-schema``.

Each domain adds its own commands in ``conference/<domain>/cli.py`` (``commands``); every command is a
unit of work and commits once at its end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from conference.core.domains import DOMAINS, domain_modules
from conference.core.signals import serving
from conference.extensions import db


@click.command("seed")
@click.option("--demo", is_flag=True, help="Also add synthetic delegations and ~2,500 participants.")
@with_appcontext
def seed_command(demo: bool) -> None:
    """Load seed_data/ (idempotent: a second run changes nothing)."""
    from conference.core.services import run_seed

    if demo and current_app.config["PRODUCTION"] and os.environ.get("ALLOW_DEMO") != "1":
        raise click.ClickException("Refusing to load demo data in production (set ALLOW_DEMO=1 to force).")
    report = run_seed(DOMAINS, demo=demo)
    click.echo(report.summary())


@click.group("outbox")
def outbox_group() -> None:
    """The mail outbox."""


@outbox_group.command("work")
@click.option("--once", is_flag=True, help="Send what is due, then stop.")
@click.option("--interval", default=2.0, show_default=True)
@with_appcontext
def outbox_work(once: bool, interval: float) -> None:
    """Send queued mails (SMTP_URL, or .eml files in instance/outbox/)."""
    from conference.core.mail import run_worker

    run_worker(interval=interval, once=once)


@click.command("check-schema")
@with_appcontext
def check_schema_command() -> None:
    """Exit non-zero when the database is not at the migrations' head."""
    from conference.core.schema import SchemaOutdated, ensure_schema

    try:
        ensure_schema(current_app._get_current_object())
    except SchemaOutdated as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("Schema is current.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--workers", default=2, show_default=True)
@with_appcontext
def serve_command(host: str, port: int, workers: int) -> None:
    """Upgrade, seed, then serve with gunicorn and run the mail worker beside it (``make run``)."""
    from conference.core.schema import ensure_schema
    from conference.core.services import run_seed

    app = current_app._get_current_object()
    ensure_schema(app, auto_upgrade=True)
    click.echo(run_seed(DOMAINS).summary())
    notes = [line for _receiver, lines in serving.send(app) for line in lines]
    db.session.commit()
    db.session.remove()
    bin_dir = os.path.dirname(sys.executable)
    # Children connect as plain clients: only this process holds the embedded server, so it
    # stops when `make run` ends.
    env = dict(os.environ, FLASK_APP="wsgi", DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    worker = subprocess.Popen([os.path.join(bin_dir, "flask"), "outbox", "work"], env=env)
    server = subprocess.Popen(
        [
            os.path.join(bin_dir, "gunicorn"),
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--bind",
            f"{host}:{port}",
            "--access-logfile",
            "-",
            "wsgi:app",
        ],
        env=env,
    )
    url = f"http://{host}:{port}"
    click.secho(f"\n  The conference platform is at {url}\n", fg="green", bold=True)
    for line in notes:
        click.secho(line, bold=True)

    def stop(*_args) -> None:
        for proc in (server, worker):
            proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        server.wait()
    except KeyboardInterrupt:
        stop()
        server.wait()
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def register_cli(app: Flask) -> None:
    for command in (seed_command, outbox_group, check_schema_command, serve_command):
        app.cli.add_command(command)
    for _domain, module in domain_modules("cli", DOMAINS[1:]):  # core's own commands are the ones above
        for command in module.commands:
            app.cli.add_command(command)
