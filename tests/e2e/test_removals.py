"""Every way a page leaves the public API takes it off the site in the next incremental build,
and every way back puts it on again: the real CMS over HTTP, the build CLI's incremental pull
(its removal feed, never a fall-back to pulling everything), verify's leak check, and the same
bytes as a full build of the same content.

"Off the site" means: no page file, no URL in the sitemap, no link to it and no page carrying
its id in any HTML file (the search index is built from those files)."""

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.sections.models import AudiencePage
from sitebuild.cli import main

from .test_demo_build import snapshot

pytestmark = pytest.mark.e2e


class Site:
    """The built site, rebuilt incrementally after each change and compared with a full
    build."""

    def __init__(self, api: str, root: Path, capsys) -> None:
        self.api, self.root, self.capsys = api, root, capsys
        self.out = root / "site"
        self.fulls = 0
        assert self._run(self.out) == 0, self.capsys.readouterr().err

    def _run(self, out: Path, *extra: str) -> int:
        return main(
            ["--api", self.api, "--out", str(out), "--no-search", "--max-drop", "0.9", *extra]
        )

    def rebuild(self) -> str:
        """An incremental build: it succeeds, leak check included, from the removal feed."""
        self.capsys.readouterr()
        code = self._run(self.out)
        log = self.capsys.readouterr().err
        assert code == 0, log
        assert "removed since" in log, log
        assert "pulling everything" not in log, log
        return log

    def matches_a_full_build(self) -> None:
        self.fulls += 1
        full = self.root / f"full-{self.fulls}"
        assert self._run(full, "--full", "-q") == 0, self.capsys.readouterr().err
        assert snapshot(full) == snapshot(self.out)

    def html(self) -> dict[Path, str]:
        return {p: p.read_text(encoding="utf-8") for p in self.out.rglob("*.html")}

    def assert_off(self, pages: dict[int, str]) -> None:
        sitemap = (self.out / "sitemap.xml").read_text(encoding="utf-8")
        files = self.html()
        for pid, url in pages.items():
            assert not (self.out / url.strip("/") / "index.html").exists(), url
            assert f"{url}<" not in sitemap and f'{url}"' not in sitemap, url
            for path, text in files.items():
                assert f'href="{url}"' not in text, f"{path} links {url}"
                assert f'name="udsyn:page-id" content="{pid}"' not in text, path

    def assert_on(self, pages: dict[int, str]) -> None:
        sitemap = (self.out / "sitemap.xml").read_text(encoding="utf-8")
        for pid, url in pages.items():
            page = (self.out / url.strip("/") / "index.html").read_text(encoding="utf-8")
            assert f'name="udsyn:page-id" content="{pid}"' in page, url
            assert f"{url}</loc>" in sitemap, url


@pytest.fixture
def site(demo, live_server, tmp_path, capsys) -> Site:
    return Site(f"{live_server.url}/api/v2/", tmp_path, capsys)


def page_at(url: str) -> Page:
    return Page.objects.get(url_path=url).specific


def with_subtree(url: str) -> dict[int, str]:
    """The page at ``url`` and every live page below it: id -> public URL (url_path is the
    public URL in the demo: each language's home page is /<code>/)."""
    page = page_at(url)
    below = page.get_descendants().live()
    return {p.id: p.url_path for p in [page, *below]}


def restrict(page, kind=PageViewRestriction.LOGIN) -> PageViewRestriction:
    extra = {"password": "s3cret"} if kind == PageViewRestriction.PASSWORD else {}
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)


def new_section(home_url: str, slug: str, publish: bool = True, **fields) -> AudiencePage:
    home = page_at(home_url)
    section = home.add_child(
        instance=AudiencePage(
            title=slug.title(), slug=slug, audience="visit", locale=home.locale, **fields
        )
    )
    if publish:
        section.save_revision().publish()
    else:
        Page.objects.filter(pk=section.pk).update(live=False)
    return section


def move(url: str, parent) -> None:
    page_at(url).move(Page.objects.get(pk=parent.pk), pos="last-child")


def to_expire(url: str, seconds: float) -> Page:
    """Publish the page to expire ``seconds`` from now."""
    page = page_at(url)
    page.expire_at = timezone.now() + timedelta(seconds=seconds)
    page.save_revision().publish()
    return page


def wait_until(moment) -> None:
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.05)


def republish(url: str) -> None:
    page = Page.objects.get(url_path=url).specific
    page.expire_at = timezone.now() + timedelta(days=30)
    page.save_revision().publish()


