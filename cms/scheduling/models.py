from django.db import models


class PeriodicChain(models.Model):
    """A periodic task's next queued run. The row is what ``periodic.queue_next`` locks, so
    that however many workers run the task, or start it after a restart, one run is queued at
    a time."""

    task_path = models.CharField(max_length=200, primary_key=True)
    next_run = models.UUIDField(null=True)  # the queued run's id in django_tasks_db

    def __str__(self) -> str:
        return f"{self.task_path}: next run {self.next_run}"
