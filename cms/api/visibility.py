"""Which pages the public may see, decided from the page tree at a given moment: one rule for
every view of the public API and for its removal feed.

A page is public when it is live, has not expired, and no page above it (below the root) is
under a view restriction, not live, or expired. Expiry counts from ``expire_at`` itself, not
from Wagtail's ``publish_scheduled`` having unpublished the page: between the moment and the
command's next run the page is already gone."""

import datetime
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.db.models.functions import Substr
from django.db.models.lookups import In
from wagtail.models import Page

STEP = Page.steplen  # a page's path is its parent's path and STEP more characters


def hides(now: datetime.datetime) -> Q:
    """Pages that take themselves and everything below them off the public site."""
    return Q(live=False) | Q(expire_at__lte=now) | Q(view_restrictions__isnull=False)


def hidden_branches(now: datetime.datetime) -> dict[int, list[str]]:
    """The paths of the topmost hiding pages that hide more than a page the live and expiry
    filters drop anyway, by depth. One query, however many there are."""
    paths = sorted(
        set(
            Page.objects.filter(depth__gte=2)
            .filter(hides(now))
            .filter(Q(numchild__gt=0) | Q(view_restrictions__isnull=False))
            .values_list("path", flat=True)
        )
    )
    branches: dict[int, list[str]] = defaultdict(list)
    top = None
    for path in paths:  # sorted, so a branch comes before everything below it
        if top is None or not path.startswith(top):
            top = path
            branches[len(path) // STEP].append(path)
    return branches


def public(queryset: QuerySet, now: datetime.datetime) -> QuerySet:
    """``queryset`` without the pages the public may not see at ``now``."""
    queryset = queryset.filter(live=True).exclude(expire_at__lte=now)
    for depth, paths in hidden_branches(now).items():
        # One IN per depth rather than a LIKE per branch: the query stays the same size (and
        # within SQLite's expression depth) however many branches there are.
        queryset = queryset.exclude(In(Substr("path", 1, depth * STEP), paths))
    return queryset


def is_public(page: Page, now: datetime.datetime) -> bool:
    """Whether ``page`` is public at ``now``: itself and its ancestors in one query."""
    paths = [page.path[:end] for end in range(2 * STEP, len(page.path) + 1, STEP)]
    return not Page.objects.filter(path__in=paths).filter(hides(now)).exists()


def expired_between(since: datetime.datetime, until: datetime.datetime) -> list[dict]:
    """The live pages that left the public site because their own or an ancestor's expiry fell
    in (since, until], whether or not ``publish_scheduled`` has run since: id, locale,
    translation key and the moment of the first expiry that took them off."""
    roots = dict(
        Page.objects.filter(depth__gte=2, expire_at__gt=since, expire_at__lte=until).values_list(
            "path", "expire_at"
        )
    )
    if not roots:
        return []
    by_depth: dict[int, list[str]] = defaultdict(list)
    for path in roots:
        by_depth[len(path) // STEP].append(path)
    under = Q()
    for depth, paths in by_depth.items():  # as in public(): one IN per depth
        under |= Q(In(Substr("path", 1, depth * STEP), paths))
    pages = (
        Page.objects.filter(under)
        .filter(Q(live=True) | Q(expired=True))  # or unpublished by the command meanwhile
        .values_list("id", "locale__language_code", "translation_key", "path")
    )
    return [
        {
            "id": pid,
            "locale": locale,
            "translation_key": key,
            "removed_at": min(
                roots[path[:end]]
                for end in range(2 * STEP, len(path) + 1, STEP)
                if path[:end] in roots
            ),
        }
        for pid, locale, key, path in pages
    ]
