"""``manage.py load_benchmark_data``: the benchmarks' synthetic pages, loaded as publishing
would leave them, so the public API serves every one of them with its translation state."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page

from cms.demo.benchmark_data import LOCALES, PER_SECTION


@pytest.mark.parametrize("pages", [1, PER_SECTION + 1])
def test_loads_pages_in_every_language_and_the_api_serves_them(db, pages):
    call_command("load_benchmark_data", pages=pages, verbosity=0)
    sections = -(-pages // PER_SECTION)
    expected = len(LOCALES) * (1 + sections + pages)  # homes, sections, information pages
    body = Client().get("/api/v2/pages/", {"limit": 200}).json()
    assert body["meta"]["total_count"] == expected
    assert Page.objects.filter(depth=4).count() == len(LOCALES) * pages
    states = {
        item["meta"]["translation"]["state"]
        for item in body["items"]
        if item["meta"]["type"] == "information.InformationPage"
    }
    assert states == {"source", "current"}


def test_refuses_a_database_that_has_pages(db):
    call_command("load_benchmark_data", pages=1, verbosity=0)
    with pytest.raises(CommandError, match="already has pages"):
        call_command("load_benchmark_data", pages=1, verbosity=0)


def test_refuses_no_pages(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("load_benchmark_data", pages=0, verbosity=0)
