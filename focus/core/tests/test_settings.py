"""Settings come from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.PASSWORD_HASHERS[0], s.EMAIL_BACKEND, s.ALLOWED_HOSTS)"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "focus.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_reads_its_settings_from_the_environment():
    result = _settings(
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "focus.example.org",
            "DATABASE_URL": "postgres://focus@db.example.org/focus",
            "EMAIL_URL": "smtp://mail.example.org:25",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert "Argon2PasswordHasher" in result.stdout
    assert "smtp.EmailBackend" in result.stdout
    assert "['focus.example.org']" in result.stdout


def test_local_use_defaults_to_sqlite_in_var_and_the_console_mailer():
    result = _settings({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert "console.EmailBackend" in result.stdout
