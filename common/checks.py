"""System checks of the database the registry relies on (``check --database default``, ``migrate``)."""

from django.core import checks
from django.db import DatabaseError, connections


@checks.register(checks.Tags.database)
def trigram_search(app_configs=None, databases=None, **kwargs):
    """On PostgreSQL, the tone-mark-free search of the large tables reads trigram indexes
    (pg_trgm, common/pgindexes.py); without the extension it still answers, reading every row."""
    warnings = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                installed = cursor.fetchone() is not None
        except DatabaseError:
            continue
        if not installed:
            warnings.append(
                checks.Warning(
                    f"The PostgreSQL extension pg_trgm is not installed in the database '{alias}': "
                    "searches of conferences, decisions and people read every row.",
                    hint="As a superuser (or the database owner, PostgreSQL 13+): CREATE EXTENSION pg_trgm; "
                    "then run `python manage.py search_indexes`.",
                    id="common.W001",
                )
            )
    return warnings
