from django.core.management.base import BaseCommand

from cms.scheduling import periodic


class Command(BaseCommand):
    help = (
        "Queue the next run of every periodic task that has none waiting (UDSYN_PERIODIC_TASKS). "
        "Safe to run at every start and on every deploy: it never makes a second chain."
    )

    def handle(self, *args, **options):
        started = periodic.start_all()
        if options["verbosity"]:
            self.stdout.write(
                f"started: {', '.join(started)}" if started else "every periodic task is queued"
            )
