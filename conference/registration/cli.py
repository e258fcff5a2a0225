"""``flask privacy purge --older-than DAYS``: erase sensitive data once the retention period is over."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("privacy")
def privacy_group() -> None:
    """Personal data retention."""


@privacy_group.command("purge")
@click.option("--older-than", "days", type=click.IntRange(min=0), required=True, help="Days since last change.")
@with_appcontext
def purge_command(days: int) -> None:
    """Erase passport data, birth dates, phones, photos and documents older than DAYS (statistics stay)."""
    from conference.extensions import db
    from conference.registration.privacy import purge

    people, docs = purge(days)
    db.session.commit()
    click.echo(f"Purged sensitive data of {people} participant(s) and {docs} document(s).")


commands = [privacy_group]
