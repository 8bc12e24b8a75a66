from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from common.listing import forget_choices
        from dashboard import freshness, summaries

        freshness.connect()
        summaries.connect()
        post_save.connect(forget_choices, dispatch_uid="forget-choices-save")
        post_delete.connect(forget_choices, dispatch_uid="forget-choices-delete")
