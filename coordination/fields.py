"""Kept for the migrations written before the field moved to ``common.fields``: they import it from here."""

from common.fields import SearchKeyField

__all__ = ["SearchKeyField"]
