"""Builds the demo content from the specs in ``content/``. Idempotent: if the Danish home page
exists, nothing is created; ``reset()`` removes all content first."""

import logging
import re
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.contacts.models import Contact
from cms.home.models import HomePage, make_default_site_root
from cms.images.models import ImageDescription
from cms.languages import SOURCE
from cms.localisation.guards import explicit_choice, untranslated
from cms.localisation.notifications import notify
from cms.review.roles import APPROVER
from cms.roles.setup import APPROVERS, EDITORS, ensure_roles, translators_group_name

from . import images, spec
from .content import contacts as contact_content
from .content import sections as section_content
from .content import welcome as welcome_content
from .content.strategy import strategy
from .images import demo_image
from .translate import translate

log = logging.getLogger("udsyn.demo")

# Keys of ListBlock children in cms.blocks (steps.steps, checklist.items, links.links).
LIST_BLOCK_KEYS = {"steps", "items", "links"}

DEMO_PASSWORD = "udsyn-demo-2026"  # noqa: S105 - demo logins, printed by ./scripts/demo
DEMO_USERS = [
    # username, groups, superuser
    ("admin", [], True),
    ("editor", [EDITORS], False),
    ("approver", [APPROVERS], False),
    ("translator-en", [translators_group_name("en")], False),
    ("translator-de", [translators_group_name("de")], False),
]


@dataclass
class Loaded:
    created: bool
    pages: dict[str, Page] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)


class DemoLoader:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.contacts: dict[str, Contact] = {}
        self.source_locale = Locale.objects.get(language_code=SOURCE)

    # -- values -------------------------------------------------------------------------
    def _resolve(self, value):
        """Replace demo references ("contact:<key>", "page:<key>") with database ids."""
        if isinstance(value, dict) and "ref" in value:
            return self.contacts[value["ref"].removeprefix("contact:")].pk
        if isinstance(value, dict) and "target" in value:
            target = value["target"]
            is_page = target.startswith("page:")
            return {
                "text": value["text"],
                "page": self.pages[target.removeprefix("page:")].pk if is_page else None,
                "url": "" if is_page else target,
            }
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        if isinstance(value, str) and 'id="page:' in value:
            return re.sub(
                r'id="page:([\w-]+)"', lambda m: f'id="{self.pages[m.group(1)].pk}"', value
            )
        return value

    @classmethod
    def _list_items(cls, value):
        """ListBlock values in Wagtail's raw form, each item with a fixed id: wagtail-localize
        addresses a list item's segments by that id, so it must survive a reload."""
        if isinstance(value, dict):
            return {
                key: [
                    {"type": "item", "value": cls._list_items(v), "id": str(uuid.uuid4())}
                    for v in item
                ]
                if key in LIST_BLOCK_KEYS
                else cls._list_items(item)
                for key, item in value.items()
            }
        return value

    def _field_value(self, name: str, value, lang: str):
        if name == "body":
            return [
                {
                    "type": block_type,
                    "value": self._list_items(self._resolve(spec.pick(block_value, lang))),
                    "id": str(uuid.uuid4()),
                }
                for block_type, block_value in value
            ]
        return spec.pick(value, lang)

    @staticmethod
    def _pairs(page_spec: spec.PageSpec, lang: str) -> dict[str, str]:
        found = list(spec.texts(page_spec.title)) + list(spec.texts(page_spec.fields))
        # Texts with inline links are segments in HTML form; the others are plain.
        return {
            spec.segment_html(text["da"])
            if spec.LINK.search(text["da"])
            else text["da"]: spec.segment_html(text[lang])
            if spec.LINK.search(text["da"])
            else text[lang]
            for text in found
            if lang in text
        }

    # -- content ------------------------------------------------------------------------
    def load_contacts(self) -> None:
        for key, data in contact_content.CONTACTS.items():
            contact = Contact.objects.create(
                locale=self.source_locale,
                **{name: spec.pick(value, SOURCE) for name, value in data.items()},
            )
            self.contacts[key] = contact
            for lang in ("en", "de"):
                pairs = {data[f]["da"]: data[f][lang] for f in ("name", "opening_hours")}
                translate(contact, lang, pairs)

    def load_images(self) -> None:
        image = demo_image()
        description = ImageDescription.objects.create(
            image=image, alt_text=images.ALT[SOURCE], locale=self.source_locale
        )
        for lang in ("en", "de"):
            translate(description, lang, {images.ALT[SOURCE]: images.ALT[lang]})

    def add_page(self, parent: Page, page_spec: spec.PageSpec) -> Page:
        model = apps.get_model(page_spec.model)
        page = model(
            title=page_spec.title[SOURCE],
            slug=page_spec.slug,
            locale=self.source_locale,
            **{
                name: self._field_value(name, value, SOURCE)
                for name, value in page_spec.fields.items()
            },
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.pages[page_spec.key] = page
        for child in page_spec.children:
            self.add_page(page, child)
        return page

    def translate_tree(self, page_spec: spec.PageSpec, skip: set[tuple[str, str]]) -> None:
        page = self.pages[page_spec.key]
        for lang in page_spec.languages:
            if (page_spec.key, lang) not in skip:
                translate(page, lang, self._pairs(page_spec, lang))
        for child in page_spec.children:
            self.translate_tree(child, skip)

    def load_home(self) -> HomePage:
        root = Page.get_first_root_node()
        home = HomePage(
            title=welcome_content.TITLE[SOURCE],
            slug=welcome_content.HOME_SLUGS[SOURCE],
            locale=self.source_locale,
            welcome=spec.pick(welcome_content.WELCOME, SOURCE),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        make_default_site_root(home)
        for lang in welcome_content.ALL:
            pairs = {welcome_content.TITLE[SOURCE]: welcome_content.TITLE[lang]}
            pairs |= {t["da"]: t[lang] for t in spec.texts(welcome_content.WELCOME)}
            translate(home, lang, pairs, slug=welcome_content.HOME_SLUGS[lang])
        self.pages["home"] = home
        return home

    def make_outdated(self) -> None:
        """Edit and publish the Danish "Moving" page after it was translated; bring German up to
        date through wagtail-localize's update path, leave English outdated."""
        page = self.pages["moving"].specific
        edit = section_content.MOVING_EDIT
        page.body = [
            {
                "type": block.block_type,
                "value": self._replace(
                    block.get_prep_value()["value"], edit["old"], edit["new"]["da"]
                ),
                # Keep block ids, as the admin does: wagtail-localize matches segments by them.
                "id": block.id,
            }
            for block in page.body
        ]
        page.save_revision().publish()
        pairs = self._pairs(section_content.MOVING, "de")
        pairs[edit["new"]["da"]] = edit["new"]["de"]
        translate(page, "de", pairs, refresh=True)

    @classmethod
    def _replace(cls, value, old: str, new: str):
        if isinstance(value, str):
            return value.replace(old, new)
        if isinstance(value, dict):
            return {key: cls._replace(item, old, new) for key, item in value.items()}
        if isinstance(value, list):
            return [cls._replace(item, old, new) for item in value]
        return value

    def make_partial(self) -> None:
        """German "Events": a translator has done part of it; saved as a draft, never live."""
        pairs = self._pairs(section_content.EVENTS, "de")
        for text in section_content.EVENTS_PARTIAL_DE_UNTRANSLATED:
            pairs.pop(text)
        translate(self.pages["events"], "de", pairs, publish=False)

    def make_machine_translated(self) -> None:
        """German "Export": two segments came from a machine translation nobody has confirmed
        yet, and it was published so (the API's meta.translation.machine_translated)."""
        page = self.pages["export"]
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale__language_code="de"
        )
        strings = StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=page.translation_key
        ).exclude(context__path="slug")
        StringTranslation.objects.filter(
            pk__in=list(strings.order_by("-pk")[:2].values_list("pk", flat=True))
        ).update(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name="LibreTranslate"
        )
        translation.save_target(publish=True)

    def make_published_with_untranslated(self) -> None:
        """German "Getting here": an approver chose to publish it with one segment still in
        Danish (the API's meta.translation.untranslated_published; its state is partial)."""
        page = self.pages["getting-here"]
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale__language_code="de"
        )
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=page.translation_key,
            context__path__startswith="body",
        ).order_by("-pk").first().delete()
        # wagtail-localize publishes on commit: the transaction ends inside the choice.
        choice = explicit_choice(translation, untranslated(translation), APPROVER)
        with choice, transaction.atomic():
            translation.save_target(publish=True)

    def load(self) -> None:
        self.load_contacts()
        self.load_images()
        home = self.load_home()
        for section in section_content.SECTIONS:
            self.add_page(home, section)
        overview = strategy()
        letter = welcome_content.LETTER
        self.add_page(home, overview)
        self.add_page(home, letter)
        skip = {("events", "de")}
        for page_spec in [*section_content.SECTIONS, overview, letter]:
            self.translate_tree(page_spec, skip)
        self.make_partial()
        self.make_outdated()
        self.make_machine_translated()
        self.make_published_with_untranslated()


