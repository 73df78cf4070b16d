"""The contract's one URL rule (contract/urls.py) as Django validators, worded for editors.

Every field and block that stores a URL, an e-mail address or a phone number the site renders
validates with these, so the page editor, snippets and anything that calls a field's or a
block's own validation (wagtail-localize overrides, PO import) refuse the same values."""

from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contract import urls

# Worded per UrlProblem.code; the contract's English ``message`` is for logs and the build.
MESSAGES = {
    "empty": _("The address is empty."),
    "control": _("The address contains control characters."),
    "scheme": _(
        "Addresses starting with “%(scheme)s:” are not allowed. Use https://…, mailto:, tel: "
        "or an address on this site starting with /."
    ),
    "mailto": _(
        "A mailto: link takes one plain e-mail address and nothing after it "
        "(no “?”, no copies, no list of addresses)."
    ),
    "tel": _(
        "A tel: link takes a plain phone number: digits, an optional + at the start, "
        "and - . ( ) between them."
    ),
    "relative": _(
        "An address on this site starts with / (or # for a place on the same page); "
        "other addresses need https://."
    ),
    "host": _("A web address needs http:// or https:// and a valid host name."),
    "userinfo": _("A web address may not hold a user name or password (“…@” before the host)."),
    "space": _("A web address may not contain spaces (write %%20)."),
}
EMAIL_MESSAGE = _(
    "Enter one plain e-mail address, such as borgerservice@herning.dk: "
    "no “?”, no headers, no list of addresses."
)
PHONE_MESSAGE = _(
    "Enter a plain phone number, such as +45 96 28 28 28: digits, an optional + at the start, "
    "and spaces, dashes, dots or brackets between them."
)
LINK_MESSAGE = _("The link “%(text)s” (%(url)s): %(problem)s")


def _shown(value: str, limit: int = 80) -> str:
    """A value as it can be quoted back in a message: on one line and not too long."""
    value = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    return value if len(value) <= limit else value[: limit - 1] + "…"


def url_error(value: str) -> ValidationError | None:
    """Why ``value`` may not be a public URL, for an editor; None when it may."""
    found = urls.problem(value)
    if found is None:
        return None
    message = MESSAGES.get(found.code, found.message)
    return ValidationError(message, code=found.code, params={"scheme": urls.scheme_of(value)})


def validate_public_url(value: str) -> None:
    if value and (error := url_error(value)) is not None:
        raise error


def validate_email_address(value: str) -> None:
    """One plain address, as ``mailto_href`` takes it (Django's EmailValidator lets
    ``x?bcc=…`` through, which a mail program reads as a blind copy)."""
    if value and urls.mailto_href(value) is None:
        raise ValidationError(EMAIL_MESSAGE, code="mailto")


def validate_phone(value: str) -> None:
    """A number as people write it that ``tel_href`` can make a link of."""
    if value and urls.tel_href(value) is None:
        raise ValidationError(PHONE_MESSAGE, code="tel")


class _Links(HTMLParser):
    """The URL attributes in stored rich text, with the text of the link they belong to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list[str]] = []  # [url, text]
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append([value, ""])
                if tag == "a":
                    self._open.append(self.found[-1])

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for link in self._open:
            link[1] += data


def validate_rich_text_links(html: str) -> None:
    """Every link in stored rich text (Wagtail's database format) passes the rule; the
    error names each link that does not, by its text and address."""
    parser = _Links()
    parser.feed(str(html or ""))
    parser.close()
    errors = []
    for url, text in parser.found:
        if (error := url_error(url)) is not None:
            problem = error.message % error.params
            params = {
                "text": _shown(" ".join(text.split())),
                "url": _shown(url),
                "problem": problem,
            }
            errors.append(ValidationError(LINK_MESSAGE, code=error.code, params=params))
    if errors:
        raise ValidationError(errors)
