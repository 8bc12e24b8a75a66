from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row whose number every write to the registry's records raises (dashboard.freshness).

    Results computed from many rows (the dashboard's numbers, the reviews due) are cached
    under this number, so a cached result is never older than the data it was computed from.
    """

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return str(self.number)
