from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        # The dashboard's summary tables follow every write (coordination/summaries.py).
        from coordination import summaries

        summaries.connect()
