from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """Machine translation, its confirmation by a person, and an approver's explicit choice to
    publish a translation with source-language text in its gaps."""

    name = "cms.review"
    label = "review"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from .flags import record_published_facts

        page_published.connect(record_published_facts, dispatch_uid="udsyn-review-facts")
