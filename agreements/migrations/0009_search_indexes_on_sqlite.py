"""The tone-mark-free search served by an index on SQLite too: an FTS5 trigram table mirrors
the folded search column of each large table, kept by triggers (common/search.py). PostgreSQL
has its trigram indexes since 0005."""

from django.db import migrations

from common import search

TABLES = ["agreements_agreement", "agreements_conference", "agreements_person"]


def forwards(apps, schema_editor):
    search.create_fts(schema_editor, TABLES)


def backwards(apps, schema_editor):
    search.drop_fts(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0008_agreement_status_from_dates_and_links_and_obligations")]

    operations = [migrations.RunPython(forwards, backwards)]
