"""The tone-mark-free search of decisions and recipients served by an index on SQLite too
(common/search.py); PostgreSQL has its trigram indexes since 0004."""

from django.db import migrations

from common import search

TABLES = ["awards_awarddecision", "awards_awardrecipient"]


def forwards(apps, schema_editor):
    search.create_fts(schema_editor, TABLES)


def backwards(apps, schema_editor):
    search.drop_fts(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_derived_provinces_shards_and_statuses")]

    operations = [migrations.RunPython(forwards, backwards)]
