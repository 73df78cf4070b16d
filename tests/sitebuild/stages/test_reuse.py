"""The build server's transform reuses the pages of its last run that nothing changed for
(sitebuild/reuse.py). Whatever the edit, the result must equal a run from scratch."""

import copy
import random

import pytest

from sitebuild.model import RawSite
from sitebuild.stages.incremental import page_input, plan
from sitebuild.stages.transform import transform

from ..helpers import LOCALES, api_page

LANGS = [locale.code for locale in LOCALES]


def link_to(pid: int) -> str:
    return f'<p>See <a data-page-id="{pid}" data-locale="da">this</a>.</p>'


def starting_site() -> list[dict]:
    """Three languages, each: home, two sections, pages in them and a page below a page;
    rich-text and link-block links between pages; a partial translation."""
    items, pid = [], 0

    def add(lang, kind, path, title, key, **fields):
        nonlocal pid
        pid += 1
        item = api_page(pid, lang, kind, path, title, key, **fields)
        item["meta"]["position"] = f"{pid:04d}"
        items.append(item)
        return pid

    for lang in LANGS:
        add(lang, "home", "", f"Home {lang}", "k-home", welcome=f"<p>{lang}</p>")
        for s in range(2):
            add(lang, "section", f"s{s}/", f"Section {s} {lang}", f"k-s{s}", intro="", audience="")
            for n in range(4):
                add(
                    lang,
                    "info",
                    f"s{s}/p{n}/",
                    f"Page {s}.{n} {lang}",
                    f"k-{s}-{n}",
                    summary=f"About {s}.{n}",
                    body=[{"type": "paragraph", "value": link_to(2 + n), "id": "b1"}],
                )
        add(lang, "info", "s0/p0/deep/", f"Deep {lang}", "k-deep", summary="", body=[])
    items[5]["body"].append(
        {
            "type": "links",
            "id": "b2",
            "value": {"title": "More", "links": [{"text": "x", "page": {"id": 9}, "url": None}]},
        }
    )
    items[-1]["meta"]["translation"] = {"state": "partial", "source_locale": "da"}
    return items


def edited(items: list[dict], rng: random.Random, next_id: int) -> tuple[list[dict], str]:
    """One random edit, as a pull shows it: a changed page is a new object, the others are
    the same objects as before."""
    items = list(items)
    n = rng.randrange(len(items))
    page = copy.deepcopy(items[n])
    kind = rng.choice(
        ["title", "summary", "position", "move", "add", "remove", "key", "link", "partial",
         "home", "same", "refetch"]
    )  # fmt: skip
    if kind == "title":
        page["title"] += " (new)"
    elif kind == "summary":
        page["summary"] = f"Now {rng.random()}"
    elif kind == "position":
        page["meta"]["position"] = f"{rng.randrange(10000):04d}"
    elif kind == "move":  # the page and the pages below it get new paths
        old = page["meta"]["site_path"]
        if not old:
            return items, "same"
        new = f"moved{next_id}/"
        for i, item in enumerate(items):
            path = item["meta"]["site_path"]
            if item["meta"]["locale"] == page["meta"]["locale"] and path.startswith(old):
                items[i] = copy.deepcopy(item)
                items[i]["meta"]["site_path"] = new + path[len(old) :]
        return items, kind
    elif kind == "add":
        lang = rng.choice(LANGS)
        parent = rng.choice([i for i in items if i["meta"]["locale"] == lang])
        key = rng.choice([i["meta"]["translation_key"] for i in items] + ["k-new"])
        path = f"{parent['meta']['site_path']}n{next_id}/"
        added = api_page(next_id, lang, "info", path, f"New {next_id}", key, summary="", body=[])
        added["meta"]["position"] = f"{rng.randrange(10000):04d}"
        return [*items, added], kind
    elif kind == "remove":
        del items[n]
        return items, kind
    elif kind == "key":
        page["meta"]["translation_key"] = rng.choice([i["meta"]["translation_key"] for i in items])
    elif kind == "link":
        target = rng.choice(items)["id"] if rng.random() < 0.8 else 999
        page["intro"] = link_to(target)
    elif kind == "partial":
        partial = (page["meta"].get("translation") or {}).get("state") == "partial"
        page["meta"]["translation"] = (
            {"state": "current", "source_locale": "da"}
            if partial
            else {"state": "partial", "source_locale": "da"}
        )
    elif kind == "home":
        n = next(i for i, item in enumerate(items) if item["meta"]["site_path"] == "")
        page = copy.deepcopy(items[n])
        page["title"] += "!"
    elif kind == "same":
        return items, kind
    items[n] = page  # "refetch": an equal copy, pulled again
    return items, kind


