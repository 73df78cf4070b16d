from django.db import models


class BuildRun(models.Model):
    """One site build the CMS asked for, and how it went, for editors to see."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested (build hook accepted)"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Published"
        FAILED = "failed", "Failed"

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    backend = models.CharField(max_length=20)  # "hook" or "local"
    status = models.CharField(max_length=20, choices=Status.choices)
    message = models.TextField(blank=True)  # the one-line result or error
    warnings = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def warning_list(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line]