def test_every_way_out_takes_the_pages_off_the_site_in_the_next_incremental_build(site):
    def unpublished():
        page_at("/en/visit/getting-here/").unpublish()

    def deleted():
        page_at("/en/business/export-and-business-services/").delete()

    def restricted():
        restrict(page_at("/en/work-live/moving-to-herning/"), PageViewRestriction.PASSWORD)

    def ancestor_restricted():
        restrict(page_at("/de/wirtschaft/"))

    def moved_under_a_restricted_page():
        restrict(new_section("/da/", "intern"))
        move("/da/erhverv/eksport-og-erhvervsservice/", page_at("/da/intern/"))

    def moved_under_an_unpublished_page():
        move("/da/besoeg/internationale-begivenheder/", new_section("/da/", "kladde", False))

    def moved_under_an_expired_page():
        archive = new_section("/da/", "arkiv", expire_at=timezone.now() + timedelta(seconds=1))
        wait_until(archive.expire_at)
        move("/da/erhverv/handel-med-virksomheder-i-herning/", archive)

    def ancestor_unpublished():
        page_at("/da/international-strategi/").unpublish()

    steps: list[tuple[Callable[[], None], dict[int, str]]] = [
        (unpublished, with_subtree("/en/visit/getting-here/")),
        (deleted, with_subtree("/en/business/export-and-business-services/")),
        (restricted, with_subtree("/en/work-live/moving-to-herning/")),
        (ancestor_restricted, with_subtree("/de/wirtschaft/")),
        (moved_under_a_restricted_page, with_subtree("/da/erhverv/eksport-og-erhvervsservice/")),
        (
            moved_under_an_unpublished_page,
            with_subtree("/da/besoeg/internationale-begivenheder/"),
        ),
        (
            moved_under_an_expired_page,
            with_subtree("/da/erhverv/handel-med-virksomheder-i-herning/"),
        ),
        (ancestor_unpublished, with_subtree("/da/international-strategi/")),
    ]
    gone: dict[int, str] = {}
    for change, pages in steps:
        site.assert_on(pages)
        change()
        site.rebuild()
        gone |= pages
        site.assert_off(gone)
        site.matches_a_full_build()

    # A restriction's type changed: still restricted, still off, and the build still passes.
    restriction = PageViewRestriction.objects.get(page__url_path="/de/wirtschaft/")
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.add(Group.objects.get_or_create(name="Insiders")[0])
    site.rebuild()
    site.assert_off(gone)

    # Expiries passing with no command run: a page's own, and a section's (with its pages).
    own = with_subtree("/da/arbejde-og-bo/job-til-din-partner/")
    ancestor = with_subtree("/en/international-strategy/")
    expiring = [
        to_expire("/da/arbejde-og-bo/job-til-din-partner/", 3600),
        to_expire("/en/international-strategy/", 3600),
    ]
    site.rebuild()  # published with their expiry, not yet passed: still on the site
    site.assert_on(own | ancestor)
    for page in expiring:  # the clock reaches the expiry (brought forward, not waited for)
        Page.objects.filter(pk=page.pk).update(expire_at=timezone.now())
    site.rebuild()
    gone |= own | ancestor
    site.assert_off(gone)
    site.matches_a_full_build()

    # publish_scheduled carries out those expiries, and one that passed since the last build.
    later = with_subtree("/de/arbeiten-leben/arbeit-fuer-ihren-partner/")
    wait_until(to_expire("/de/arbeiten-leben/arbeit-fuer-ihren-partner/", 0.5).expire_at)
    call_command("publish_scheduled")
    assert not page_at("/en/international-strategy/").live
    site.rebuild()
    gone |= later
    site.assert_off(gone)
    site.matches_a_full_build()


def test_every_way_back_puts_the_pages_on_the_site_again(site):
    def restriction_removed():
        restriction = restrict(page_at("/da/besoeg/"))
        return restriction.delete

    def moved_out():
        url = "/en/work-live/a-job-for-your-partner/"
        restrict(new_section("/en/", "internal"))
        move(url, page_at("/en/internal/"))
        return lambda: move("/en/internal/a-job-for-your-partner/", page_at("/en/work-live/"))

    def republished():
        page_at("/de/arbeiten-leben/").unpublish()
        return lambda: republish("/de/arbeiten-leben/")

    def expiry_extended_before_publish_scheduled():
        wait_until(to_expire("/da/erhverv/", 0.5).expire_at)
        return lambda: republish("/da/erhverv/")

    def republished_after_publish_scheduled():
        wait_until(to_expire("/en/business/", 0.5).expire_at)
        call_command("publish_scheduled")
        return lambda: republish("/en/business/")

    for way_out, url in [
        (restriction_removed, "/da/besoeg/"),
        (moved_out, "/en/work-live/a-job-for-your-partner/"),
        (republished, "/de/arbeiten-leben/"),
        (expiry_extended_before_publish_scheduled, "/da/erhverv/"),
        (republished_after_publish_scheduled, "/en/business/"),
    ]:
        pages = with_subtree(url)
        back = way_out()
        site.rebuild()
        site.assert_off(pages)
        back()
        site.rebuild()
        site.assert_on(pages)
        site.matches_a_full_build()
