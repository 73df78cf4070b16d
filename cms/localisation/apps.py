from django.apps import AppConfig


class LocalisationConfig(AppConfig):
    name = "cms.localisation"
    label = "localisation"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from .signals import record_source_change

        page_published.connect(record_source_change, dispatch_uid="udsyn-source-change")

        from .guards import install

        install()
