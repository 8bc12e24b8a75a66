"""Fast writes of plain rows into a model's table, for generated data sets (``seed_scale``).

``bulk_create`` builds a model instance per row and runs every field's ``pre_save`` and
``get_db_prep_save`` on it, then renders an INSERT per batch; past a few hundred thousand
rows that costs far more than the database's own work. A ``TableLoader`` takes plain tuples
with explicit ids and hands them to the DB-API cursor: ``COPY … FROM STDIN`` on PostgreSQL,
one prepared INSERT with ``executemany`` elsewhere. It bypasses Django's debug cursor, so
``DEBUG = True`` does not keep every statement in memory, and writes no change history.

The caller gives ready values (str, int, Decimal, date, None) in column order; every other
column is filled like ``bulk_create`` would: defaults (a callable one evaluated once per
loader), the time of loading for ``auto_now``/``auto_now_add``, and ``SearchKeyField`` keys
computed from the row. After loading rows with explicit ids, call ``reset_sequences`` so
that later inserts through the ORM get fresh ids.
"""

import datetime
from itertools import islice

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Max
from django.utils import timezone

from common.fields import SearchKeyField

# COPY's text format: a tab between columns, a newline after each row, \N for NULL, and
# these characters escaped inside text values.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_BATCH = 2000  # rows per piece of text handed to the driver


def next_id(model, *, using=DEFAULT_DB_ALIAS) -> int:
    """The first id after every row already in ``model``'s table (1 for an empty table)."""
    return (model._default_manager.using(using).aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(models_written, *, using=DEFAULT_DB_ALIAS) -> None:
    """Make the next ORM insert into these tables take an id after the ones written.

    On PostgreSQL each table's id sequence is set to its largest id. SQLite needs nothing:
    an AUTOINCREMENT key continues after the largest id ever written, explicit ones included.
    """
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.cursor.execute(sql)


def _copy_text(value):
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)  # int, Decimal, date, aware datetime: PostgreSQL reads their str()


class _Reader:
    """The file-like object psycopg2's ``copy_expert`` reads COPY text from, piece by piece."""

    def __init__(self, pieces):
        self._pieces = pieces

    def read(self, size=-1):
        return next(self._pieces, "")


class TableLoader:
    """Writes rows of ``columns`` (attribute names, e.g. ``"id"``, ``"conference_id"``) into
    ``model``'s table, filling the other concrete columns as described in the module docstring.

    An auto-numbered primary key left out of ``columns`` is numbered by the database.
    """

    def __init__(self, model, columns, *, using=DEFAULT_DB_ALIAS):
        self.model = model
        self.connection = connections[using]
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = [name for name in columns if name not in fields]
        if unknown:
            raise ValueError(f"{model._meta.label} has no column {', '.join(unknown)}.")
        self.columns = list(columns)
        position = {name: index for index, name in enumerate(self.columns)}
        filled, constants, keys = {}, {}, []
        for name, field in fields.items():
            if name in position:
                continue
            if isinstance(field, SearchKeyField):
                keys.append(field)
            elif field.primary_key and isinstance(field, models.AutoField):
                continue
            else:
                constants[name] = self._default(field)
                filled[name] = field.get_db_prep_save(constants[name], self.connection)
        self._filled = tuple(filled.values())
        self._keys = [self._key_function(field, position, constants) for field in keys]
        quote = self.connection.ops.quote_name
        self._table = quote(model._meta.db_table)
        names = [*self.columns, *filled, *(field.attname for field in keys)]
        self._column_list = ", ".join(quote(fields[name].column) for name in names)
        self._width = len(names)

    @staticmethod
    def _default(field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            # As DateField.pre_save / DateTimeField.pre_save would set them.
            return timezone.now() if isinstance(field, models.DateTimeField) else datetime.date.today()
        # As a new instance gets it: the default, else "" for text and None for the rest (a
        # NOT NULL column without a default then fails in the database, as with bulk_create).
        return field.get_default()

    def _key_function(self, field, position, constants):
        """A function of a row giving ``field``'s search key, as ``SearchKeyField.pre_save`` would."""
        getters = []
        for source in field.sources:
            if source in position:
                getters.append(lambda row, index=position[source]: row[index])
            elif source in constants:
                getters.append(lambda row, value=constants[source]: value)
            else:
                # A dotted path through a relation (or a non-column attribute) cannot be read
                # from a plain row; no model loaded this way needs one yet.
                raise ValueError(
                    f"{self.model._meta.label}.{field.attname}: source {source!r} is not a column; "
                    "give the key's values in the row."
                )
        return lambda row: field.key_for([get(row) for get in getters])

    def _full_rows(self, rows):
        filled, keys = self._filled, self._keys
        if not keys:
            return (tuple(row) + filled for row in rows)
        return ((*row, *filled, *(key(row) for key in keys)) for row in rows)

    def write(self, rows) -> None:
        """Write ``rows`` (tuples in the order of ``columns``; any iterable, a generator too)."""
        rows = self._full_rows(rows)
        with self.connection.cursor() as cursor:
            # The driver's own cursor: no debug wrapper recording every statement.
            raw = cursor.cursor
            if self.connection.vendor == "postgresql":
                self._copy(raw, rows)
            else:
                placeholders = ", ".join(["%s"] * self._width)
                # Only quoted names from the model's meta in the text; the values go as parameters.
                sql = f"INSERT INTO {self._table} ({self._column_list}) VALUES ({placeholders})"  # noqa: S608
                raw.executemany(sql, rows)

    def _copy(self, raw, rows):
        sql = f"COPY {self._table} ({self._column_list}) FROM STDIN"
        lines = ("\t".join(map(_copy_text, row)) + "\n" for row in rows)
        pieces = iter(lambda: "".join(islice(lines, _COPY_BATCH)), "")
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, _Reader(pieces))
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                for piece in pieces:
                    copy.write(piece)
