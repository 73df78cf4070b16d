"""Conditional GET for the public API: an ETag and Last-Modified on every response, and 304 when
the client's copy is still good.

The validator is one row (ContentVersion), bumped by signals whenever a document, a removal, a
translation or a view restriction changes, with the latest page expiry that has passed, so
checking it costs one query."""

import hashlib

from django.db.models import F, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from rest_framework.response import Response

from .models import ContentVersion


def bump(*args, **kwargs) -> None:
    now = timezone.now()
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now})


def current():
    """(version, when it changed): the counter, and the latest expiry that has passed, which
    takes pages off the API (visibility.py) without anything being saved. One query."""
    from wagtail.models import Page

    passed = (
        Page.objects.filter(expire_at__lte=timezone.now())
        .order_by("-expire_at")
        .values("expire_at")[:1]
    )
    row = (
        ContentVersion.objects.filter(pk=1)
        .annotate(passed=Subquery(passed))
        .values_list("number", "changed_at", "passed")
        .first()
    )
    if row is None:
        return 0, None
    number, changed_at, passed = row
    if passed is None:
        return number, changed_at
    return f"{number}|{passed.isoformat()}", max(changed_at, passed)


def connect(models) -> None:
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(bump, sender=model, dispatch_uid=f"udsyn-version-{signal}-{model}")


def conditional(view_func):
    """Decorate a view method: 304 when If-None-Match matches, else add the validators."""

    def wrapper(self, request, *args, **kwargs):
        number, changed_at = current()
        digest = hashlib.sha256(f"{number}|{request.get_full_path()}".encode()).hexdigest()
        etag = quote_etag(digest[:32])
        if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            response = Response(status=304)
        else:
            response = view_func(self, request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            if changed_at:
                response["Last-Modified"] = http_date(changed_at.timestamp())
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
        return response

    return wrapper
