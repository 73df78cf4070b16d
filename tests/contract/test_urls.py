"""The one URL rule (contract/urls.py), against generated classes of hostile and harmless
values, and against Chromium itself: whatever the rule lets through, a browser must read as an
allowed scheme."""

import html
import itertools
import json
import shutil

import pytest

from contract import urls

PAYLOADS = [
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "livescript:x",
    "blob:https://example.com/uuid",
]


def _char_references(char: str) -> list[str]:
    code = ord(char)
    forms = [f"&#{code};", f"&#x{code:x};", f"&#X{code:X};", f"&#000{code};", f"&#x00{code:x};"]
    named = {":": "&colon;", "\t": "&Tab;", "\n": "&NewLine;", "(": "&lpar;"}
    return forms + ([named[char]] if char in named else [])


def obfuscations(payload: str) -> list[str]:
    """Ways to write ``payload`` that a browser still reads as ``payload``."""
    scheme, rest = payload.split(":", 1)
    head = scheme + ":"
    found = [payload, payload.upper(), scheme.capitalize() + ":" + rest]
    found += [chr(c) + payload for c in range(0x21)]  # leading C0 controls and space
    found += [payload + chr(c) for c in (0, 9, 10, 32)]
    for at in range(1, len(head)):  # tab, newline, CR anywhere in the scheme
        for char in "\t\n\r":
            found.append(head[:at] + char + head[at:] + rest)
    for at, char in enumerate(head):  # any one character as a character reference
        for ref in _char_references(char):
            found.append(head[:at] + ref + head[at + 1 :] + rest)
    found.append("".join(f"&#{ord(c)};" for c in head) + rest)
    found.append(head[:3] + "&#x09;" + head[3:] + rest)
    return found


HOSTILE = sorted({value for payload in PAYLOADS for value in obfuscations(payload)})

ALLOWED = [
    "/",
    "/da/arbejde-og-bo/",
    "/en/work-live/?q=1#top",
    "#main",
    "https://www.borger.dk/",
    "http://example.com/a?b=c&amp;d=e",
    "HTTPS://Example.COM/Path",
    " https://example.com/ ",
    "https://xn--bcher-kva.dk/",
    "https://lifeindenmark.borger.dk/:colon-in-path",
    "https://[2001:db8::1]/",
    "https://example.com:8443/",
    "mailto:borgerservice@herning.dk",
    "MAILTO:first.last+tag@sub.example.dk",
    "mailto:søren@kommune.dk",
    "tel:+4596282828",
    "tel:96-28-28-28",
]

REFUSED = {
    "mailto": [
        "mailto:x?bcc=victim@example.com",
        "mailto:a@b.dk?subject=hi",
        "mailto:a@b.dk,c@d.dk",
        "mailto:a@b.dk;c@d.dk",
        "mailto:x%3Fbcc=y@z.dk",
        "mailto:",
        "mailto:not-an-address",
        "mailto:a@b.dk&#63;bcc=c@d.dk",
    ],
    "tel": ["tel:", "tel:+45;ext=12", "tel:javascript:alert(1)", "tel:12 34", "tel:abc"],
    "host": ["//evil.example", "/\\evil.example", "\\\\evil.example", "https:evil.example"],
    "userinfo": ["https://user:pw@example.com/", "https://trusted.dk@evil.example/"],
    "relative": ["page.html", "../up/", "javascript", "alert(1)"],
    "empty": ["", "   ", "\x00"],
    "scheme": ["ftp://example.com/", "file:///etc/passwd", "chrome://settings", "about:blank"],
}


@pytest.mark.parametrize("value", HOSTILE)
def test_script_urls_are_refused_however_they_are_written(value):
    assert urls.problem(value) is not None
    assert urls.script_capable(value)
    with pytest.raises(urls.UnsafeUrlError):
        urls.check(value)


@pytest.mark.parametrize("value", ALLOWED)
def test_public_urls_pass_as_a_browser_reads_them(value):
    assert urls.problem(value) is None, urls.problem(value)
    assert urls.check(value) == html.unescape(value).strip()
    assert not urls.script_capable(value)


