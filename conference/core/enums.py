"""Enums whose members carry a translated label, and the one column type that stores them.

A code (``changes_requested``) is what the database, the API and the audit log keep; a person
sees its label (“Changes requested”, translated). The column is a VARCHAR with a CHECK
constraint listing the codes, so PostgreSQL refuses a value the enum does not know.
"""

from __future__ import annotations

import enum
import re
from typing import Any, Self

from flask_babel import LazyString
from sqlalchemy import Enum
from sqlalchemy.orm import MappedColumn, mapped_column
from wtforms.fields.choices import SelectChoice


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members are declared as ``CODE = "code", _l("Label")``."""

    _label: LazyString | str

    def __new__(cls, value: str, label: LazyString | str | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label if label is not None else value
        return member

    @property
    def label(self) -> str:
        """The member's label in the current locale."""
        return str(self._label)

    @classmethod
    def choices(cls, members: list[Self] | None = None) -> list[SelectChoice]:
        """Options for a WTForms select; labels stay lazy so each request translates them."""
        return [SelectChoice(m.value, m._label) for m in (cls if members is None else members)]

    @classmethod
    def labels(cls) -> dict[str, LazyString | str]:
        """Code → lazy label, for templates that look up plain codes."""
        return {m.value: m._label for m in cls}

    @classmethod
    def named(cls, name: str) -> type[LabelledEnum]:
        """The labelled enum class called ``name`` (templates name the enum of a plain code this way)."""
        pending = list(cls.__subclasses__())
        while pending:
            sub = pending.pop()
            if sub.__name__ == name:
                return sub
            pending += sub.__subclasses__()
        raise LookupError(f"no labelled enum named {name!r}")

    @classmethod
    def label_of(cls, code: str | None) -> str:
        """The label of ``code``, or the code itself when it is not (or no longer) a member."""
        try:
            return cls(code).label
        except ValueError:
            return code or ""


def _constraint_name(enum_cls: type[LabelledEnum]) -> str:
    # AccreditationStatus -> accreditation_status; the "ck" naming convention adds the table.
    return re.sub(r"(?<!^)(?=[A-Z])", "_", enum_cls.__name__).lower()


def enum_column(enum_cls: type[LabelledEnum], *, length: int, **kwargs: Any) -> MappedColumn[Any]:
    """A VARCHAR(``length``) column holding ``enum_cls`` codes, checked by ``ck_<table>_<enum_name>``.

    Loaded values are enum members; plain strings that are codes are accepted on write, anything
    else is refused before it reaches the database.
    """
    column_type = Enum(
        enum_cls,
        name=_constraint_name(enum_cls),
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda cls: [m.value for m in cls],
        length=length,
    )
    return mapped_column(column_type, **kwargs)
