from django.core.management.base import BaseCommand

from cms.api import docs


class Command(BaseCommand):
    help = "Regenerate docs/api.md with example responses from the current (demo) content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="exit 1 if docs/api.md is not up to date; write nothing",
        )

    def handle(self, *args, check=False, **options):
        text = docs.render()
        if check:
            if docs.DOC.read_text(encoding="utf-8") != text:
                self.stderr.write("docs/api.md is out of date: run python manage.py api_docs")
                raise SystemExit(1)
            self.stdout.write("docs/api.md is up to date.")
            return
        docs.DOC.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {docs.DOC}"))
