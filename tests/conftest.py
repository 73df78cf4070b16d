import pytest
from django.core.management import call_command


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback):
    """The full demo content. Transactional: wagtail-localize publishes translations on
    commit, which a wrapping test transaction would postpone. Serialized rollback restores
    what migrations created (locales, the root page) after the flush."""
    call_command("load_demo_content", verbosity=0)

    return True


@pytest.fixture
def users(demo):
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.all()}
