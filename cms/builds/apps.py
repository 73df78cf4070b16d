from django.apps import AppConfig


class BuildsConfig(AppConfig):
    name = "cms.builds"
    label = "builds"
    verbose_name = "Site builds"

    def ready(self) -> None:
        from django.db import transaction
        from wagtail.signals import page_published, page_unpublished

        from .triggers import request_build

        def on_change(sender, instance, **kwargs):
            # After the commit: the build reads the API, which must already show the change.
            reason = "unpublished" if kwargs.get("signal") is page_unpublished else "published"
            transaction.on_commit(lambda: request_build(f"{instance.title!r} {reason}"))

        # weak=False: on_change is local to this method and would be collected otherwise.
        page_published.connect(on_change, weak=False, dispatch_uid="udsyn-build-published")
        page_unpublished.connect(on_change, weak=False, dispatch_uid="udsyn-build-unpublished")
