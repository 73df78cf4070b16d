from django import forms
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.validators import validate_email_address, validate_phone


class Contact(TranslatableMixin, models.Model):
    """A place to turn to (a function or a desk, rarely a person), reused across pages.

    Name and opening hours are translated; phone and e-mail are the same in every language and
    are synchronised from the Danish source, never offered to translators."""

    name = models.CharField("name or function", max_length=120)
    # A plain number and one plain address, as the URL rule (contract/urls.py) links them
    # with tel: and mailto:; not Django's EmailValidator, which lets "x?bcc=…" through.
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    email = models.CharField(
        "e-mail", max_length=254, blank=True, validators=[validate_email_address]
    )
    opening_hours = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("phone"),
        FieldPanel("email", widget=forms.EmailInput),
        FieldPanel("opening_hours"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("opening_hours"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
    ]
    api_fields = [
        APIField("name"),
        APIField("phone"),
        APIField("email"),
        APIField("opening_hours"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def api_representation(self) -> dict[str, str]:
        """The contact as embedded in a page's body, so the build needs no extra request."""
        return {
            "id": self.pk,
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "opening_hours": self.opening_hours,
        }