@pytest.mark.parametrize(
    ("code", "value"), [(code, value) for code, values in REFUSED.items() for value in values]
)
def test_other_refusals_name_their_reason(code, value):
    found = urls.problem(value)
    assert found is not None
    if code not in ("empty",):
        assert found.code in (code, "scheme", "relative", "host", "mailto", "tel", "control")
    assert found.message


def test_the_decoded_scheme_is_what_the_refusal_names():
    assert urls.problem("jav&#x09;ascript:alert(1)").code == "scheme"
    assert "javascript" in urls.problem("&#106;avascript:alert(1)").message


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("+45 96 28 28 28", "tel:+4596282828"),
        ("96 28-28 28", "tel:96282828"),
        ("(+45) 9628 2828", "tel:+4596282828"),
        ("96.28.28.28", "tel:96282828"),
        ("ring 96 28 28 28", None),
        ("javascript:alert(1)", None),
        ("+45 96 28 28 28;ext=1", None),
        ("", None),
    ],
)
def test_tel_href_from_a_written_number(phone, href):
    assert urls.tel_href(phone) == href
    if href:
        assert urls.is_public(href)


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("borgerservice@herning.dk", True),
        ("x?bcc=victim@example.com", False),
        ("a@b.dk, c@d.dk", False),
        ("a@b.dk\nBcc: c@d.dk", False),
        ("a@localhost", False),
    ],
)
def test_mailto_href_takes_one_plain_address(address, ok):
    href = urls.mailto_href(address)
    assert (href is not None) == ok
    if href:
        assert urls.is_public(href)


# -- Chromium as the oracle ---------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_ORIGIN = "https://udsyn.test"


def _attribute(value: str) -> str:
    """``value`` as markup inside a double-quoted attribute: character references are left
    for the browser to decode, only what would end the attribute is escaped."""
    return value.replace('"', "&quot;")


def _variants() -> list[str]:
    extra = [f"{prefix}{value}" for prefix, value in itertools.product(("", " "), ALLOWED)]
    refused = [value for values in REFUSED.values() for value in values]
    return sorted({*HOSTILE, *extra, *refused, *(html.escape(v) for v in HOSTILE[:40])})


@pytest.mark.e2e
def test_what_the_rule_allows_chromium_reads_as_an_allowed_scheme():
    """For every generated value, written raw into an href: if the rule lets it through,
    Chromium follows an http(s) URL, a mailto: or a tel: URL, or one on the page's own
    origin; and every value Chromium would follow as script or data is refused."""
    if not shutil.which("chromium"):
        pytest.fail("Chromium is installed by ./scripts/test; run it once")
    from playwright.sync_api import sync_playwright

    values = _variants()
    markup = "".join(f'<a id="v{n}" href="{_attribute(v)}">x</a>' for n, v in enumerate(values))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.route(
            f"{PAGE_ORIGIN}/", lambda route: route.fulfill(body=markup, content_type="text/html")
        )
        page.goto(f"{PAGE_ORIGIN}/")
        read = json.loads(
            page.evaluate(
                "JSON.stringify([...document.querySelectorAll('a')].map("
                "a => [a.protocol, a.origin, a.getAttribute('href')]))"
            )
        )
        browser.close()
    assert len(read) == len(values)
    allowed_schemes = {f"{scheme}:" for scheme in urls.ALLOWED_SCHEMES}
    for value, (protocol, origin, attribute) in zip(values, read, strict=True):
        verdict = urls.problem(value)
        if protocol in ("javascript:", "vbscript:", "data:", "blob:", "livescript:"):
            assert verdict is not None, f"{value!r} is {protocol} to Chromium but passed"
        if verdict is None:
            assert protocol in allowed_schemes, (value, protocol)
            relative = urls.scheme_of(value) is None
            assert not relative or origin == PAGE_ORIGIN, (value, origin)
            # And what the rule says the browser reads is the attribute as Chromium got it.
            assert urls.scheme_of(attribute) == protocol.rstrip(":") or relative
