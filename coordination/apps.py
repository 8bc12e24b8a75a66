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
        # Filter choices (coordination.listing) are read afresh after a write of their model.
        from django.db.models.signals import post_delete, post_save

        from coordination.listing import forget_choices

        post_save.connect(forget_choices, dispatch_uid="forget-choices-save")
        post_delete.connect(forget_choices, dispatch_uid="forget-choices-delete")
