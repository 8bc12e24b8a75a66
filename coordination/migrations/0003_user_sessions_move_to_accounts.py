"""UserSession now belongs to the accounts app (accounts/migrations/0001); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0002_data_version"),
        ("accounts", "0001_user_sessions_move_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="UserSession")]),
    ]
