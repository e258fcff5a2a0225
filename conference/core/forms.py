"""The base of every page form: text PostgreSQL cannot store is refused beside its field.

A NUL byte typed (or pasted) into a form would otherwise reach the database and fail there with a
server error; here it is one more invalid value, shown where the person typed it.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm


class Form(FlaskForm):
    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and "\x00" in field.data:
                field.errors = [*field.errors, str(_l("This text contains a character that cannot be stored."))]
                valid = False
        return valid
