"""docs/api.md's examples are real responses: regenerating them from a fresh demo database must
give the committed file byte for byte."""

from django.test import Client

from cms.api import docs


def test_documented_examples_match_the_api(demo):
    expected = docs.render(Client(HTTP_HOST="localhost"))
    assert docs.DOC.read_text(encoding="utf-8") == expected, (
        "docs/api.md is out of date: run `.venv/bin/python manage.py api_docs` "
        "on a database with the demo content"
    )


def test_every_endpoint_is_documented():
    text = docs.DOC.read_text(encoding="utf-8")
    from cms.api.router import api_router

    names = ["pages", "locales", "navigation", "contacts", "images"]
    assert set(api_router._endpoints) <= set(names)
    for name in names:
        assert f"/api/v2/{name}/" in text
    for error in (
        "unknown locale",
        "limit cannot be higher",
        "unknown field(s)",
        "changed_since must be",
        "search is disabled",
        "field filter error",
        "too many query parameters",
        "no such endpoint",
        "this API is read-only",
    ):
        assert error in text
