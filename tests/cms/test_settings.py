import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings",
        "cms.settings.production",
        env={
            "DJANGO_SECRET_KEY": "x" * 20 + "-not-a-real-key-but-long-enough-0123456789",
            "DJANGO_ALLOWED_HOSTS": "cms.udsyn.example",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret():
    result = manage(
        "check",
        "--settings",
        "cms.settings.production",
        env={"DJANGO_ALLOWED_HOSTS": "cms.udsyn.example"},
    )
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr
