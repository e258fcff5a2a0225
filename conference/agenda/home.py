"""The platform's front page: the conference and its whole programme, day by day (no login)."""

from __future__ import annotations

from flask import Blueprint, render_template

from conference.accounts.guards import public
from conference.agenda.services import programme_by_day

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def home():
    return render_template("agenda/home.html", days=programme_by_day())
