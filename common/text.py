"""Vietnamese text helpers shared by both apps."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """One spelling per name: NFC, single spaces, no leading or trailing blanks.

    Text pasted from web pages mixes NFC and NFD (decomposed tone marks) and no-break
    spaces; both would otherwise make "Thái Bình" two different names.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str) -> str:
    """Search key: lower case, tone marks and the stroke of "đ" removed.

    "Thái Bình", "THAI BINH" and "thai binh" fold to the same key; "Đảng" to "dang".
    """
    decomposed = unicodedata.normalize("NFD", clean(text).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.casefold()
