"""Tests of the organiser panel run each in a transaction that is rolled back (see isolation.py)."""

from tests.admin.isolation import _db_transaction  # noqa: F401 (an autouse fixture)
