from django.core.management.base import BaseCommand, CommandError

from cms.builds.triggers import paused
from cms.demo.benchmark_data import LOCALES, load
from cms.home.models import HomePage


class Command(BaseCommand):
    help = (
        "Load synthetic pages for the benchmarks (./scripts/bench-api, ./scripts/bench-build): "
        "--pages information pages in each of the eight languages, with their API documents "
        "and translation records. Into an empty database only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000, help="pages per language")

    def handle(self, *args, pages: int, **options):
        if pages < 1:
            raise CommandError("--pages must be at least 1")
        if HomePage.objects.exists():
            raise CommandError("the database already has pages: load into a fresh one")
        with paused():
            load(pages)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {pages} pages in each of {len(LOCALES)} languages.")
        )
