"""manage.py export_po --locale de [--all] [-o FILE]: one PO file with a language's strings."""

from pathlib import Path

from django.core.management.base import BaseCommand

from cms.localisation.po import export

from ._locale import target_locale


class Command(BaseCommand):
    help = (
        "Write one PO file with every untranslated string (or, with --all, every string) of "
        "the translations into a locale, for a translation agency."
    )

    def add_arguments(self, parser):
        parser.add_argument("--locale", required=True, help="target language code, e.g. de")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="all strings with their current translations, not only untranslated ones",
        )
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, locale, everything, output, **options):
        code = target_locale(locale)
        result = export.build(code, everything=everything)
        if output:
            Path(output).write_bytes(bytes(result))
            self.stderr.write(
                f"{output}: {result.entries} string(s) from {result.translations} "
                f"translation(s) into {code} (export {result.export_id})"
            )
        else:
            self.stdout.write(str(result.po), ending="")
