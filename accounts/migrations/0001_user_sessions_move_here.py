"""UserSession moves from the project package to accounts; its table stays where it is."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    # Permissions and admin log entries follow the model to its new app.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="coordination", model="usersession").update(app_label="accounts")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model="usersession").update(app_label="coordination")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sessions", "0001_initial"),
        ("coordination", "0002_data_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="UserSession",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("user_agent", models.CharField(blank=True, max_length=300, verbose_name="browser")),
                        ("ip", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address")),
                        ("created", models.DateTimeField(verbose_name="logged in")),
                        ("last_seen", models.DateTimeField(verbose_name="last activity")),
                        (
                            "session",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="sessions.session",
                                verbose_name="session",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "user session",
                        "verbose_name_plural": "user sessions",
                        "db_table": "coordination_usersession",
                        "ordering": ["-last_seen"],
                        "indexes": [models.Index(fields=["user", "-last_seen"], name="usersession_user_seen")],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("last_seen__gte", models.F("created"))),
                                name="usersession_seen_after_login",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[migrations.RunPython(move_content_type, move_content_type_back)],
        ),
    ]
