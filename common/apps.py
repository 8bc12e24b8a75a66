from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Helpers every app may use; it imports no app of the project."""

    name = "common"

    def ready(self):
        from common import checks, search  # noqa: F401 - the database checks, the `matches` lookup
