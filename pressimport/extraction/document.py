"""The one document every pass reads: the prepared text and what earlier passes found in it.

``Document`` holds the text shown to the user (spans point into it), a folded copy of the
same length with page furniture blanked (see prepare.py), the sentences, the dates the page
carries about itself (a dateline, a ``date YYYY-MM`` line), and a record of the characters
each pass has explained (``claim``), so that a later pass does not read them again: a date
is not a figure, the count of a commendation is not a figure. Each pass leaves its results
on the document for the passes after it.
"""

import bisect
import re
from dataclasses import dataclass, field

from pressimport.extraction import dictionaries as D
from pressimport.extraction.folding import fold_keep
from pressimport.extraction.names import MIDDLE_NAMES, NOT_NAME_WORDS, PROVINCE_RE

_WORD = re.compile(r"[^\W\d_]+")
_LOCALITY_GAP = re.compile(r" +|\. ?")
_LOCALITY_NUMBER = re.compile(r"\d{1,3}(?![\d/.,-]\d|\d)")
# Words that start a rank, a title or an honorific, not a place name.
_NOT_A_PLACE = re.compile(
    r"(?:dai|thuong|trung|thieu) (?:tuong|ta|uy)(?![a-z])|pho |chu tich|giam doc|bi thu|truong (?:ban|phong)|ong |ba "
    r"|dong chi"
)


@dataclass
class Document:
    text: str  # shown to the user; spans point into it
    folded: str  # same length; furniture blanked
    published_on: object = None  # datetime.date of a dateline
    dateline: tuple | None = None  # its span
    date_line: tuple | None = None  # (year, month, day or None) of a " date YYYY-MM" line
    ignored: list = field(default_factory=list)  # (start, end, reason)
    headline: tuple | None = None  # a first line that reads as a headline
    sentences: list = field(default_factory=list)  # (start, end)

    # What the passes found, in the order they run.
    dates: list = field(default_factory=list)
    body_mentions: list = field(default_factory=list)
    body_at: dict = field(default_factory=dict)
    officials: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    conference: object = None
    commendations: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    movements: list = field(default_factory=list)
    models: list = field(default_factory=list)
    bodies: list = field(default_factory=list)

    def __post_init__(self):
        self.claimed = bytearray(len(self.text) + 1)  # characters read by an earlier pass
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(self.text)]
        self.word_at = {start: i for i, (start, _) in enumerate(self.words)}
        self.sentence_starts = []

    def set_sentences(self, sentences):
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]

    @property
    def f(self):
        return self.folded

    def in_headline(self, pos):
        return self.headline is not None and self.headline[0] <= pos < self.headline[1]

    def sentence_of(self, pos):
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i < 0:
            return (0, 0)
        s, e = self.sentences[i]
        return (s, e) if pos <= e else (pos, pos)

    def claim(self, start, end):
        self.claimed[start:end] = b"\x01" * (end - start)

    def is_claimed(self, start, end):
        return any(self.claimed[start:end])

    def is_sign_word(self, pos):
        """ "ký" (to sign), not "kỹ" or "kỳ", which fold the same."""
        return self.text[pos : pos + 2].lower() == "ký"

    def read_name(self, pos, max_words=4):
        """The capitalised words at ``pos`` (after spaces): (start, end, [words])."""
        while pos < len(self.text) and self.text[pos] in " \u00a0":
            pos += 1
        index = self.word_at.get(pos)
        if index is None:
            return None
        words = []
        end = pos
        while index < len(self.words) and len(words) < max_words + 1:
            s, e = self.words[index]
            word = self.text[s:e]
            if words and self.text[end:s] not in (" ", "\u00a0"):
                break
            if not (word[0].isupper() and (len(word) == 1 or word[1:].islower())):
                break
            words.append(word)
            end = e
            index += 1
        if not words:
            return None
        return pos, end, words

    def person_name(self, pos, need_surname=True):
        found = self.read_name(pos)
        if not found:
            return None
        start, end, words = found
        if not (2 <= len(words) <= 4):
            return None
        first = fold_keep(words[0])
        if fold_keep(words[0]) in NOT_NAME_WORDS and first not in D.SURNAMES:
            return None
        if need_surname and first not in D.SURNAMES:
            return None
        if any(fold_keep(w) in ("uy", "ban", "hoi", "bo", "so", "tinh") for w in words[1:]):
            return None
        return start, end, " ".join(words)

    def locality_at(self, pos, level):
        """A place name after a level word: a province, a number ("quận 9", "phường 10"), or a
        short capitalised name that is not a person's ("TP. Sông Công", "huyện Cát Hải")."""
        m = _LOCALITY_GAP.match(self.f, pos)
        if not m:
            return pos, ""
        start = m.end()
        if level in ("district", "commune", "zone"):
            number = _LOCALITY_NUMBER.match(self.f, start)
            if number:
                return number.end(), self.text[start : number.end()]
        if start >= len(self.text) or not self.text[start].isupper():
            return pos, ""
        pm = PROVINCE_RE.match(self.f, start)
        if pm:
            return pm.end(), self.text[start : pm.end()]
        if level in ("province", "central"):
            return pos, ""
        not_place = _NOT_A_PLACE.match(self.f, start)
        if not_place and (
            not_place[0] not in ("ong ", "ba ") or self.text[start : start + 3].lower() in ("ông", "bà ")
        ):
            return pos, ""  # "thành phố Đại tá …", "tỉnh Phó Chủ tịch …", but "thị xã Ba Đồn"
        found = self.read_name(start, max_words=5)
        if not found:
            return pos, ""
        _, _, words = found
        folded = [fold_keep(w) for w in words]
        if folded[0] in D.SURNAMES and len(words) >= 3 and folded[1] in MIDDLE_NAMES:
            return pos, ""  # a person's name, not a place
        # "TP. Bảo Lộc Trần Thị Mơ": the place ends where a person's name begins.
        person = next((j for j in range(1, len(words)) if folded[j] in D.SURNAMES and len(words) - j >= 2), len(words))
        if person < len(words):
            words = words[:person]
        elif level == "city" and len(words) > 3:
            return pos, ""
        take = words[:2] if len(words) >= 4 or level == "city" else words[:3]
        end = start
        for w in take:
            end = self.text.index(w, end) + len(w)
        return end, self.text[start:end]


class Pass:
    """One pass over the document: ``self.text`` and ``self.f`` (folded) are the document's."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.f = doc.folded

    def sentence_of(self, pos):
        return self.doc.sentence_of(pos)

    def claim(self, start, end):
        self.doc.claim(start, end)

    def is_claimed(self, start, end):
        return self.doc.is_claimed(start, end)
