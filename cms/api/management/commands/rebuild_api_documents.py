from django.core.management.base import BaseCommand

from cms.api.documents import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the public API documents of every live page (after a deploy that changes them)."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {count} page documents."))
