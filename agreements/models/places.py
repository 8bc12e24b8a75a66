"""Provinces and lower units, with what they were merged into on 1 July 2025."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.base import period_q
from common.fields import SearchKeyField


class Locality(models.Model):
    """A province or lower administrative unit, valid over a span of time.

    Provinces merged on 1 July 2025 keep their rows (valid to 30 June 2025); the new
    province lists the old ones it absorbed as ``predecessors``.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province / centrally-run city")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune / ward")

    key = models.SlugField(_("key"), max_length=80, unique=True, help_text=_("Stable identifier, e.g. 63-tinhbentre."))
    code = models.CharField(_("statistical code"), max_length=10, blank=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.PROVINCE)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("merged into"),
        through="LocalitySuccession",
        through_fields=("predecessor", "successor"),
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )
    search = SearchKeyField(sources=("name", "short_name"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["name", "key"]
        constraints = [
            models.CheckConstraint(
                condition=period_q("valid_from", "valid_to"),
                name="locality_valid_to_after_valid_from",
                violation_error_message=_("A locality cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="locality_not_own_parent",
                violation_error_message=_("A locality cannot be its own parent."),
            ),
        ]

    def __str__(self):
        if self.valid_to:
            return _("%(name)s (until %(date)s)") % {
                "name": self.name,
                "date": self.valid_to.strftime("%d/%m/%Y"),
            }
        return self.name


class LocalitySuccession(models.Model):
    """An old locality merged (wholly or partly) into a new one on ``effective_on``."""

    # PROTECT: who reads what follows these rows (a provincial leader reads the old provinces
    # the new one absorbed); deleting a locality must not silently change that.
    predecessor = models.ForeignKey(
        Locality, verbose_name=_("old locality"), on_delete=models.PROTECT, related_name="succession_to"
    )
    successor = models.ForeignKey(
        Locality, verbose_name=_("new locality"), on_delete=models.PROTECT, related_name="succession_from"
    )
    effective_on = models.DateField(_("effective on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locality succession")
        verbose_name_plural = _("locality successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="locality_succession_unique",
                violation_error_message=_("This succession is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="locality_succession_not_self",
                violation_error_message=_("A locality cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.name} → {self.successor.name}"
