"""How names, numbers and periods are compared and recognised, shared by every pass."""

import functools
import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.folding import fold_keep

_PHRASE_ABBREVIATIONS = [
    (r"\bld ?tb ?(?:va )?xh\b", "lao dong thuong binh va xa hoi"),
    (r"\bgd ?(?:va )?dt\b", "giao duc va dao tao"),
    (r"\bcn ?vc ?ld\b", "cong nhan vien chuc lao dong"),
]


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """How names are compared: folded, abbreviations spelled out, no brackets or punctuation.

    "Liên đoàn Lao động (LĐLĐ) tỉnh", "LĐLĐ tỉnh" and "liên đoàn lao động tỉnh" are one key.
    """
    key = fold_keep(clean(name))
    key = re.sub(r"\([^()]*\)", " ", key)
    key = key.replace("&", " va ")
    key = re.sub(r"[^a-z0-9%]+", " ", key)
    key = " ".join(D.ABBREVIATIONS.get(word, word) for word in key.split())
    for pattern, replacement in _PHRASE_ABBREVIATIONS:
        key = re.sub(pattern, replacement, key)
    return " ".join(key.split())


def single_issuer(number):
    """Whether a document number names one issuer ("120/KH-UBND") rather than the two or
    more parties of a joint one ("09/QC-CAT-LĐLĐ", "01/NQLT-…", "05/CTPH-…")."""
    if not number:
        return False
    tail = number.rsplit("/", 1)[-1]
    codes = [c for c in re.split(r"[-–]", tail) if c]
    if len(codes) < 2 or re.search(r"PH|LT", codes[0]):
        return False
    return len(codes) == 2


def words_overlap(a, b):
    a, b = set(name_key(a).split()), set(name_key(b).split())
    return len(a & b) / len(a | b) if a and b else 0.0


def alternation(patterns):
    return "(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")"


PROVINCES = sorted({fold_keep(p): p for p in D.PROVINCES}.items(), key=lambda kv: -len(kv[0]))
PROVINCE_RE = re.compile(r"(?:" + "|".join(re.escape(k) for k, _ in PROVINCES) + r")(?![a-z])")
PROVINCE_NAMES = dict(PROVINCES)

MIDDLE_NAMES = {
    "van", "thi", "dinh", "huu", "duc", "minh", "quang", "xuan", "thanh", "ngoc", "hong", "kim", "cong", "quoc",
    "hoang", "anh", "tuan", "trung", "bao", "gia", "tan", "the", "phuong", "thu", "thuy", "hai", "manh", "viet",
}  # fmt: skip
NOT_NAME_WORDS = {
    "hoi", "cong", "ban", "so", "bo", "tinh", "thanh", "lien", "uy", "dang", "chu", "pho", "giam", "bi", "truong",
    "dai", "thieu", "trung", "thuong", "cac", "tai", "quy", "chuong", "ke", "hai", "ha", "toan", "vi", "doan",
    "le", "ngay", "sang", "chieu", "qua", "sau", "tham", "theo", "tren", "trong", "nam", "phong", "giay", "bang",
    "huan", "huy", "co", "ky", "nghi", "tong", "mat", "xa", "huyen", "quan", "phuong", "thi", "khu", "nha",
}  # fmt: skip
# "Lê" and "Hà" are family names but also start phrases; a name is at least two words anyway.
NOT_NAME_WORDS -= {"le", "ha", "doan", "truong", "thai", "mai", "to", "vi", "quan", "tong"}

# Periods and quotations, read by several passes.
PERIOD_RE = re.compile(r"(?<![a-z])giai doan\s*:?\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)")
PERIOD_PAREN_RE = re.compile(r"\(\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\s*\)")
QUOTE_RE = re.compile(r"[“\"«]([^”\"»\n]{3,300})[”\"»]")
SIGNED_CUE = re.compile(r"(?<![a-z])(?:ky ket|ky)(?![a-z])")
