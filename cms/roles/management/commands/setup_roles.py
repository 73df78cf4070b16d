from django.core.management.base import BaseCommand

from cms.roles.setup import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or update the Editors, Approvers and per-locale Translators groups and workflows."
    )

    def handle(self, *args, **options):
        groups = ensure_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(sorted(groups))}"))
