"""Account tests run each in a transaction that is rolled back (see tests/admin/isolation.py)."""

from tests.admin.isolation import _db_transaction  # noqa: F401 (an autouse fixture)
