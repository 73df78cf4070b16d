"""No request makes the API answer 500: every hostile request of ``hostile.cases()`` (generated
from each endpoint's own parameters and fields) gets a 4xx with a JSON message, in-process with
DEBUG on and off, and over real HTTP from the development server as ./scripts/demo starts it,
several at a time, after which that server still answers."""

import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from wagtail.images.models import Image
from wagtail.models import Locale

from cms.contacts.models import Contact
from cms.demo.images import demo_image

from ..factories import danish_tree
from .hostile import Case, cases

ROOT = Path(__file__).resolve().parents[3]


def objects() -> dict[str, int]:
    """One object per model endpoint, for the detail cases."""
    tree = danish_tree()
    contact = Contact.objects.create(
        name="Borgerservice", phone="+45 96 28 28 28", locale=Locale.objects.get(language_code="da")
    )
    image = demo_image()
    return {"pages": tree["info"].id, "contacts": contact.id, "images": image.id}


def problem(case: Case, status: int, content_type: str, body: bytes) -> str | None:
    """What is wrong with an answer to a hostile request, or None."""
    if not 400 <= status < 500:
        return f"{case}: HTTP {status}"
    if not content_type.startswith("application/json"):
        return f"{case}: {status} with {content_type}"
    try:
        message = json.loads(body)["message"]
    except (ValueError, KeyError, TypeError):
        return f"{case}: {status} without a JSON message: {body[:80]!r}"
    if not message:
        return f"{case}: {status} with an empty message"
    if case.kind.startswith("filter ") and case.kind.split(":")[0][7:] not in message:
        return f"{case}: the message does not name the parameter: {message}"
    return None


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
def test_every_hostile_request_is_a_json_4xx(db, settings, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    all_cases = cases(objects())
    assert_cover_every_endpoint_and_filter(all_cases)
    failures = []
    for case in all_cases:
        response = client.generic(case.method, f"/api/v2/{case.path}")
        failures.append(
            problem(case, response.status_code, response.get("Content-Type", ""), response.content)
        )
    failures = [f for f in failures if f]
    assert not failures, f"{len(failures)} of {len(all_cases)}:\n" + "\n".join(failures)


def assert_cover_every_endpoint_and_filter(all_cases: list[Case]) -> None:
    from cms.api.router import api_router

    paths = {case.path for case in all_cases}
    for name, endpoint in api_router._endpoints.items():
        for field in endpoint.get_available_fields(endpoint.model, db_fields_only=True):
            assert any(p.startswith(f"{name}/?{field}=") for p in paths), (name, field)
        assert any(re.match(rf"{name}/\d+/\?fields=", p) for p in paths), name  # its detail
    # A page type's own fields, with that type asked for.
    own_field = "pages/?type=information.InformationPage&last_reviewed="
    assert any(p.startswith(own_field) for p in paths)
    assert any(p.startswith("locales/?") for p in paths)
    assert any(p.startswith("navigation/?") for p in paths)


def test_the_limits_are_boundaries_not_refusals(db, client):
    """The largest offset a database takes and a filter at the edge of its column are
    answered (empty), one more is a 400: the checks refuse what cannot work, nothing else."""
    danish_tree()
    biggest = 2**63 - 1
    at_edge = client.get("/api/v2/pages/", {"offset": biggest, "limit": 1})
    assert at_edge.status_code == 200 and at_edge.json()["items"] == []
    assert client.get("/api/v2/pages/", {"offset": biggest + 1}).status_code == 400
    assert client.get("/api/v2/pages/", {"id": 2**31 - 1}).json()["items"] == []
    assert client.get("/api/v2/pages/", {"id": 2**31}).status_code == 400
    edge = client.get("/api/v2/pages/", {"changed_since": "0001-01-01T01:00:00+01:00"})
    assert edge.status_code == 200
    sections = {"type": "sections.AudiencePage", "audience": "work-live"}
    listing = client.get("/api/v2/pages/", sections)
    assert [item["title"] for item in listing.json()["items"]] == ["Arbejde og bo"]


def test_contacts_take_a_list_of_translation_keys(db, client):
    """Wagtail's field filter also read ``translation_key`` as one UUID: a list was a 500."""
    da, en = (Locale.objects.get(language_code=code) for code in ("da", "en"))
    one = Contact.objects.create(name="Borgerservice", locale=da)
    two = Contact.objects.create(name="Jobcenter", locale=da)
    one.copy_for_translation(en).save()
    keys = f"{one.translation_key},{two.translation_key}"
    response = client.get("/api/v2/contacts/", {"translation_key": keys})
    assert response.status_code == 200, response.content
    assert sorted(item["name"] for item in response.json()["items"]) == [
        "Borgerservice",
        "Borgerservice",
        "Jobcenter",
    ]


def test_a_path_without_its_slash_is_still_redirected(db, client):
    response = client.get("/api/v2/pages?locale=da")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/?locale=da"


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
def test_the_rest_of_the_cms_keeps_its_own_pages(db, settings, debug):
    """Too many parameters outside the API: Django's own 400 page, with DEBUG on too (its
    error page failed on them: a bare 500 after 10-20 s of CPU)."""
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    response = client.get("/admin/login/", {f"p{i}": 1 for i in range(1001)})
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("application/json")
    assert client.get("/admin/login/").status_code == 200


# The development server, as ./scripts/demo starts it, over real HTTP.


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_for_the_server(var: Path) -> dict[str, str]:
    """The server reads this test's database and files: on SQLite a copy in its own var/ (as
    the demo's), on PostgreSQL the test database itself; the images' files in var/media."""
    for image in Image.objects.all():
        copy = var / "media" / image.file.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        with image.file.open() as original:
            copy.write_bytes(original.read())
    env = {"UDSYN_VAR_DIR": str(var)}
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(var / "udsyn.sqlite3") as copy:
            connection.connection.backup(copy)
        return env
    s = connection.settings_dict
    return env | {
        "DATABASE_URL": f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}",
    }


