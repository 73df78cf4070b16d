import pytest

from sitebuild.errors import TransformError
from sitebuild.transform import sanitise, transform
from sitebuild.urls import parent_url

from .helpers import api_page, info_page, tiny_site


def by_url(site):
    return {page.url: page for page in site.pages}


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ('<p onclick="steal()">Hi</p>', "<p>Hi</p>"),
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
        ('<p style="position:fixed">s</p>', "<p>s</p>"),
        ('<img src="https://tracker.example/p.gif">', ""),
        ('<iframe src="https://evil.example"></iframe>', ""),
        (
            '<a href="https://ok.example/" target="_blank">ok</a>',
            '<a href="https://ok.example/" rel="noopener">ok</a>',
        ),
    ],
)
def test_sanitise_keeps_only_the_allow_list(hostile, kept):
    assert str(sanitise(hostile)) == kept


def test_urls_follow_language_folders_and_site_paths():
    pages = by_url(transform(tiny_site()))
    assert set(pages) == {"/da/", "/en/", "/ar/", "/da/arbejde/", "/en/work/", "/da/arbejde/skole/"}
    assert pages["/da/arbejde/skole/"].output_path == "da/arbejde/skole/index.html"
    assert pages["/ar/"].dir == "rtl"
    assert pages["/en/"].dir == "ltr"


def test_alternates_link_translations_by_translation_key_in_locale_order():
    pages = by_url(transform(tiny_site()))
    assert [alt.lang for alt in pages["/en/"].alternates] == ["da", "en", "ar"]
    assert [alt.url for alt in pages["/en/work/"].alternates] == ["/da/arbejde/", "/en/work/"]
    assert [alt.url for alt in pages["/da/arbejde/skole/"].alternates] == ["/da/arbejde/skole/"]


def test_navigation_children_and_breadcrumbs():
    pages = by_url(transform(tiny_site()))
    school = pages["/da/arbejde/skole/"]
    assert [c.url for c in school.breadcrumbs] == ["/da/", "/da/arbejde/"]
    assert [c.url for c in pages["/da/arbejde/"].children] == ["/da/arbejde/skole/"]
    assert [n.url for n in school.navigation] == ["/da/arbejde/"]
    assert parent_url("/da/") is None


def test_internal_links_become_static_urls_and_missing_targets_are_dropped():
    extra = info_page(
        7,
        "en",
        "work/school/",
        "School",
        "k-school",
        body=[
            {
                "type": "links",
                "id": "x",
                "value": {
                    "title": "",
                    "links": [{"text": "Gone", "page": {"id": 999, "locale": "en"}, "url": None}],
                },
            }
        ],
    )
    site = transform(tiny_site([extra]))
    pages = by_url(site)
    links = pages["/da/arbejde/skole/"].fields["body"][1]["value"]["links"]
    assert links == [
        {"text": "Arbejde", "url": "/da/arbejde/", "lang": "da", "dir": "ltr", "external": False},
        {"text": "Ude", "url": "https://example.org/", "external": True},
    ]
    assert pages["/en/work/school/"].fields["body"][0]["value"]["links"] == []
    assert any("999" in warning for warning in site.warnings)


def test_rich_text_is_sanitised_in_fields_and_blocks():
    extra = api_page(
        8,
        "en",
        "section",
        "evil/",
        "Evil",
        "k-evil",
        audience="visit",
        intro='<p>ok</p><script src="https://x.example/a.js"></script>',
    )
    pages = by_url(transform(tiny_site([extra])))
    assert str(pages["/en/evil/"].fields["intro"]) == "<p>ok</p>"


def test_unknown_locale_or_type_is_a_clear_error():
    with pytest.raises(TransformError, match="unknown locale 'xx'"):
        transform(tiny_site([api_page(9, "xx", "home", "", "?", "k")]))
    bad = api_page(10, "da", "home", "x/", "?", "k")
    bad["meta"]["type"] = "blog.BlogPage"
    with pytest.raises(TransformError, match=r"unknown type blog\.BlogPage"):
        transform(tiny_site([bad]))


def test_rich_text_page_links_point_to_the_version_in_the_readers_language():
    # wagtail-localize keeps the source page's id in a translated link: id 4 is Danish.
    extra = api_page(
        11,
        "en",
        "section",
        "more/",
        "More",
        "k-more",
        audience="visit",
        intro='<p>See <a data-page-id="4" data-locale="da">work</a>, '
        '<a data-page-id="6" data-locale="da">school</a> and '
        '<a data-page-id="77" data-locale="da">gone</a>.</p>',
    )
    site = transform(tiny_site([extra]))
    intro = str(by_url(site)["/en/more/"].fields["intro"])
    assert '<a href="/en/work/" rel="noopener">work</a>' in intro  # the English version
    # No English school page: the Danish one, marked as Danish.
    expected = '<a href="/da/arbejde/skole/" hreflang="da" lang="da" dir="ltr" rel="noopener">'
    assert expected + "school</a>" in intro
    assert '<a rel="noopener">gone</a>' in intro  # unpublished: text kept, link dropped
    assert any("77" in warning for warning in site.warnings)


def test_a_partial_translation_is_not_presented_as_a_translation():
    partial = info_page(
        13,
        "en",
        "work/school/",
        "School",
        "k-school",
        body=[],
    )
    partial["meta"]["translation"] = {"state": "partial", "source_locale": "da"}
    site = transform(tiny_site([partial]))
    pages = by_url(site)
    assert "/en/work/school/" not in pages
    assert [alt.lang for alt in pages["/da/arbejde/skole/"].alternates] == ["da"]
    assert any("partial translation" in warning for warning in site.warnings)


def test_a_partial_translation_an_approver_chose_to_publish_is_built_and_keeps_its_flag():
    chosen = info_page(13, "en", "work/school/", "School", "k-school", body=[])
    flag = {"segments": 1, "approved_by_role": "approver", "at": "2026-11-27T01:00:00+00:00"}
    chosen["meta"]["translation"] = {
        "state": "partial",
        "source_locale": "da",
        "untranslated_published": flag,
    }
    site = transform(tiny_site([chosen]))
    pages = by_url(site)
    page = pages["/en/work/school/"]
    assert page.translation["untranslated_published"] == flag
    assert page.source is not None and page.source.url == "/da/arbejde/skole/"
    assert [alt.lang for alt in pages["/da/arbejde/skole/"].alternates] == ["da", "en"]
    assert not any("partial translation" in warning for warning in site.warnings)
