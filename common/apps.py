from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Helpers every app may use; it imports no app of the project."""

    name = "common"

    def ready(self):
        from common import checks  # noqa: F401 - registers the database checks
