"""verify's own check against the real CMS API (Django's live server): no page file in the
output that the API does not publish at that URL, whatever fetch decided."""

from datetime import date
from pathlib import Path

import pytest
from wagtail.models import PageViewRestriction

from cms.information.models import InformationPage
from sitebuild.errors import BuildError, VerifyError
from sitebuild.stages.fetch import ApiClient, FetchSettings
from sitebuild.stages.leaks import LeakState, check
from sitebuild.state import BuildState, StateFolder

from ...cms.factories import danish_tree
from ..scripted_api import ScriptedAPI, page


def write(root: Path, url: str, pid: int | None = None) -> None:
    path = root / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = f'<meta name="udsyn:page-id" content="{pid}">' if pid else ""
    path.write_text(f"<!doctype html><html><head>{meta}</head><body></body></html>")


def child(parent, slug: str, **extra) -> InformationPage:
    return parent.add_child(
        instance=InformationPage(
            title=slug.title(),
            slug=slug,
            locale=parent.locale,
            summary="Resumé.",
            content_owner="Kommunen",
            last_reviewed=date(2026, 11, 1),
            **extra,
        )
    )


@pytest.fixture
def cms(tx_db, live_server):
    tree = danish_tree()
    draft = child(tree["section"], "kladde", live=False)
    private = child(tree["section"], "intern")
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    client = ApiClient(f"{live_server.url}/api/v2/", FetchSettings(retries=0, timeout=5))
    return {**tree, "draft": draft, "private": private, "client": client}


def public_site(root: Path, cms) -> None:
    """The three public pages and the build's utility pages."""
    write(root, "/da/", cms["home"].id)
    write(root, "/da/arbejde-og-bo/", cms["section"].id)
    write(root, "/da/arbejde-og-bo/skole/", cms["info"].id)
    for url in ("/", "/da/404.html", "/da/search/"):
        write(root, url)


def test_a_full_check_passes_the_public_site_and_remembers_it(cms, tmp_path):
    public_site(tmp_path, cms)
    state = check(tmp_path, cms["client"])
    assert state.pages == {
        "/da/": cms["home"].id,
        "/da/arbejde-og-bo/": cms["section"].id,
        "/da/arbejde-og-bo/skole/": cms["info"].id,
    }
    assert state.checked_at


def test_a_full_check_names_every_draft_and_private_page_in_the_output(cms, tmp_path):
    public_site(tmp_path, cms)
    write(tmp_path, "/da/arbejde-og-bo/kladde/", cms["draft"].id)
    write(tmp_path, "/da/arbejde-og-bo/intern/", cms["private"].id)
    with pytest.raises(VerifyError) as failure:
        check(tmp_path, cms["client"])
    assert sorted(failure.value.problems) == [
        f"/da/arbejde-og-bo/intern/: page {cms['private'].id} is not public in the CMS "
        "(draft, private or removed)",
        f"/da/arbejde-og-bo/kladde/: page {cms['draft'].id} is not public in the CMS "
        "(draft, private or removed)",
    ]


def test_a_page_at_the_wrong_url_or_without_an_id_is_refused(cms, tmp_path):
    public_site(tmp_path, cms)
    write(tmp_path, "/da/kopi/", cms["info"].id)
    write(tmp_path, "/da/ukendt/")
    with pytest.raises(VerifyError) as failure:
        check(tmp_path, cms["client"])
    assert sorted(failure.value.problems) == [
        f"/da/kopi/: page {cms['info'].id} belongs at /da/arbejde-og-bo/skole/",
        "/da/ukendt/: not a page of the CMS (no udsyn:page-id) nor a utility page",
    ]


def test_an_incremental_check_catches_a_carried_over_page_unpublished_since(cms, tmp_path):
    public_site(tmp_path, cms)
    state = check(tmp_path, cms["client"])
    everything = list(state.pages)
    assert check(tmp_path, cms["client"], state, carried=everything).pages == state.pages

    cms["info"].specific.unpublish()
    with pytest.raises(VerifyError) as failure:
        check(tmp_path, cms["client"], state, carried=everything)
    assert failure.value.problems == [
        f"/da/arbejde-og-bo/skole/: page {cms['info'].id} is not public in the CMS "
        "(draft, private or removed)"
    ]


