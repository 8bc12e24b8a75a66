import datetime
import os
import subprocess
import sys
from pathlib import Path

from django import forms
from django.contrib.auth.hashers import get_hasher
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_subprocess(env, expression):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="coordination.settings")
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(  # noqa: S603 - runs this interpreter on a constant snippet
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _settings_in_subprocess({"DEBUG": "false"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_starts_with_a_secret_key_when_debug_is_off():
    result = _settings_in_subprocess({"DEBUG": "false", "SECRET_KEY": "x" * 60}, "settings.DEBUG")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_it_runs_on_an_sqlite_file_with_no_configuration_at_all():
    result = _settings_in_subprocess(
        {}, "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']"
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and "db.sqlite3" in result.stdout


def test_postgresql_connections_are_kept_open_for_sixty_seconds_by_default():
    url = {"DATABASE_URL": "postgres://someone@127.0.0.1:5432/somewhere"}
    result = _settings_in_subprocess(url, "settings.DATABASES['default']['CONN_MAX_AGE']")
    assert result.stdout.strip() == "60"
    result = _settings_in_subprocess({**url, "CONN_MAX_AGE": "5"}, "settings.DATABASES['default']['CONN_MAX_AGE']")
    assert result.stdout.strip() == "5"


def test_the_interface_is_vietnamese_in_the_hanoi_time_zone():
    # Read from the settings module itself: the tests switch the running language to English.
    from coordination import settings as project_settings

    assert project_settings.LANGUAGE_CODE == "vi"
    assert project_settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_dates_are_read_day_first_as_vietnamese_staff_type_them():
    class DateForm(forms.Form):
        day = forms.DateField()

    with translation.override("vi"):
        for typed in ("12/9/2017", "12-9-2017", "12.9.2017", "2017-09-12"):
            form = DateForm({"day": typed})
            assert form.is_valid(), typed
            assert form.cleaned_data["day"] == datetime.date(2017, 9, 12)


def test_tests_hash_passwords_with_the_fast_md5_hasher():
    assert get_hasher().algorithm == "md5"
