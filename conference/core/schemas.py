"""The building blocks of every record's schema (pydantic v2).

One schema per record: the JSON API validates requests and shapes responses with it, the OpenAPI
document is generated from it, and spreadsheet imports and exports take their columns from it.

The field types here are strict where a client could smuggle in a wrong type: a boolean or 1.5 is not an
id, a number outside the database column's range is refused before it reaches PostgreSQL, text may not
hold NUL bytes or lone surrogates, and dates stay within years a conference can mean.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

from conference.core.emails import normalise_email

INT32_MAX = 2_147_483_647
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def clean_text(value: str) -> str:
    """Refuse what PostgreSQL cannot store or a person cannot read: NUL bytes and lone surrogates."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode text") from exc
    return value


def within_range(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    if not EARLIEST <= value < LATEST:
        raise ValueError("must be a date-time between the years 2000 and 2099")
    return value.astimezone(dt.UTC)


def within_years(value: dt.date) -> dt.date:
    if not 1900 <= value.year < 2100:
        raise ValueError("must be a date between the years 1900 and 2099")
    return value


# A database id in a JSON body or path: a true integer (not a boolean, float or string) in int4 range.
Id = Annotated[int, Strict(), Field(ge=1, le=INT32_MAX)]
# A count or position in a JSON body.
Count = Annotated[int, Strict(), Field(ge=0, le=INT32_MAX)]
# An integer taken from a query string (arrives as text).
QueryInt = Annotated[int, Field(ge=0, le=INT32_MAX)]
Flag = Annotated[bool, Strict()]
Text = Annotated[str, Strict(), AfterValidator(clean_text)]
Moment = Annotated[dt.datetime, AfterValidator(within_range)]
Day = Annotated[dt.date, AfterValidator(within_years)]
Email = Annotated[str, Strict(), Field(max_length=254), AfterValidator(clean_text), AfterValidator(normalise_email)]


def text(max_length: int, min_length: int = 0) -> Any:
    """Text of at most ``max_length`` characters (the column's size)."""
    return Annotated[Text, Field(min_length=min_length, max_length=max_length)]


class Schema(BaseModel):
    """A request body or query: unknown keys are refused so a typo is not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Out(BaseModel):
    """A response record, read from an ORM object or a plain dict."""

    model_config = ConfigDict(from_attributes=True)


class ErrorBody(Out):
    """Every refusal: a machine reason code from the domain's catalogue and a message for people."""

    error: str = Field(examples=["not_found"])
    message: str
    fields: dict[str, str] | None = Field(None, description="What is wrong with each field, by field name.")
