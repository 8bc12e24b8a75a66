from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    """The project package: settings, root URLs, middleware and the page shell."""

    name = "coordination"
