from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "coordination"

    def ready(self):
        # Connects the login signal that stamps each new session (coordination.accounts).
        from coordination import (
            accounts,  # noqa: F401
            freshness,
        )

        freshness.connect()
