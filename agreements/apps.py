from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Coordination agreements")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from agreements.models import Agreement, Conference
        from coordination.listing import forget_periods

        for model in (Agreement, Conference):
            post_save.connect(forget_periods, sender=model, dispatch_uid=f"forget-periods-{model._meta.label}")
            post_delete.connect(forget_periods, sender=model, dispatch_uid=f"forget-periods-{model._meta.label}-d")
