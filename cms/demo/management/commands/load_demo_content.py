from django.core.management.base import BaseCommand
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.builds.triggers import paused
from cms.contacts.models import Contact
from cms.demo.loader import DEMO_PASSWORD, DEMO_USERS, load_demo_content


class Command(BaseCommand):
    help = (
        "Load Udsyn's demo content: the international strategy (Danish, with its English "
        "translation), the welcome text in eight languages, the information set in da/en/de, "
        "fictional contacts, roles and demo users. Safe to run again; --reset starts over."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete all pages and contacts first."
        )

    def handle(self, *args, reset=False, **options):
        with paused():  # one build after the load, not one per page published
            result = load_demo_content(reset_first=reset)
        verb = "Loaded" if result.created else "Demo content already present; nothing changed:"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {Page.objects.filter(depth__gt=1).count()} pages, "
                f"{Translation.objects.count()} translations, {Contact.objects.count()} contacts."
            )
        )
        logins = ", ".join(name for name, *_ in DEMO_USERS)
        self.stdout.write(f"Demo logins ({logins}) use the password {DEMO_PASSWORD!r}.")
