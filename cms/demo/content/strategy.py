"""The international strategy as pages: the seed's Danish text as source, its English text as
the English translation. Paragraphs are paired by line number in the seed file; where the two
versions split a passage differently, both sides are joined into one paragraph."""

from functools import cache
from pathlib import Path

from cms.demo.spec import PageSpec, T, heading, paragraphs, ul

SEED = Path(__file__).resolve().parent.parent / "seed" / "international-strategy-2012.txt"


@cache
def _lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _text(numbers: int | list[int]) -> str:
    numbers = [numbers] if isinstance(numbers, int) else numbers
    parts = [_lines()[n - 1].strip().removeprefix("•").strip() for n in numbers]
    return " ".join(part for part in parts if part)


def L(da: int | list[int], en: int | list[int], strip: str = "") -> T:  # noqa: N802
    """The Danish and English text at these (1-based) seed lines."""
    return {"da": _text(da).rstrip(strip), "en": _text(en).rstrip(strip)}


def _items(pairs: list[tuple[int, int]]) -> tuple[str, dict]:
    return ul(*(L(da, en) for da, en in pairs))


def _why_status(why, status) -> list:
    return [
        heading({"da": "Hvorfor", "en": "Why"}),
        ("paragraph", paragraphs(*(L(da, en) for da, en in why))),
        heading({"da": "Status", "en": "Status"}),
        ("paragraph", paragraphs(*(L(da, en) for da, en in status))),
        heading({"da": "Fokusfelter", "en": "Focus areas"}),
    ]


def _focus(title: tuple[int, int], how: list[tuple]) -> list:
    return [
        heading(L(*title), level="h3"),
        ("paragraph", paragraphs(*(L(da, en) for da, en in how))),
    ]


def _track(key: str, slug: str, title: tuple[int, int], why, status, focus) -> PageSpec:
    body = _why_status(why, status)
    for focus_title, how in focus:
        body += _focus(focus_title, how)
    return PageSpec(
        key=key,
        model="strategy.StrategyPage",
        slug=slug,
        title=L(*title, strip=":"),
        fields={"intro": "", "body": body},
        languages=("en",),
    )


def _page(key: str, slug: str, title: T, intro: T | str, body: list) -> PageSpec:
    return PageSpec(
        key=key,
        model="strategy.StrategyPage",
        slug=slug,
        title=title,
        fields={"intro": intro, "body": body},
        languages=("en",),
    )


def strategy() -> PageSpec:
    overview = _page(
        "strategy",
        "international-strategi",
        {"da": "International strategi", "en": "International strategy"},
        L(15, 201),
        [
            ("paragraph", paragraphs(L(42, 228))),
            heading(L(44, 230, strip=":"), level="h3"),
            _items([(46, 232), (47, 233)]),
            heading(L(49, 235, strip=":"), level="h3"),
            _items([(51, 237), (52, 238)]),
            heading(L(62, 240, strip=":"), level="h3"),
            _items([(64, 242), (65, 243), (66, 244), (67, 245), (68, 246)]),
            heading(L(54, 248, strip=":"), level="h3"),
            _items([(56, 250), (57, 251), (58, 252), (59, 253), (60, 254)]),
        ],
    )
    overview.children = [
        _page("vision", "vision", L(17, 203), "", [("paragraph", paragraphs(L(19, 205)))]),
        _page(
            "challenge",
            "udfordring",
            L(21, 207),
            "",
            [
                ("paragraph", paragraphs(L(23, 209), L(25, 211))),
                _items([(27, 213), (28, 214), (29, 215)]),
            ],
        ),
        _page("facts", "fakta", L(31, 217), "", [_items([(n, n + 186) for n in range(33, 41)])]),
        _track(
            "reputation",
            "omdoemme",
            (70, 256),
            why=[(74, 260)],
            status=[(78, 264)],
            focus=[((82, 268), [([84, 86], 270)]), ((88, 272), [([90, 92], 274)])],
        ),
        _track(
            "citizen",
            "borger",
            (94, 278),
            why=[([98, 100, 102], [282, 284, 286, 288])],
            status=[(106, 292), (108, 294), (110, 296), (112, 298)],
            focus=[((116, 302), [(118, 304)]), ((120, 306), [(122, 308)])],
        ),
        _track(
            "business-track",
            "erhverv",
            (124, 310),
            why=[([128, 130], [314, 316])],
            status=[(134, 320)],
            focus=[
                ((138, 324), [(140, 326)]),
                ((142, 328), [(144, 330)]),
                ((146, 332), [(148, 334)]),
                ((150, 336), [(152, 338)]),
                ((154, 340), [([156, 158], [342, 344])]),
            ],
        ),
        _track(
            "employee",
            "medarbejder",
            (160, 346),
            why=[(164, 350), (166, 352), ([168, 170], [354, 356])],
            status=[(174, 360)],
            focus=[
                ((178, 364), [([180, 182], 366)]),
                ((184, 368), [(186, 370)]),
                ((188, 372), [(190, 374)]),
                ((192, 376), [(194, 378)]),
                ((196, 380), [(198, 382)]),
            ],
        ),
    ]
    return overview
