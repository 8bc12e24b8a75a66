from django.db import migrations

from coordination import pgindexes

SORT_INDEXES = [
    ("agreements_conference", "conference_newest_first", "held_on DESC NULLS LAST, id DESC"),
    ("agreements_agreement", "agreement_newest_first", "signed_on DESC NULLS LAST, id DESC"),
]
TRIGRAM_TABLES = [
    "agreements_agreement",
    "agreements_agreementalias",
    "agreements_conference",
    "agreements_body",
    "agreements_person",
    "agreements_locality",
]


def forwards(apps, schema_editor):
    pgindexes.create(schema_editor, SORT_INDEXES, TRIGRAM_TABLES)


def backwards(apps, schema_editor):
    pgindexes.drop(schema_editor, SORT_INDEXES, TRIGRAM_TABLES)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_deletion_keeps_facts")]

    operations = [migrations.RunPython(forwards, backwards)]
