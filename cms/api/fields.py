"""Serializer fields added to the public pages endpoint."""

from rest_framework.fields import Field


class SitePathField(Field):
    """The page's path below its language's home page ("" for the home page itself).

    The build prefixes the language folder, so the static URL never depends on the CMS's host
    name or on the slug of each locale's home page."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        # url_path is "/<home-slug>/<section>/<page>/"; drop the root and home segments.
        parts = [part for part in page.url_path.split("/") if part]
        return "/".join(parts[1:]) + ("/" if len(parts) > 1 else "")


class TranslationKeyField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return str(page.translation_key)
