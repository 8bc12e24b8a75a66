from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Stamps each new session with its browser and address (accounts.services).
        from accounts import services  # noqa: F401
