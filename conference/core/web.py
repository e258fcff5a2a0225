"""The request boundary: one unit of work per request, and refusals shown where a person looks.

Services flush and never commit. A request that ends without error commits once, after the view; a
refusal or error rolls everything back, so nothing is ever half-saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, flash
from werkzeug.routing import IntegerConverter, Map
from wtforms import Form

from conference.core.errors import DomainError
from conference.core.schemas import INT32_MAX
from conference.extensions import db


@dataclass
class Outcome:
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def report(exc: DomainError, form: Form | None = None) -> None:
    """Put a refusal beside the fields it names (what was typed stays in the form), else flash it.

    When none of its fields is on the page, the fields' own messages are flashed: the refusal's general
    message ("see the fields listed") would point at fields the person cannot see."""
    placed = False
    if form is not None:
        for name, message in exc.fields.items():
            field = getattr(form, name, None)
            if field is not None:
                field.errors = [*field.errors, message]
                placed = True
    if not placed:
        flash(" ".join(dict.fromkeys(exc.fields.values())) or exc.message, "danger")


@contextmanager
def refusals(form: Form | None = None) -> Iterator[Outcome]:
    """Run a service call; a DomainError rolls back its work and is reported to the person::

    with refusals(form) as outcome:
        services.save_session(...)
    if outcome.ok:
        return redirect(...)
    """
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as exc:
        db.session.rollback()
        report(exc, form)
        outcome.error = exc


def register_unit_of_work(app: Flask) -> None:
    @app.after_request
    def commit_or_roll_back(response: Response) -> Response:
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a database id, so a number beyond the int4 column is simply not found
    (instead of an overflow error in PostgreSQL). The bound is in the pattern itself: a value the
    converter refused after matching would make Werkzeug answer 405 where two routes share the path."""

    regex = (
        r"(?:\d{1,9}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}"
        r"|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])"
    )

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", INT32_MAX)
        super().__init__(url_map, *args, **kwargs)


def register_converters(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
