"""``flask create-admin``: the first administrator, or a new password for one who lost it."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from conference.accounts.services import ADMIN_EMAIL, ensure_admin
from conference.extensions import db


@click.command("create-admin")
@click.option("--email", default=ADMIN_EMAIL, show_default=True)
@with_appcontext
def create_admin_command(email: str) -> None:
    """Create the admin account, or give it a new password; prints the password once."""
    password = ensure_admin(email, reset=True)
    db.session.commit()
    click.echo(f"Admin: {email}\nPassword (shown once): {password}")


commands = [create_admin_command]
