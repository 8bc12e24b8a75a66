"""Tone-mark-free search, word by word, served by an index on both databases.

What is typed is folded ("Bến Tre" → "ben tre") and split into words; a record matches when
every word appears in its folded text (``SearchKeyField``), in any order: "cong an ben tre"
finds "Công an tỉnh Bến Tre", "quy che 04" finds "Quy chế … số 04/QC". Each word is a
``matches`` lookup on the folded column:

- on PostgreSQL, ``search LIKE '%word%'``, which the trigram (pg_trgm) GIN index of the
  column serves (common/pgindexes.py);
- on SQLite, the same condition asked of an FTS5 table with the trigram tokenizer that
  mirrors the column (``<table>_fts``, kept by triggers, see ``create_fts``): SQLite cannot
  use a plain index for a LIKE that starts with a wildcard;
- elsewhere, or where that table is missing, a plain LIKE (correct, reading every row).
"""

from django.db import DatabaseError, connections
from django.db.models import Lookup

from common.fields import SearchKeyField
from common.text import fold

MAX_WORDS = 8


def words(text: str) -> list[str]:
    """The folded words of ``text``, each once, in order (LIKE's wildcards dropped)."""
    folded = fold(text).replace("%", " ").replace("_", " ").replace("\\", " ")
    return list(dict.fromkeys(folded.split()))[:MAX_WORDS]


def _fts_tables(connection) -> frozenset:
    """The FTS tables of an SQLite database, read once per connection."""
    cached = getattr(connection, "_registry_fts_tables", None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_fts' ESCAPE '\\'")
            cached = frozenset(row[0] for row in cursor.fetchall())
        connection._registry_fts_tables = cached
    return cached


@SearchKeyField.register_lookup
class Matches(Lookup):
    """``search__matches="ben"``: the folded text contains the word (anywhere in it)."""

    lookup_name = "matches"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        word = str(self.rhs)
        if connection.vendor == "sqlite":
            model = self.lhs.target.model
            table = f"{model._meta.db_table}_fts"
            if table in _fts_tables(connection):
                quote = compiler.quote_name_unless_alias
                rowid = f"{quote(self.lhs.alias)}.{quote(model._meta.pk.column)}"
                # No ESCAPE clause: SQLite then leaves the pattern to the FTS index. words()
                # has dropped the wildcards from the word.
                sql = f"{rowid} IN (SELECT rowid FROM {quote(table)} WHERE search LIKE %s)"  # noqa: S608 - names from the models
                return sql, [f"%{word}%"]
            return f"{lhs} LIKE %s ESCAPE '\\'", [*lhs_params, f"%{word}%"]
        # PostgreSQL: backslash is LIKE's default escape; the column is text, so the trigram
        # index on it serves the condition as it is written here.
        return f"{lhs} LIKE %s", [*lhs_params, f"%{word}%"]


# The SQLite side: an FTS5 trigram table per large searchable table, kept by triggers ------


def create_fts(schema_editor, tables):
    """For each table: an FTS5 table mirroring its ``search`` column, triggers that keep it
    in step with every write (inserts, updates, deletes, whoever makes them), and its first
    filling. SQLite only; where FTS5 or its trigram tokenizer is missing (an old SQLite), the
    search stays a plain LIKE (the system check says so)."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    quote = schema_editor.quote_name
    # Only table names from the migrations, quoted, are formatted into the statements below.
    for table in tables:
        fts = quote(f"{table}_fts")
        try:
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
                f"search, content={quote(table)}, content_rowid='id', tokenize='trigram')"
            )
        except DatabaseError:
            return
        prefix = quote(f"{table}_fts")
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {quote(table + '_fts_insert')} AFTER INSERT ON {quote(table)} BEGIN "  # noqa: S608
            f"INSERT INTO {prefix}(rowid, search) VALUES (new.id, new.search); END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {quote(table + '_fts_delete')} AFTER DELETE ON {quote(table)} BEGIN "  # noqa: S608
            f"INSERT INTO {prefix}({prefix}, rowid, search) VALUES ('delete', old.id, old.search); END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {quote(table + '_fts_update')} AFTER UPDATE OF search ON {quote(table)} "  # noqa: S608
            f"BEGIN INSERT INTO {prefix}({prefix}, rowid, search) VALUES ('delete', old.id, old.search); "
            f"INSERT INTO {prefix}(rowid, search) VALUES (new.id, new.search); END"
        )
        schema_editor.execute(f"INSERT INTO {prefix}({prefix}) VALUES ('rebuild')")  # noqa: S608
    connection.__dict__.pop("_registry_fts_tables", None)


def drop_fts(schema_editor, tables):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    quote = schema_editor.quote_name
    for table in tables:
        for suffix in ("_fts_insert", "_fts_delete", "_fts_update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(table + suffix)}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {quote(table + '_fts')}")
    connection.__dict__.pop("_registry_fts_tables", None)


def has_index(model) -> bool:
    """Whether the search of ``model`` is served by an index on the default database."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        return f"{model._meta.db_table}_fts" in _fts_tables(connection)
    return connection.vendor == "postgresql"


def every_word(queryset, text, sources):
    """``queryset`` narrowed to the rows that match every word of ``text``.

    ``sources(word)`` lists querysets, each of one column: the ids of the rows matching the
    word by one of their texts (their own folded text, a related record's). Each is served by
    its own index; their union is worked out once per word and joined to the list
    (``pk IN (…)``), rather than an OR of conditions tested on every row of the list.
    """
    for word in words(text):
        first, *rest = (source.order_by() for source in sources(word))
        queryset = queryset.filter(pk__in=first.union(*rest, all=True) if rest else first)
    return queryset


def every_word_in_own_text(queryset, text):
    """``queryset`` narrowed to the rows whose own folded text holds every word of ``text``."""
    for word in words(text):
        queryset = queryset.filter(search__matches=word)
    return queryset
