from django.db import models

from common.text import fold


class SearchKeyField(models.TextField):
    """A folded copy of some text fields, kept for tone-mark-insensitive search.

    It is filled in ``pre_save`` from ``sources`` (attribute names, or dotted paths for a
    related object's field), so every write path keeps it current, the admin and
    ``bulk_create`` included, without save() overrides. Queries compare it against
    ``common.text.fold(term)``.
    """

    def __init__(self, *args, sources=(), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key, value) == value:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        values = []
        for source in self.sources:
            value = model_instance
            for attr in source.split("."):
                value = getattr(value, attr, None) if value is not None else None
            values.append(value)
        key = self.key_for(values)
        setattr(model_instance, self.attname, key)
        return key

    @staticmethod
    def key_for(values):
        """The key for the values of ``sources``, in their order; empty values are left out.

        ``pre_save`` reads the values from the instance; bulk loaders that write plain rows
        (``devtools.bulkload``) pass them from the row, so both give the same key.
        """
        return fold(" ".join(str(value) for value in values if value))
