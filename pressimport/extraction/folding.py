"""Folding that keeps every position: lower case, no tone marks, one character in, one out."""

import unicodedata


def _fold_char(ch):
    if ch in "đĐ":
        return "d"
    if ch in "\u00a0\u2009\u202f\u2007\t\u200b":
        return " "
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


_FOLD = {cp: _fold_char(chr(cp)) for cp in [*range(0x41, 0x5B), *range(0x80, 0x250), *range(0x1E00, 0x1F00)]}
_FOLD.update(dict.fromkeys((9, 8203, 8199, 8201, 8239), " "))


def fold_keep(text: str) -> str:
    """Lower case without tone marks, "đ" → "d", same length as ``text``."""
    return text.translate(_FOLD)