def made(site) -> list:
    for page in site.pages:
        page.ensure_fields()
    return site.pages


@pytest.mark.parametrize("seed", range(12))
def test_reused_pages_and_a_run_from_scratch_agree_after_every_edit(seed):
    rng = random.Random(seed)  # noqa: S311 - repeatable test edits, not secrets
    items = starting_site()
    raw = RawSite("http://cms.invalid/api/v2/", LOCALES, items)
    site = transform(raw)
    memo = plan(site, {}, None, "v").memo
    reused_some = False
    for step in range(25):
        items, kind = edited(items, rng, 1000 + step)
        raw = RawSite("http://cms.invalid/api/v2/", LOCALES, sorted(items, key=lambda i: i["id"]))
        again = transform(raw, site.cache, {}, previous=site)
        fresh = transform(RawSite(raw.api_url, LOCALES, copy.deepcopy(raw.pages)))
        ids = {id(page) for page in site.pages}
        reused = [page for page in again.pages if id(page) in ids]
        reused_some |= 0 < len(reused) < len(again.pages)
        assert made(again) == made(fresh), f"step {step}: {kind}"
        assert again.warnings == fresh.warnings, f"step {step}: {kind}"
        memo = plan(again, {}, None, "v", memo=memo).memo
        assert [memo[id(p)][1] for p in again.pages] == [page_input(p) for p in fresh.pages]
        site = again
    assert reused_some


def test_an_unchanged_pull_reuses_every_page_and_a_new_language_none():
    raw = RawSite("http://cms.invalid/api/v2/", LOCALES, starting_site())
    site = transform(raw)
    same = transform(raw, site.cache, {}, previous=site)
    assert [id(p) for p in same.pages] == [id(p) for p in site.pages]
    fewer = RawSite(raw.api_url, LOCALES[:2], [i for i in raw.pages if i["meta"]["locale"] != "ar"])
    again = transform(fewer, site.cache, {}, previous=site)
    assert not {id(p) for p in again.pages} & {id(p) for p in site.pages}


def test_a_retitled_page_remakes_its_versions_parent_and_linkers_only():
    items = starting_site()
    site = transform(RawSite("http://cms.invalid/api/v2/", LOCALES, items))
    by_id = {item["id"]: item for item in items}
    retitled = copy.deepcopy(by_id[4])  # "Page 0.1 da"
    retitled["title"] = "Renamed"
    items = [retitled if item["id"] == 4 else item for item in items]
    again = transform(RawSite("http://cms.invalid/api/v2/", LOCALES, items), site.cache, {}, site)
    old = {page.id: page for page in site.pages}
    remade = sorted(
        f"{page.lang} {page.title}" for page in again.pages if page is not old.get(page.id)
    )
    assert remade == [
        "ar Page 0.1 ar",  # its language versions
        "ar Page 0.2 ar",  # link to page 4, shown as its version in the reader's language
        "ar Page 1.2 ar",
        "da Page 0.2 da",  # link to page 4 (its rich text points at page 2 + n = 4)
        "da Page 1.2 da",
        "da Renamed",
        "da Section 0 da",  # lists it
        "en Page 0.1 en",
        "en Page 0.2 en",
        "en Page 1.2 en",
    ]
