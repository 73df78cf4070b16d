import pytest
from django.core.management import call_command


@pytest.fixture
def tx_db(transactional_db):
    """A database without a wrapping transaction, for work done on commit or in other threads
    (wagtail-localize publishes translations on commit; builds run in a thread).

    A transactional test ends by emptying every table, including what migrations created;
    this puts back what every test may assume: the locales and Wagtail's root page and
    collection."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    from cms.languages import LANGUAGES, SOURCE

    for language in LANGUAGES:
        Locale.objects.get_or_create(language_code=language.code)
    # wagtail-localize creates its "submit translation" permission in a data migration.
    translation_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.get_or_create(
        content_type=translation_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", locale=Locale.objects.get(language_code=SOURCE)
            )
        )


@pytest.fixture
def demo(tx_db):
    """The full demo content."""
    call_command("load_demo_content", verbosity=0)
    return True


@pytest.fixture
def users(demo):
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.all()}
