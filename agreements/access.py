"""Who may read and change what.

- Administrators (superusers) and central leaders (a leader membership in a central body)
  read everything; administrators also change everything.
- Staff change the records their bodies take part in (agreements they are party to,
  conferences they host or attend, decisions they award or that were handed out at their
  conferences) and read everything else.
- Provincial leaders read the records of their province: the current province of their
  body's locality, including the old provinces it absorbed on 1 July 2025.
- Anyone else reads nothing.

The rules are applied to querysets (``readable``/``editable``), so lists, detail pages,
exports and search all answer the same way; views never rely on hidden buttons.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agreements.models import (
    Body,
    Locality,
    LocalitySuccession,
    Membership,
)


@dataclass(frozen=True)
class Access:
    is_admin: bool = False
    reads_all: bool = False
    staff_body_ids: frozenset = frozenset()
    # Localities whose records a provincial leader reads (None: not limited to provinces).
    locality_ids: frozenset = frozenset()

    @property
    def can_enter(self) -> bool:
        return self.is_admin or bool(self.staff_body_ids)

    @property
    def reads_anything(self) -> bool:
        return self.reads_all or bool(self.locality_ids)


def province_localities(locality_ids) -> set[int]:
    """The current provinces of ``locality_ids`` and every old province they absorbed."""
    current = set(
        Locality.objects.filter(pk__in=locality_ids, valid_to__isnull=True).values_list("pk", flat=True)
    ) | set(LocalitySuccession.objects.filter(predecessor__in=locality_ids).values_list("successor", flat=True))
    absorbed = LocalitySuccession.objects.filter(successor__in=current).values_list("predecessor", flat=True)
    return current | set(absorbed)


def access_for(user) -> Access:
    """The user's access, computed once per user object (two or three queries)."""
    if not user.is_authenticated or not user.is_active:
        return Access()
    cached = getattr(user, "_coordination_access", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        access = Access(is_admin=True, reads_all=True)
    else:
        memberships = list(Membership.objects.filter(user=user).select_related("body"))
        staff = frozenset(m.body_id for m in memberships if m.role == Membership.Role.STAFF)
        leaders = [m.body for m in memberships if m.role == Membership.Role.LEADER]
        reads_all = bool(staff) or any(b.level == Body.Level.CENTRAL for b in leaders)
        localities = frozenset()
        if not reads_all:
            localities = frozenset(province_localities([b.locality_id for b in leaders if b.locality_id]))
        access = Access(reads_all=reads_all, staff_body_ids=staff, locality_ids=localities)
    user._coordination_access = access
    return access


def scope_key(user):
    """What the records ``user`` may read depend on, for cache keys (``readable``)."""
    access = access_for(user)
    return ("all",) if access.reads_all else tuple(sorted(access.locality_ids))


def readable(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may read.

    What "in a province" means for a kind of record is its model's rule
    (``QuerySet.in_localities``): parties for an agreement, bodies for a conference,
    authorities and conference for a commendation.
    """
    access = access_for(user)
    if access.reads_all:
        return queryset
    if not access.locality_ids:
        return queryset.none()
    return queryset.in_localities(access.locality_ids)


def may_edit(model, pk, user) -> bool:
    """Whether ``user`` may change the ``model`` row ``pk`` through the web interface."""
    return editable(model.objects.filter(pk=pk), user).exists()


def editable(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may change through the web interface: the
    records their bodies take part in (``QuerySet.involving``); administrators change all."""
    access = access_for(user)
    if access.is_admin:
        return queryset
    if not access.staff_body_ids:
        return queryset.none()
    return queryset.involving(access.staff_body_ids)


# Records whose names a change history may mention only to readers who may read them (bodies
# and people are shown as part of the records they take part in).
NAMED_WITH_CARE = {"agreements.Agreement", "agreements.Conference", "awards.AwardDecision"}


def hidden_among(user):
    """For change histories (common.history): a function giving, of some records of one model,
    the ids ``user`` may not read; None when they read everything."""
    if access_for(user).reads_all:
        return None

    def hidden(model, pks):
        if model._meta.label not in NAMED_WITH_CARE:
            return set()
        return set(pks) - set(readable(model.objects.filter(pk__in=pks), user).values_list("pk", flat=True))

    return hidden


# The checks of the write services: every record a write creates, changes or points at -----
# (forms only narrow the choices; a forged post meets these).


def own_bodies(user):
    """The bodies ``user`` enters for, or None for an administrator (every body)."""
    access = access_for(user)
    return None if access.is_admin else access.staff_body_ids


def _refuse(message, field=None):
    raise ValidationError({field: [message]} if field else message, code="refused")


def require_editable(record, user, *, field=None, message=None):
    """Refuse unless ``user`` may change ``record`` (saved, or None: nothing to check)."""
    if record is None or record.pk is None:
        return
    if not editable(type(record).objects.filter(pk=record.pk), user).exists():
        _refuse(message or _("You may not change “%(record)s”.") % {"record": record}, field)


def require_readable(record, user, *, field=None):
    if record is None or record.pk is None:
        return
    if not readable(type(record).objects.filter(pk=record.pk), user).exists():
        _refuse(_("No such record."), field)


def require_own_body(bodies, user, *, field=None, message):
    """Refuse unless one of ``bodies`` is one of ``user``'s (administrators: any)."""
    mine = own_bodies(user)
    if mine is not None and not {body.pk if hasattr(body, "pk") else body for body in bodies} & set(mine):
        _refuse(message, field)
