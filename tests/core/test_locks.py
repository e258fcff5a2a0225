"""The advisory-lock registry: one namespace per use, and a lock held until the transaction ends."""

import pytest
from sqlalchemy import func, select

from conference.core.locks import LockNamespace, xact_lock
from conference.extensions import db


def _free_elsewhere(namespace: LockNamespace, key) -> bool:
    """Whether another connection could take the lock right now."""
    second = func.hashtext(key) if isinstance(key, str) else key
    with db.engine.connect() as other:
        return other.scalar(select(func.pg_try_advisory_xact_lock(int(namespace), second)))


def test_namespaces_are_distinct_numbers():
    assert len({int(n) for n in LockNamespace}) == len(LockNamespace)


@pytest.mark.parametrize(("namespace", "key"), [(LockNamespace.SIGNUPS, 42), (LockNamespace.DELEGATION, "VNM")])
def test_a_lock_blocks_other_transactions_on_the_same_key_only(app, namespace, key):
    assert _free_elsewhere(namespace, key)
    xact_lock(namespace, key)
    assert not _free_elsewhere(namespace, key)
    other = next(n for n in LockNamespace if n != namespace)
    assert _free_elsewhere(other, key)