def test_an_incremental_check_catches_a_page_restricted_since(cms, tmp_path):
    public_site(tmp_path, cms)
    state = check(tmp_path, cms["client"])
    PageViewRestriction.objects.create(
        page=cms["section"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    with pytest.raises(VerifyError) as failure:
        check(tmp_path, cms["client"], state, carried=list(state.pages))
    # The restriction covers the section and the page below it.
    assert [p.split(":")[0] for p in failure.value.problems] == [
        "/da/arbejde-og-bo/",
        "/da/arbejde-og-bo/skole/",
    ]


def test_an_incremental_check_looks_up_each_rerendered_page(cms, tmp_path):
    public_site(tmp_path, cms)
    state = check(tmp_path, cms["client"])
    others = ["/da/", "/da/arbejde-og-bo/"]
    write(tmp_path, "/da/arbejde-og-bo/skole/", cms["draft"].id)  # fetch got it wrong
    with pytest.raises(VerifyError, match="is not public"):
        check(tmp_path, cms["client"], state, carried=others)
    write(tmp_path, "/da/arbejde-og-bo/kladde/", cms["draft"].id)  # a new file
    write(tmp_path, "/da/arbejde-og-bo/skole/", cms["info"].id)
    with pytest.raises(VerifyError) as failure:
        check(tmp_path, cms["client"], state, carried=list(state.pages))
    assert [p.split(":")[0] for p in failure.value.problems] == ["/da/arbejde-og-bo/kladde/"]


def test_without_an_answer_from_the_api_nothing_passes(tmp_path):
    write(tmp_path, "/da/", 1)
    client = ApiClient("http://127.0.0.1:9/api/v2/", FetchSettings(retries=0, timeout=2))
    with pytest.raises(BuildError) as failure:
        check(tmp_path, client)
    assert "cannot check the output against the API" in str(failure.value)
    assert "\n" not in str(failure.value)


def test_the_state_survives_a_round_trip_and_a_damaged_file_means_a_full_check(tmp_path):
    checked = LeakState("2026-11-27T01:00:00+00:00", {"/da/": 3})
    folder = StateFolder(tmp_path / "site")
    folder.save_published(BuildState(leak_state=checked))
    assert folder.read("v").leak_state == checked
    (folder / StateFolder.LEAKS).write_text("{not json")
    assert folder.read("v").leak_state is None
    (folder / StateFolder.LEAKS).write_text('{"checked_at": "x", "pages": {"/da/": "three"}}')
    assert folder.read("v").leak_state is None
    (folder / StateFolder.LEAKS).unlink()
    assert folder.read("v").leak_state is None


def test_rerendered_pages_are_looked_up_200_at_a_time(tmp_path):
    """A new section title re-renders a language's every page: the incremental check asks
    about them in listings of 200 ids (the API's limit), not one request per page."""
    api = ScriptedAPI([page(n) for n in range(1, 451)])
    try:
        for n in range(1, 451):
            write(tmp_path, f"/{'da' if n % 2 else 'en'}/{'' if n <= 2 else f'p{n}/'}", n)
        write(tmp_path, "/da/p9/", 999)  # not a page the API has
        state = LeakState("2026-11-27T00:00:00+00:00", {})
        with pytest.raises(VerifyError) as failure:
            check(tmp_path, ApiClient(api.url), state, carried=[])
        assert failure.value.problems == [
            "/da/p9/: page 999 is not public in the CMS (draft, private or removed)"
        ]
        lookups = [r for r in api.requests if "ids=" in r]
        assert len(lookups) == 3
        assert sorted(len(r.split("ids=")[1].split("&")[0].split("%2C")) for r in lookups) == [
            50,
            200,
            200,
        ]
    finally:
        api.close()