@pytest.fixture
def dev_server(tx_db, tmp_path):
    ids = objects()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= database_for_the_server(tmp_path)
    env |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "UDSYN_LOCAL_API": f"http://127.0.0.1:{port}/api/v2/",
        "UDSYN_BUILD_HOOK_URL": "",
    }
    log = (tmp_path / "cms.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(120):
            assert server.poll() is None, (tmp_path / "cms.log").read_text()
            if fetch(port, Case("locales/", "started?"))[0] == 200:
                break
            time.sleep(0.25)
        yield port, server, ids, tmp_path / "cms.log"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def fetch(port: int, case: Case) -> tuple[int, str, bytes]:
    """The request exactly as the case spells it (a client library would re-encode it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(case.method, f"/api/v2/{case.path}")
        response = connection.getresponse()
        return response.status, response.headers.get("Content-Type", ""), response.read()
    except OSError as error:  # no answer: reset, refused, timed out
        return 0, "", repr(error).encode()
    finally:
        connection.close()


def test_the_development_server_answers_hostile_requests_eight_at_a_time(dev_server):
    port, server, ids, log = dev_server
    all_cases = cases(ids)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda case: fetch(port, case), all_cases))
    failures = [problem(case, *answer) for case, answer in zip(all_cases, answers, strict=True)]
    failures = [f for f in failures if f]
    assert server.poll() is None, f"the server died:\n{log.read_text()[-3000:]}"
    assert not failures, f"{len(failures)} of {len(all_cases)}:\n" + "\n".join(failures[:60])
    for path in ("locales/", "pages/?limit=5", "contacts/", "images/", "navigation/?locale=da"):
        status, _, body = fetch(port, Case(path, "a good request"))
        assert status == 200 and json.loads(body)["items"], (path, log.read_text()[-3000:])
