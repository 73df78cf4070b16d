"""The removal feed: every page that left the public API after a moment (``meta.removed`` with
``changed_since``), so an incremental build can take it off the site."""

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from . import visibility
from .models import PageRemoval


@dataclass(frozen=True)
class Removal:
    id: int
    locale: str
    translation_key: uuid.UUID
    reason: str
    removed_at: datetime.datetime

    def as_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "locale": self.locale,
            "translation_key": str(self.translation_key),
            "reason": self.reason,
            "removed_at": self.removed_at.isoformat(),
        }


def removed_between(since: datetime.datetime, until: datetime.datetime) -> list[Removal]:
    """The removals recorded after ``since`` (signals.py records every change to the tree
    that takes pages off), and the pages whose own or an ancestor's expiry fell in
    (since, until]: an expiry is a moment passing, not a change anyone records."""
    removals = [
        Removal(r.page_id, r.locale_code, r.translation_key, r.reason, r.removed_at)
        for r in PageRemoval.objects.filter(removed_at__gt=since)
    ]
    recorded = {r.id for r in removals}
    removals += [
        Removal(e["id"], e["locale"], e["translation_key"], "expired", e["removed_at"])
        for e in visibility.expired_between(since, until)
        if e["id"] not in recorded
    ]
    return sorted(removals, key=lambda r: r.removed_at)
