"""PostgreSQL-only indexes for the large lists, created by migrations.

- Sort indexes matching the lists' default order exactly (``date DESC NULLS LAST, id DESC``):
  a plain index on the date, read backwards, gives NULLS FIRST, so PostgreSQL sorted the
  whole table for every page. SQLite puts NULLs last in a descending order anyway and reads
  its plain date index backwards; it cannot declare NULLS LAST in an index at all.
- Trigram (pg_trgm) GIN indexes on the folded search columns, so that the tone-mark-free
  search (``search LIKE '%ben tre%'``) does not read every row. Creating the extension needs
  the right to (a superuser, or a database owner on PostgreSQL 13+ since pg_trgm is
  "trusted"); without it the migration carries on without these indexes and search still
  works, only slower.
"""

from django.db import DatabaseError, transaction


def create(schema_editor, sort_indexes=(), trigram_tables=()):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, name, columns in sort_indexes:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} ({columns})")
    if not trigram_tables:
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return
    for table in trigram_tables:
        name = f"{table}_search_trgm"
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin (search gin_trgm_ops)"
        )


def drop(schema_editor, sort_indexes=(), trigram_tables=()):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    names = [name for _table, name, _columns in sort_indexes] + [f"{table}_search_trgm" for table in trigram_tables]
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
