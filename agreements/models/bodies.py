"""Sectors, the bodies in them, users' memberships, and people (officials)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.base import period_q
from agreements.models.places import Locality
from common.fields import SearchKeyField


class Sector(models.Model):
    """A branch of the political system (police, labour union, Fatherland Front …).

    Kept as data so that any pair of sectors can sign an agreement.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    search = SearchKeyField(sources=("name", "short_name", "code"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class BodyQuerySet(models.QuerySet):
    def in_localities(self, locality_ids):
        """Bodies placed in ``locality_ids`` (what a provincial leader reads, agreements.access)."""
        return self.filter(locality__in=locality_ids)

    def involving(self, body_ids):
        """None: bodies are kept by administrators, not changed by staff."""
        return self.none()


class Body(models.Model):
    """An agency or organisation at some level of its sector's hierarchy."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        GRASSROOTS = "grassroots", _("Grassroots")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="bodies")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search = SearchKeyField(sources=("name", "short_name"))

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=period_q("valid_from", "valid_to"),
                name="body_valid_to_after_valid_from",
                violation_error_message=_("A body cannot cease to exist before it was created."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="body_not_own_parent",
                violation_error_message=_("A body cannot be its own parent."),
            ),
        ]
        indexes = [models.Index(fields=["sector", "level"], name="body_sector_level")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("browse:body-detail", args=[self.pk])


class Membership(models.Model):
    """A user's place in a body: what they may enter (staff) or read (leaders).

    A leader of a central body reads everything; a leader of a provincial body reads the
    province; staff edit records their body takes part in.
    """

    class Role(models.TextChoices):
        STAFF = "staff", _("Data-entry staff")
        LEADER = "leader", _("Leader")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "body", "role"],
                name="membership_unique",
                violation_error_message=_("This user already has this role in this body."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.body}"


class PersonQuerySet(models.QuerySet):
    def in_localities(self, locality_ids):
        """People who appeared for a body placed in ``locality_ids``."""
        from agreements.models.conferences import Appearance

        return self.filter(Exists(Appearance.objects.filter(person=OuterRef("pk"), body__locality__in=locality_ids)))

    def involving(self, body_ids):
        """None: people are kept by administrators, not changed by staff."""
        return self.none()


class Person(models.Model):
    """An official. Rank and positions change, so they live on each Appearance."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search = SearchKeyField(sources=("full_name",))

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("browse:person-detail", args=[self.pk])
