"""The registration's kinds and states, for other domains to compare against (the public surface).

They are defined beside the columns that hold them; other domains import them from here, never from
``registration.models``.
"""

from __future__ import annotations

from conference.registration.models import AccreditationStatus, DelegationType

__all__ = ["AccreditationStatus", "DelegationType"]
