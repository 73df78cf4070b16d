"""The contract's generated URL classes (tests/contract/test_urls.py), in the shapes the CMS's
fields take them: URLs for links, plain addresses for e-mail, written numbers for phones."""

from .test_urls import ALLOWED, HOSTILE, REFUSED

# Every value a link may not carry. The "empty" class is left to the tests of fields where an
# empty value is not simply "no link".
REFUSED_URLS = sorted(
    {*HOSTILE, *(v for code, values in REFUSED.items() if code != "empty" for v in values)}
)
EMPTY_URLS = REFUSED["empty"]
ALLOWED_URLS = ALLOWED

# Contacts' e-mail: the addresses of the refused mailto: URLs, and everything that is no
# address at all; allowed, the addresses of the allowed ones.
REFUSED_ADDRESSES = sorted(
    {v.split(":", 1)[1] for v in REFUSED["mailto"] if v.split(":", 1)[1]}
    | {*HOSTILE, "a@b.dk, c@d.dk", "a@b.dk\nBcc: c@d.dk", "a@localhost", "mailto:a@b.dk"}
)
ALLOWED_ADDRESSES = [v.split(":", 1)[1] for v in ALLOWED if v.lower().startswith("mailto:")]

# Contacts' phone: numbers as people write them, which the site links with tel:.
REFUSED_PHONES = sorted(
    {*HOSTILE, "+45;ext=12", "+45 96 28 28 28;ext=1", "ring 96 28 28 28", "abc", "tel:+4596282828"}
)
ALLOWED_PHONES = [
    *(v.split(":", 1)[1] for v in ALLOWED if v.lower().startswith("tel:")),
    "+45 96 28 28 28",
    "(+45) 9628 2828",
    "96.28.28.28",
    "12 34",
]


def spread(values: list[str], count: int) -> list[str]:
    """``count`` values spread evenly over ``values`` (sorted, so every payload and way of
    writing it is represented), for checks that cost a request per value."""
    step = max(1, len(values) // count)
    return values[::step][:count]
