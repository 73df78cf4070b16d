"""manage.py import_po --locale de FILE [--user USERNAME] [--dry-run]."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.localisation.po import importer, validate

from ._locale import target_locale


class Command(BaseCommand):
    help = (
        "Import a PO file made by export_po: validated first; a file with any error changes "
        "nothing. Writes string translations only and never publishes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PO file")
        parser.add_argument("--locale", required=True, help="target language code, e.g. de")
        parser.add_argument("--user", help="username recorded as the translator")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and count, write nothing"
        )

    def handle(self, *args, file, locale, user, dry_run, **options):
        code = target_locale(locale)
        translator = None
        if user:
            try:
                translator = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"no user {user!r}") from None
        path = Path(file)
        try:
            # Read no more than the limit (plus one byte, to tell "too large").
            with path.open("rb") as handle:
                data = handle.read(validate.max_bytes() + 1)
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        report = importer.import_po(data, code, user=translator, dry_run=dry_run)
        for message in report.warnings:
            self.stderr.write(f"warning: {message}")
        if report.rejected:
            lines = [f"{file} rejected, nothing was imported:"]
            lines += [f"  {message}" for message in report.errors]
            raise CommandError("\n".join(lines))
        prefix = "dry run, nothing written" if dry_run else "imported"
        self.stdout.write(f"{file} ({code}) {prefix}: {report.summary()}")