def demo_exists() -> bool:
    return HomePage.objects.filter(locale__language_code=SOURCE).exists()


@transaction.atomic
def reset() -> None:
    """Remove all pages below the root, contacts and translation records. Users stay."""
    # One tree-aware queryset delete: it removes every descendant by path and keeps the root's
    # child count right. Deleting page by page lets wagtail-localize's signals remove
    # translations of a page first, leaving their subtrees orphaned.
    Page.objects.filter(depth__gt=1).delete()
    TranslationSource.objects.all().delete()
    Contact.objects.all().delete()
    for image in Image.objects.filter(title__startswith="Udsyn:"):
        image.file.delete(save=False)
        image.delete()


def ensure_users() -> None:
    User = get_user_model()  # noqa: N806
    for username, group_names, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@udsyn.example",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.set(Group.objects.filter(name__in=group_names))


def load_demo_content(reset_first: bool = False) -> Loaded:
    if reset_first:
        reset()
    created = False
    if not demo_exists():
        # Deliberately not one transaction: wagtail-localize publishes translations on commit,
        # and deferring every publish to the end would restore stale tree counters from the
        # revisions. A failed load removes what it created instead.
        try:
            DemoLoader().load()
        except BaseException:
            reset()
            raise
        created = True
    ensure_roles()
    ensure_users()
    if created:
        # The demo's edit of "Moving" came before its users existed: tell its translators now.
        notify(Page.objects.get(url_path="/da/arbejde-og-bo/flyt-til-herning/"))
    return Loaded(created=created)
