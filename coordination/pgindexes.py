"""Kept for the migrations written before the module moved to ``common.pgindexes``: they import it from here."""

from common.pgindexes import create, drop

__all__ = ["create", "drop"]
