from django.db import migrations

from coordination import pgindexes

SORT_INDEXES = [
    ("awards_awarddecision", "awarddecision_newest_first", "decided_on DESC NULLS LAST, id DESC"),
]
TRIGRAM_TABLES = ["awards_awarddecision", "awards_awardrecipient", "awards_awardform"]


def forwards(apps, schema_editor):
    pgindexes.create(schema_editor, SORT_INDEXES, TRIGRAM_TABLES)


def backwards(apps, schema_editor):
    pgindexes.drop(schema_editor, SORT_INDEXES, TRIGRAM_TABLES)


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_deletion_keeps_facts")]

    operations = [migrations.RunPython(forwards, backwards)]
