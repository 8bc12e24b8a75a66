from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(models.Model):
    """A logged-in session as its user sees it on the account page: which browser, from where.

    Created at login and refreshed at most once a minute by SessionLimitsMiddleware. It
    belongs to the database session row, so it goes when that row goes (logout, ending the
    session from the account page, ``clearsessions``).
    """

    session = models.OneToOneField(
        "sessions.Session", on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created = models.DateTimeField(_("logged in"))
    last_seen = models.DateTimeField(_("last activity"))

    class Meta:
        # The table keeps the name it had when the model lived in the project package.
        db_table = "coordination_usersession"
        verbose_name = _("user session")
        verbose_name_plural = _("user sessions")
        ordering = ["-last_seen"]
        indexes = [models.Index(fields=["user", "-last_seen"], name="usersession_user_seen")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_seen__gte=models.F("created")), name="usersession_seen_after_login"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.ip or '?'} · {self.last_seen:%Y-%m-%d %H:%M}"
