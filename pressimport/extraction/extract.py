"""Rules that read a Vietnamese press report of a coordination conference.

``extract(text)`` proposes, each with the span of text it came from and a confidence:
agreements (kind, number, signing date, period, parties, role at the event, subject), the
conference (kinds, date, reviewed period, place), bodies, officials (name, rank, positions,
body), commendation lines, reported figures, movements and model practices.

The rules read a folded copy of the text (see prepare.py) in several passes, each one
claiming the characters it explains so that a later pass does not read them again: dates
and agreement numbers are not figures, the count of a commendation is not a figure, a body
named inside an official's party position is not a party. Values below THRESHOLD are kept
apart (``Extraction.uncertain``) and left for the user to decide.
"""

import functools
import re
from dataclasses import dataclass, field

from common.forms import parse_vietnamese_number
from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.prepare import (
    Document,
    ExtractionError,
    check_text,
    date_mentions,
    fold_keep,
    infer_year,
    normalise_input,
    prepare,
)

THRESHOLD = 0.5

__all__ = ["THRESHOLD", "Extraction", "ExtractionError", "extract", "name_key"]


# Names ------------------------------------------------------------------------------------------

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


def _single_issuer(number):
    """Whether a document number names one issuer ("120/KH-UBND") rather than the two or
    more parties of a joint one ("09/QC-CAT-LĐLĐ", "01/NQLT-…", "05/CTPH-…")."""
    if not number:
        return False
    tail = number.rsplit("/", 1)[-1]
    codes = [c for c in re.split(r"[-–]", tail) if c]
    if len(codes) < 2 or re.search(r"PH|LT", codes[0]):
        return False
    return len(codes) == 2


def _words_overlap(a, b):
    a, b = set(name_key(a).split()), set(name_key(b).split())
    return len(a & b) / len(a | b) if a and b else 0.0


# Results ------------------------------------------------------------------------------------------


@dataclass
class Item:
    span: tuple
    confidence: float


@dataclass
class BodyMention:
    start: int
    end: int
    name: str
    sector: str
    level: str | None
    locality: str
    bare: bool = False  # a sector named without its level ("Công an"), not one body
    generic: bool = False  # a category of bodies ("các cấp công đoàn")
    affiliation: bool = False  # only where someone belongs ("trực thuộc LĐLĐ huyện")
    suppressed: bool = False  # inside an official's party position
    synthetic: bool = False

    @property
    def key(self):
        return name_key(self.name)

    @property
    def specific(self):
        return not (self.bare or self.generic or self.suppressed)


@dataclass
class Body(Item):
    name: str
    sector: str
    level: str | None
    locality: str
    mentions: list = field(default_factory=list)


@dataclass
class Position:
    start: int
    end: int
    text: str
    title: str
    body: BodyMention | None
    party: bool


@dataclass
class Official(Item):
    name: str
    rank: str | None
    honorific: str | None
    positions: list
    body: str | None
    body_mention: BodyMention | None = None
    role: str = "speaker"
    name_span: tuple = (0, 0)

    @property
    def position(self):
        return ", ".join(p.text for p in self.positions) or None


@dataclass
class Mention:
    start: int
    end: int  # end of the phrase read with it (number, date, subject, parties, period)
    kind: str
    kind_label: str
    number: str | None = None
    signed_on: object = None
    subject: str | None = None
    parties: list = field(default_factory=list)  # (text, BodyMention|None)
    period: tuple | None = None
    new_period: bool = False
    generic_parties: bool = False
    single_body: bool = False  # a body's own plan or rules ("Kế hoạch số 120/KH-UBND của UBND tỉnh")
    coordination: bool = False  # named as such: "… phối hợp", "… liên ngành", "… liên tịch"
    role: str | None = None
    strong: bool = False
    nested_in: "Mention | None" = None
    sentence: tuple = (0, 0)


@dataclass
class Agreement(Item):
    kind: str
    kind_label: str
    number: str | None = None
    signed_on: object = None
    period: tuple | None = None
    parties: list = field(default_factory=list)  # names as written
    party_bodies: list = field(default_factory=list)  # BodyMention
    role: str | None = None
    subject: str | None = None
    title: str = ""
    implements: "Agreement | None" = None
    mentions: list = field(default_factory=list)


@dataclass
class Conference:
    kind: tuple | None = None  # (label, span, confidence)
    also_kinds: list = field(default_factory=list)
    held_on: tuple | None = None  # (date, span, confidence)
    held_on_text: tuple | None = None
    reviewed_period: tuple | None = None  # ((start, end), span, confidence)
    place: tuple | None = None


@dataclass
class Commendation(Item):
    form: str
    awarded_by: str | None
    recipients_count: int | None
    collective_count: int | None
    individual_count: int | None
    text: str
    authority_bodies: list = field(default_factory=list)
    reason: str = ""


@dataclass
class Figure(Item):
    value: object
    unit: str
    what: str
    text: str
    body: BodyMention | None = None
    context: str = ""  # the clause it was read in


@dataclass
class Named(Item):
    name: str
    canonical: str | None = None


@dataclass
class Extraction:
    text: str
    published_on: object = None
    ignored: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    conference: Conference = field(default_factory=Conference)
    bodies: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    commendations: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    movements: list = field(default_factory=list)
    models: list = field(default_factory=list)
    provinces: list = field(default_factory=list)
    hosts: list = field(default_factory=list)  # names of the bodies holding the conference
    seconds: float = 0.0

    def proposed(self, name):
        return [item for item in getattr(self, name) if item.confidence >= THRESHOLD]

    def uncertain(self, name):
        return [item for item in getattr(self, name) if item.confidence < THRESHOLD]

    @property
    def is_empty(self):
        groups = ("agreements", "officials", "commendations", "figures", "movements", "models")
        return not any(self.proposed(name) for name in groups) and self.conference.kind is None

    def to_json(self, *, include_uncertain=False):
        from pressimport.extraction.output import extraction_json

        return extraction_json(self, include_uncertain=include_uncertain)


# The reader ----------------------------------------------------------------------------------------


def _alternation(patterns):
    return "(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")"


_PROVINCES = sorted({fold_keep(p): p for p in D.PROVINCES}.items(), key=lambda kv: -len(kv[0]))
_PROVINCE_RE = re.compile(r"(?:" + "|".join(re.escape(k) for k, _ in _PROVINCES) + r")(?![a-z])")
_LEVEL_RE = re.compile(r" +(" + "|".join(f"(?P<l{i}>{p})" for i, (p, _) in enumerate(D.LEVELS)) + r")(?![a-z])")
_HEAD_RE = re.compile(
    r"(?<![a-z0-9/-])(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _, _) in enumerate(D.BODY_HEADS)) + r")(?![a-z])"
)
_PAREN = re.compile(r"\s*\([^()\n]{1,20}\)")
_WORD = re.compile(r"[^\W\d_]+")
_MIDDLE_NAMES = {
    "van", "thi", "dinh", "huu", "duc", "minh", "quang", "xuan", "thanh", "ngoc", "hong", "kim", "cong", "quoc",
    "hoang", "anh", "tuan", "trung", "bao", "gia", "tan", "the", "phuong", "thu", "thuy", "hai", "manh", "viet",
}  # fmt: skip
_NOT_NAME_WORDS = {
    "hoi", "cong", "ban", "so", "bo", "tinh", "thanh", "lien", "uy", "dang", "chu", "pho", "giam", "bi", "truong",
    "dai", "thieu", "trung", "thuong", "cac", "tai", "quy", "chuong", "ke", "hai", "ha", "toan", "vi", "doan",
    "le", "ngay", "sang", "chieu", "qua", "sau", "tham", "theo", "tren", "trong", "nam", "phong", "giay", "bang",
    "huan", "huy", "co", "ky", "nghi", "tong", "mat", "xa", "huyen", "quan", "phuong", "thi", "khu", "nha",
}  # fmt: skip
# "Lê" and "Hà" are family names but also start phrases; a name is at least two words anyway.
_NOT_NAME_WORDS -= {"le", "ha", "doan", "truong", "thai", "mai", "to", "vi", "quan", "tong"}


class _Reader:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.f = doc.folded
        self.claimed = bytearray(len(doc.text) + 1)  # characters read by an earlier pass
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(self.text)]
        self.word_at = {start: i for i, (start, _) in enumerate(self.words)}
        self.sentence_starts = [s for s, _ in doc.sentences]

    # helpers -------------------------------------------------------------------------------------
    def sentence_of(self, pos):
        import bisect

        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i < 0:
            return (0, 0)
        s, e = self.doc.sentences[i]
        return (s, e) if pos <= e else (pos, pos)

    def claim(self, start, end):
        self.claimed[start:end] = b"\x01" * (end - start)

    def is_claimed(self, start, end):
        return any(self.claimed[start:end])

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
        if fold_keep(words[0]) in _NOT_NAME_WORDS and first not in D.SURNAMES:
            return None
        if need_surname and first not in D.SURNAMES:
            return None
        if any(fold_keep(w) in ("uy", "ban", "hoi", "bo", "so", "tinh") for w in words[1:]):
            return None
        return start, end, " ".join(words)

    # bodies -------------------------------------------------------------------------------------------
    def locality_at(self, pos, level):
        """A place name after a level word: a province, or a short capitalised name."""
        m = re.match(r" +|\. ?", self.f[pos:])
        if not m:
            return pos, ""
        start = pos + m.end()
        if start >= len(self.text) or not self.text[start].isupper():
            return pos, ""
        pm = _PROVINCE_RE.match(self.f, start)
        if pm:
            return pm.end(), self.text[start : pm.end()]
        if level in ("province", "city", "central"):
            return pos, ""
        found = self.read_name(start, max_words=5)
        if not found:
            return pos, ""
        _, _, words = found
        folded = [fold_keep(w) for w in words]
        if folded[0] in D.SURNAMES and len(words) >= 3 and folded[1] in _MIDDLE_NAMES:
            return pos, ""  # a person's name, not a place
        take = words[:2] if len(words) >= 4 else words[:3]
        end = start
        for w in take:
            end = self.text.index(w, end) + len(w)
        return end, self.text[start:end]

    def _heads(self):
        """Matches of body heads, skipping words that only fold like one: "trụ sở" and "số"
        are not "Sở", "bỏ" is not "Bộ"; the words after such a false start are read again."""
        pos = 0
        while True:
            m = _HEAD_RE.search(self.f, pos)
            if m is None:
                return
            first = self.text[m.start() : m.start() + 3].lower()
            folded_first = self.f[m.start() : m.start() + 3]
            if (folded_first == "so " and first != "sở ") or (folded_first == "bo " and first != "bộ "):
                pos = m.start() + 3
                continue
            if folded_first == "so " and re.search(r"tru\s*$", self.f[max(0, m.start() - 5) : m.start()]):
                pos = m.start() + 3
                continue
            yield m
            pos = m.end()

    def find_bodies(self):
        mentions = []
        for m in self._heads():
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            _, sector, mode = D.BODY_HEADS[index]
            start, end = m.start(), m.end()
            level = None
            locality = ""
            generic = mode == "optional_generic" and " cac " in f" {self.f[start:end]} "
            pos = end
            paren = _PAREN.match(self.f, pos)
            after_paren = paren.end() if paren else pos
            if mode in ("level", "optional", "optional_generic"):
                lm = _LEVEL_RE.match(self.f, after_paren)
                if lm:
                    level = D.LEVELS[int(next(k for k, v in lm.groupdict().items() if v is not None)[1:])][1]
                    pos = lm.end()
                    pos, locality = self.locality_at(pos, level)
            elif mode == "own_locality":
                pos, locality = self.locality_at(pos, "province")
                if not locality:
                    pos, locality = self.locality_at(pos, "district")
            elif mode == "own":
                level = "central" if "viet nam" in self.f[start:end] or self.f[start:end].startswith("bo") else None
            if re.match(D.GENERIC_AFTER, self.f[pos : pos + 12]):
                generic = True
            before = self.f[max(0, start - 20) : start]
            if re.search(D.GENERIC_BEFORE, before):
                generic = True
            bare = mode == "level" and level is None
            if mode == "optional_generic" and level is None and generic:
                bare = False
            mention = BodyMention(
                start=start,
                end=pos,
                name=clean(self.text[start:pos]),
                sector=sector,
                level=level,
                locality=locality,
                bare=bare,
                generic=generic,
                affiliation=bool(re.search(D.AFFILIATION_BEFORE, before)),
            )
            mentions.append(mention)
        self._inherit_levels(mentions)
        # "Công an xã" is commune police in general, unless the report is about one commune
        # or ward it names ("Công an phường Tân Định" … "Công an phường").
        named_communes = any(m.level == "commune" and m.locality for m in mentions)
        for mention in mentions:
            if mention.level == "commune" and not mention.locality and not named_communes:
                mention.generic = True
        self.body_mentions = mentions
        self.body_at = {m.start: m for m in mentions}
        return mentions

    def _inherit_levels(self, mentions):
        """ "Công an và LĐLĐ tỉnh": the level written once belongs to both bodies."""
        for i, mention in enumerate(mentions):
            if not mention.bare or mention.generic:
                continue
            neighbours = []
            if i + 1 < len(mentions):
                gap = self.f[mention.end : mentions[i + 1].start]
                if re.fullmatch(r"\s*(?:va|,|cung)\s*", gap):
                    neighbours.append(mentions[i + 1])
            if i > 0:
                gap = self.f[mentions[i - 1].end : mention.start]
                if re.fullmatch(r"\s*(?:va|,|cung)\s*", gap) and not re.match(
                    r"\s+(?:tinh|thanh pho|huyen)", self.f[mention.end : mention.end + 12]
                ):
                    neighbours.append(mentions[i - 1])
            for other in neighbours:
                if other.level and not other.bare and not other.generic:
                    level_text = self._level_text(other)
                    mention.level = other.level
                    mention.locality = other.locality
                    mention.name = clean(f"{self.text[mention.start : mention.end]} {level_text}")
                    mention.bare = False
                    mention.synthetic = True
                    break

    def _level_text(self, mention):
        lm = None
        pos = mention.start
        for m in _LEVEL_RE.finditer(self.f, pos, mention.end):
            lm = m
            break
        if not lm:
            return ""
        return clean(self.text[lm.start() : mention.end])

    # officials --------------------------------------------------------------------------------------
    _TITLE_RE = re.compile(r"(?<![a-z])(" + _alternation(D.TITLES) + r")(?![a-z])")
    _QUALIFIER_RE = re.compile(r"\s+(?:" + "|".join(D.TITLE_QUALIFIERS) + r")(?![a-z])")
    _PARTY_RE = re.compile(D.PARTY_ORGANS + r"(?![a-z])")
    _MINISTRY_RE = re.compile(D.MINISTRY_NAMES + r"(?![a-z])")
    _RANK_RE = re.compile(r"(?<![a-z])(" + _alternation([r for r, _ in D.RANKS]) + r")\s+(?=\S)")
    _HONORIFIC_RE = re.compile(r"(?<![a-z])(ong|ba|dong chi|anh|chi)\s+(?=\S)")

    def parse_position(self, pos):
        m = re.match(r"\s*", self.f[pos:])
        pos += m.end()
        tm = self._TITLE_RE.match(self.f, pos)
        if not tm:
            return None
        written = self.text[tm.start() : tm.end()].lower()
        if "truong" in tm[1] and "trưởng" not in written:
            return None  # "trường", "Trương"
        if tm[1].endswith("bi thu") and "bí thư" not in written:
            return None
        title_end = tm.end()
        qm = self._QUALIFIER_RE.match(self.f, title_end)
        if qm:
            title_end = qm.end()
        organ_start = title_end + (len(self.f[title_end:]) - len(self.f[title_end:].lstrip(" ")))
        body = self.body_at.get(organ_start)
        party = False
        end = title_end
        if body is not None and not body.bare and not body.generic:
            end = body.end
        else:
            body = None
            pm = self._PARTY_RE.match(self.f, organ_start)
            mm = self._MINISTRY_RE.match(self.f, organ_start) if tm[1] in ("bo truong", "thu truong") else None
            if pm and pm.end() > organ_start:
                party = True
                end = pm.end()
                lm = self.locality_at(end, "province")
                end = lm[0]
                follow = self.body_at.get(end + 1)
                if follow is not None and self.f[end] == " " and follow.specific:
                    end = follow.end
            elif mm:
                end = mm.end()
                body = BodyMention(
                    start=mm.start(),
                    end=mm.end(),
                    name=clean("Bộ " + self.text[mm.start() : mm.end()]),
                    sector="police" if mm[0] == "cong an" else "government",
                    level="central",
                    locality="",
                    synthetic=True,
                )
            elif tm[1] in D.TITLES_NEEDING_ORGAN:
                return None
        return Position(
            start=tm.start(), end=end, text=clean(self.text[tm.start() : end]), title=tm[1], body=body, party=party
        )

    def _name_follows(self, pos):
        if pos >= len(self.f) or self.f[pos] not in " \u00a0":
            return None
        return self.person_name(pos + 1)

    def position_list(self, pos):
        positions = []
        while True:
            position = self.parse_position(pos)
            if position is None or self._name_follows(position.end):
                break
            positions.append(position)
            pos = position.end
            sep = re.match(r"\s*(,|va|;)\s*", self.f[pos:])
            if not sep or sep[1] == ";":
                break
            if sep[1] == "va":
                nxt = self.parse_position(pos + sep.end())
                if nxt is None or self._name_follows(nxt.end):
                    break
            pos += sep.end()
        return positions

    def find_officials(self):
        officials = []

        def add(official):
            s, e = official.name_span
            for other in officials:
                ts, te = other.name_span
                if (s < te and ts < e) or fold_keep(other.name) == fold_keep(official.name):
                    # The same words read twice ("position Rank Name"): keep what each saw.
                    if not other.positions and official.positions:
                        other.positions = official.positions
                        other.body, other.body_mention = official.body, official.body_mention
                        other.span = (min(other.span[0], official.span[0]), max(other.span[1], official.span[1]))
                    other.rank = other.rank or official.rank
                    return
            officials.append(official)

        # Rank or honorific, name, then positions: "Đại tá Nguyễn Văn A, Giám đốc …"
        for regex, is_rank in ((self._RANK_RE, True), (self._HONORIFIC_RE, False)):
            for m in regex.finditer(self.f):
                written = self.text[m.start(1) : m.end(1)]
                if not is_rank and written.lower() not in ("ông", "bà", "đồng chí", "anh", "chị"):
                    continue
                name = self.person_name(m.end(), need_surname=False)
                if not name:
                    continue
                start, end, full = name
                sep = re.match(r"\s*(?:,|-|–|—|\()\s*", self.f[end:])
                positions = self.position_list(end + sep.end()) if sep else []
                rank = next((label for key, label in D.RANKS if key == m[1]), None) if is_rank else None
                honorific = None if is_rank else written.lower()
                add(self._official(m.start(), (start, end), full, rank, honorific, positions, 0.9))
        # Position then name: "Chủ tịch Hội Nông dân tỉnh Lê Văn B"
        for m in self._TITLE_RE.finditer(self.f):
            position = self.parse_position(m.start())
            if position is None or position.end <= m.start():
                continue
            rank = None
            name = self._name_follows(position.end)
            if not name:
                # "Phó Giám đốc Công an tỉnh Đại tá Trần Văn C"
                rm = self._RANK_RE.match(self.f, position.end + 1) if position.end < len(self.f) else None
                if rm and self.f[position.end] == " ":
                    name = self.person_name(rm.end(), need_surname=False)
                    rank = next((label for key, label in D.RANKS if key == rm[1]), None)
            if not name:
                continue
            start, end, full = name
            add(self._official(position.start, (start, end), full, rank, None, [position], 0.85))
        # Name, then positions, at the start of a clause: "Nguyễn Văn C, Chủ tịch …"
        for m in re.finditer(r"(?:^|[;:.\n]|\bva\b|,)\s*", self.f):
            pos = m.end()
            name = self.person_name(pos)
            if not name:
                continue
            start, end, full = name
            sep = re.match(r"\s*(?:,|-|–)\s*", self.f[end:])
            if not sep:
                continue
            positions = self.position_list(end + sep.end())
            if positions and any(p.body or p.party for p in positions):
                add(self._official(start, (start, end), full, None, None, positions, 0.8))
        officials.sort(key=lambda o: o.span[0])
        self.officials = officials
        for official in officials:
            self._official_role(official)
            for position in official.positions:
                # Bodies named inside a position are the official's, not parties of their own,
                # except the body they act for.
                for body in self.body_mentions:
                    if position.start <= body.start < position.end and body is not official.body_mention:
                        body.suppressed = True
            self.claim(official.span[0], official.span[1])
        self.officials = officials
        return officials

    def _official(self, start, name_span, name, rank, honorific, positions, confidence):
        main = None
        for position in positions:
            if position.body is not None and not position.party:
                main = position.body
        if main is None:
            for position in positions:
                if position.body is not None:
                    main = position.body
        end = max([name_span[1], *[p.end for p in positions]])
        return Official(
            span=(start, end),
            confidence=confidence,
            name=name,
            rank=rank,
            honorific=honorific,
            positions=positions,
            body=main.name if main else None,
            body_mention=main,
            name_span=name_span,
        )

    def _official_role(self, official):
        """Chair, guest, signatory or speaker, from the verb the official is the subject of."""
        s, e = self.sentence_of(official.span[0])
        sentence = self.f[s:e]
        if re.search(r"(?<![a-z])(?:tham du|du hoi nghi|co mat)(?![a-z])", sentence) and not re.search(
            r"(?<![a-z])chu tri(?![a-z])", sentence
        ):
            official.role = "guest"
        elif re.search(r"(?<![a-z])chu tri(?![a-z])", sentence):
            official.role = "chair"
        elif self._signs(official, e):
            official.role = "signatory"
        else:
            official.role = "speaker"

    def _signs(self, official, sentence_end):
        """ "A, Giám đốc …, và ông B, Chủ tịch … ký kết …": only names and positions stand
        between the official and the verb."""
        pos = official.span[1]
        for m in self._SIGNED_CUE.finditer(self.f, pos, sentence_end):
            if not self._is_sign_word(m.start()):
                continue
            gap = list(self.f[pos : m.start()])
            for other in self.officials:
                if pos <= other.span[0] < m.start():
                    for i in range(other.span[0] - pos, min(other.span[1], m.start()) - pos):
                        gap[i] = " "
            return bool(
                re.fullmatch(
                    r"[\s,]*(?:va|cung)?[\s,]*(?:(?:da|cung|dong|tien hanh|thong nhat|chinh thuc)\s+)*", "".join(gap)
                )
            )
        return False

    # dates --------------------------------------------------------------------------------------
    def find_dates(self):
        self.dates = date_mentions(self.f)
        return self.dates

    # agreements ---------------------------------------------------------------------------------
    _KIND_RE = re.compile(
        r"(?<![a-z])(" + "|".join(f"(?P<k{i}>{p})" for i, (p, _, _) in enumerate(D.AGREEMENT_KINDS)) + r")"
        r"(?P<mods>" + D.AGREEMENT_MODIFIERS + r")(?![a-z])"
    )
    _NUMBER_RE = re.compile(
        r"\s+(?:so|so hieu)\s*:?\s*(?=\S*\d)(\S+)"
        r"|\s+(?=\d)(\d[\w/.-]*[/-][\w/.-]*|\d{1,3}(?![\d.,/-])"
        r"(?!\s*(?:nam|thang|ngay|tuan|quy|lan|nguoi|luot|don vi|co quan|nganh|ben)(?![a-z])))"
    )
    _PERIOD_RE = re.compile(r"(?<![a-z])giai doan\s*:?\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)")
    _PERIOD_PAREN_RE = re.compile(r"\(\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\s*\)")
    _QUOTE_RE = re.compile(r"[“\"«]([^”\"»\n]{3,300})[”\"»]")

    def find_agreements(self):
        mentions = []
        for m in self._KIND_RE.finditer(self.f):
            index = int(next(k for k, v in m.groupdict().items() if k.startswith("k") and v is not None)[1:])
            _, label, kind = D.AGREEMENT_KINDS[index]
            mods = m["mods"] or ""
            written = self.text[m.start() : m.end()]
            start, pos = m.start(), m.end()
            sentence = self.sentence_of(start)
            mention = Mention(start=start, end=pos, kind=kind, kind_label=label, sentence=sentence)
            nm = self._NUMBER_RE.match(self.f, pos)
            if nm:
                group = 1 if nm[1] else 2
                raw = self.text[nm.start(group) : nm.end(group)].rstrip(".,;:)")
                if re.search(r"\d", raw) and not re.fullmatch(r"(?:19|20)\d\d", raw):
                    mention.number = raw
                    pos = nm.start(group) + len(raw)
            if kind in ("programme", "plan") and not (
                mention.number or re.search(r"phoi hop|lien nganh|lien tich|lien ket", mods)
            ):
                continue
            mention.coordination = bool(re.search(r"phoi hop|lien nganh|lien tich|lien ket", mods))
            mention.single_body = not re.search(r"phoi hop|lien nganh|lien tich|lien ket", mods) and (
                _single_issuer(mention.number)
                or bool(re.match(r"[ ,]*(?:ngay [\d/.-]+ )?[ ,]*(?:cua|do) ", self.f[pos : sentence[1]]))
            )
            if kind == "other" and not mention.number and not written[0].isupper():
                continue
            dm = re.match(r" *,? *(?:ky +)?(?:ngay|ban hanh ngay) +", self.f[pos : sentence[1]])
            if dm:
                date = next((d for d in self.dates if d.start == pos + dm.end()), None)
                if date:
                    mention.signed_on = date.as_date(infer_year(date.day, date.month, self.doc.published_on))
                    pos = date.end
                    self.claim(date.start, date.end)
            pos = self._read_tail(mention, pos)
            mention.end = pos
            mentions.append(mention)
        for i, mention in enumerate(mentions):
            self._mention_role(mention, mentions[i - 1] if i else None)
            mention.strong = bool(
                mention.number
                or mention.period
                or mention.subject
                or mention.new_period
                or any(body for _, body in mention.parties)
                or (mention.parties and mention.role)
            )
        self.mentions = mentions
        return self._merge(mentions)

    def _read_tail(self, mention, pos):
        """Subject, parties and period written after the kind, in any order, up to the next
        agreement named in the sentence."""
        s, e = mention.sentence
        nxt = self._KIND_RE.search(self.f, pos, e)
        limit = nxt.start() if nxt else e
        start = pos
        for _ in range(4):
            moved = self._read_subject(mention, pos, limit) if mention.subject is None else None
            if moved is None and not mention.parties and not mention.generic_parties:
                gm = re.match(r"\s*,?\s*giua\s+", self.f[pos:limit])
                if gm:
                    end = self._read_parties(mention, pos + gm.end(), limit)
                    moved = end if end > pos + gm.end() else None
            if moved is None and mention.period is None:
                pm = re.match(r"\s*,?\s*(?:trong\s+)?", self.f[pos:limit])
                period = self._PERIOD_RE.match(self.f, pos + pm.end()) or self._PERIOD_PAREN_RE.match(
                    self.f, pos + pm.end()
                )
                if period and period.end() <= limit:
                    mention.period = (int(period[1]), int(period[2]))
                    self.claim(period.start(), period.end())
                    moved = period.end()
            if moved is None:
                break
            pos = moved
        # "… giữa A và B" and "giai đoạn …" further on in the clause still describe it.
        if not mention.parties and not mention.generic_parties:
            gm = re.compile(r"(?<![a-z])giua\s+").search(self.f, pos, limit)
            if gm and not re.search(r"[;]", self.f[pos : gm.start()]):
                self._read_parties(mention, gm.end(), limit)
        if mention.period is None:
            pm = self._PERIOD_RE.search(self.f, pos, limit)
            if pm and not re.search(r"[;]", self.f[pos : pm.start()]):
                mention.period = (int(pm[1]), int(pm[2]))
                self.claim(pm.start(), pm.end())
        if re.search(r"giai doan moi|nhiem ky moi|thoi gian toi", self.f[start : min(limit, pos + 40)]):
            mention.new_period = True
        return pos

    def _read_subject(self, mention, pos, limit):
        """“Quoted”, "về …" or "trong (công tác) …" right after ``pos``: the new position."""
        qm = re.match(r"\s*,?\s*(?:ve\s+)?[“\"«]", self.f[pos:limit])
        if qm:
            quote = self._QUOTE_RE.match(self.text, pos + qm.end() - 1)
            if quote and quote.end() <= limit + 1:
                mention.subject = clean(quote[1])
                return quote.end()
            return None
        for word, stops in (
            ("ve", r"\s+giua\s|,?\s*giai doan\s|\s+nam (?:19|20)\d\d|[;.]"),
            ("trong", r"\s+giua\s|,?\s*giai doan\s|\s+nam (?:19|20)\d\d|[;.,]"),
            ("(?:de|nham)", r"\s+giua\s|,?\s*giai doan\s|\s+nam (?:19|20)\d\d|[;.,]"),
        ):
            wm = re.match(rf"\s*,?\s*{word}\s+", self.f[pos:limit])
            if (
                wm
                and word.startswith("(?:de")
                and not re.match(r"\s+(?:de|nham)\s+(?:thuc hien|trien khai)", self.f[pos : pos + wm.end() + 12])
            ):
                wm = None  # ", nhằm tiếp tục …": why they sign, not what
            if not wm:
                continue
            if word == "trong" and re.match(r"(?:giai doan|nam|thoi gian|nhiem ky|\d)", self.f[pos + wm.end() : limit]):
                return None
            tail = self.f[pos + wm.end() : limit]
            stop = re.search(stops, tail)
            end = pos + wm.end() + (stop.start() if stop else len(tail))
            if end - (pos + wm.end()) < 8:
                return None
            subject = clean(self.text[pos + wm.end() : end]).strip(" ,")
            if not stop and limit < mention.sentence[1] and re.search(r"(?:thuc hien|trien khai)\s*$", tail):
                # "Kế hoạch … thực hiện Quy chế số 04 …": the subject names the agreement it implements.
                whole = self.text[pos + wm.end() : mention.sentence[1]]
                subject = clean(re.sub(r"[.;:…]+$", "", whole.strip()))
            mention.subject = subject
            return end
        return None

    _PARTY_STOP = re.compile(
        r"\s+(?:da|dat|ve|trong|nham|giai doan|nam (?:19|20)|tai|ky|thuc hien|trien khai|de|duoc|la|se|tiep tuc|"
        r"thong nhat|cung|dong|doi voi|tu|den|ngay)(?![a-z])|[,;.:()“\"]"
    )

    def _read_parties(self, mention, pos, limit):
        tail = self.f[pos:limit]
        stop = self._PARTY_STOP.search(tail)
        end = pos + (stop.start() if stop else len(tail))
        # The body after "và" may carry its own level and name ("… và Liên đoàn Lao động tỉnh").
        for body in self.body_mentions:
            if pos <= body.start < end < body.end:
                end = body.end
        phrase = self.f[pos:end]
        parts = re.split(r"\s+va\s+|\s*,\s*", phrase)
        if len(parts) < 2 or len(phrase) > 160:
            return pos
        offset = pos
        parties = []
        for part in parts:
            at = self.f.index(part, offset)
            offset = at + len(part)
            text = clean(self.text[at : at + len(part)])
            body = next(
                (b for b in self.body_mentions if b.start >= at and b.end <= at + len(part) and b.specific), None
            )
            parties.append((text, body))
        if all(
            re.fullmatch(r"(?:hai|2|ba|3|cac) (?:don vi|co quan|nganh|ben|luc luong)", fold_keep(t)) for t, _ in parties
        ):
            mention.parties = []
            mention.generic_parties = True
        elif re.fullmatch(r"(?:hai|2|ba|3|cac) (?:don vi|co quan|nganh|ben|luc luong)", name_key(phrase)):
            mention.parties = []
        else:
            mention.parties = parties
        return end

    _SIGNED_CUE = re.compile(r"(?<![a-z])(?:ky ket|ky)(?![a-z])")
    _REVIEWED_CUE = re.compile(
        r"(?<![a-z])(?:so ket|tong ket|thuc hien|trien khai thuc hien|trien khai, thuc hien|qua \d+ nam|sau \d+ nam|"
        r"ket qua|danh gia)(?![a-z])"
    )
    _LAUNCHED_CUE = re.compile(r"(?<![a-z])(?:phat dong|trien khai|ra mat|cong bo|ban hanh)(?![a-z])")
    _REFERENCE_CUE = re.compile(r"(?<![a-z])(?:can cu|quy dinh tai)(?![a-z])")

    def _mention_role(self, mention, previous):
        s, _ = mention.sentence
        left_start = max(s, mention.start - 90)
        if previous is not None and previous.end > left_start and previous.sentence == mention.sentence:
            between = self.f[previous.end : mention.start]
            if not re.search(r"[,;.:]", between) and not self._signed_cue_in(previous.end, mention.start):
                mention.role = "referenced"
                mention.nested_in = previous
                return
            left_start = max(left_start, previous.end)
        left = self.f[left_start : mention.start]
        best = None
        for role, regex in (
            ("signed", self._SIGNED_CUE),
            ("reviewed", self._REVIEWED_CUE),
            ("launched", self._LAUNCHED_CUE),
            ("referenced", self._REFERENCE_CUE),  # "căn cứ": pursuant to
        ):
            for m in regex.finditer(left):
                if role == "signed" and not self._is_sign_word(left_start + m.start()):
                    continue
                if role == "launched" and re.match(r"trien khai,? thuc hien", left[m.start() :]):
                    continue
                if best is None or m.end() > best[1] or (m.end() == best[1] and role == "reviewed"):
                    best = (role, m.end())
        if best is not None:
            mention.role = best[0]

    def _is_sign_word(self, pos):
        return self.text[pos : pos + 2].lower() == "ký"

    def _signed_cue_in(self, start, end):
        return any(self._is_sign_word(start + m.start()) for m in self._SIGNED_CUE.finditer(self.f[start:end]))

    def _compatible(self, agreement, mention):
        if agreement.kind != mention.kind:
            return False
        if mention.number and agreement.number:
            a, b = name_key(agreement.number), name_key(mention.number)
            return a == b or a.startswith(b + " ") or b.startswith(a + " ")
        if mention.period and agreement.period and mention.period != agreement.period:
            return False
        if mention.role and agreement.role and mention.role != agreement.role:
            return False
        if mention.subject and agreement.subject and _words_overlap(mention.subject, agreement.subject) < 0.4:
            return False
        # A number cited for an agreement read so far without one: the same only if its role is known.
        return not (mention.number and agreement.number is None and not agreement.role)

    def _merge(self, mentions):
        agreements = []
        for mention in mentions:
            target = None
            if mention.number:
                target = next(
                    (a for a in agreements if a.number and self._compatible(a, mention)),
                    None,
                )
                if target is None:
                    candidates = [
                        a for a in agreements if not a.number and self._compatible(a, mention) and mention.role
                    ]
                    target = candidates[-1] if len(candidates) == 1 else None
            elif mention.strong:
                candidates = [
                    a
                    for a in agreements
                    if self._compatible(a, mention) and not (mention.new_period and a.role == "reviewed")
                ]
                if mention.role:
                    candidates = [a for a in candidates if a.role == mention.role]
                target = candidates[-1] if candidates else None
            else:
                same_kind = [a for a in agreements if a.kind == mention.kind]
                if mention.role in ("signed", "reviewed"):
                    same_role = [a for a in same_kind if a.role == mention.role]
                    same_kind = same_role or same_kind
                target = same_kind[-1] if same_kind else None
            if mention.single_body:
                confidence = 0.3
            elif mention.strong:
                confidence = 0.85
            elif mention.role in ("signed", "reviewed") and (
                re.search(r"hoi nghi|le ky", self.f[mention.sentence[0] : mention.sentence[1]]) or mention.coordination
            ):
                confidence = 0.6
            else:
                confidence = 0.35
            if target is None:
                target = Agreement(
                    span=(mention.start, mention.end),
                    confidence=confidence,
                    kind=mention.kind,
                    kind_label=mention.kind_label,
                )
                agreements.append(target)
            target.confidence = max(target.confidence, confidence)
            self._absorb(target, mention)
        for agreement in agreements:
            for mention in agreement.mentions:
                if mention.nested_in is not None:
                    outer = next((a for a in agreements if mention.nested_in in a.mentions), None)
                    if outer is not None and outer is not agreement:
                        outer.implements = agreement
        self.agreements = agreements
        return agreements

    def _absorb(self, agreement, mention):
        agreement.mentions.append(mention)
        if mention.number and (not agreement.number or len(mention.number) > len(agreement.number)):
            agreement.number = mention.number
            agreement.span = (mention.start, mention.end)
        for name in ("signed_on", "period", "subject"):
            if getattr(agreement, name) is None and getattr(mention, name) is not None:
                setattr(agreement, name, getattr(mention, name))
        if mention.role and (agreement.role is None or agreement.role == "referenced" and mention.role != "launched"):
            agreement.role = mention.role
        if mention.parties and not agreement.parties:
            agreement.parties = [text for text, _ in mention.parties]
            agreement.party_bodies = [body for _, body in mention.parties if body is not None]
        if mention.strong and (
            not agreement.title or agreement.span[1] - agreement.span[0] < mention.end - mention.start
        ):
            agreement.title = clean(self.text[mention.start : mention.end])
            agreement.span = (mention.start, mention.end)
        self.claim(mention.start, mention.end)

    # the conference --------------------------------------------------------------------------
    _CONF_KIND_RE = re.compile(
        r"(?<![a-z])(?:hoi nghi|le)\s+(so ket|tong ket|ky ket|trien khai|giao ban|bieu duong)(?![a-z])"
    )
    _REVIEW_RE = re.compile(r"(?<![a-z])(so ket|tong ket)(?![a-z])")
    _PERIOD_WORD_RE = re.compile(r"(?<![a-z])(so ket|tong ket|giao ban)(?![a-z])")
    _KIND_LABELS = {
        "so ket": "sơ kết",
        "tong ket": "tổng kết",
        "ky ket": "ký kết",
        "trien khai": "triển khai",
        "giao ban": "giao ban",
        "bieu duong": "biểu dương",
    }

    _KIND_SPELLING = {"so ket": "sơ kết", "tong ket": "tổng kết", "ky ket": "ký kết", "trien khai": "triển khai"}

    def _written_as_kind(self, pos, key):
        spelling = self._KIND_SPELLING.get(key)
        return spelling is None or self.text[pos : pos + len(key)].lower() == spelling

    def find_conference(self):
        conference = Conference()
        kinds = []  # (label, span, confidence)
        explicit = next(
            (m for m in self._CONF_KIND_RE.finditer(self.f) if self._written_as_kind(m.start(1), m[1])), None
        )
        if explicit:
            kinds.append((self._KIND_LABELS[explicit[1]], (explicit.start(), explicit.end()), 0.9))
        for m in self._REVIEW_RE.finditer(self.f):
            if self.text[m.start() : m.end()].lower() not in ("sơ kết", "tổng kết"):
                continue  # "cơ sở kết quả"
            before = self.f[max(0, m.start() - 20) : m.start()]
            if re.search(
                r"(?:se|tien toi|chuan bi|de|sap|hang nam|hang quy|hang thang|dinh ky|moi nam)\s+(?:to chuc\s+)?"
                r"(?:hoi nghi\s+)?$",
                before,
            ):
                continue  # a review to come, or a habit, not this conference
            label = self._KIND_LABELS[m[1]]
            if label not in [k[0] for k in kinds]:
                kinds.append((label, (m.start(), m.end()), 0.8))
        signed = [a for a in self.agreements if a.role == "signed" and a.confidence >= THRESHOLD]
        if signed and "ký kết" not in [k[0] for k in kinds]:
            mention = signed[0].mentions[0]
            kinds.append(("ký kết", (mention.start, mention.end), 0.75))
        if not kinds:
            m = re.search(r"(?<![a-z])hoi nghi(?![a-z])", self.f)
            if m:
                kinds.append(("khác", (m.start(), m.end()), 0.4))
        if kinds:
            primary = kinds[0]
            if not explicit:
                reviews = [k for k in kinds if k[0] in ("sơ kết", "tổng kết")]
                primary = reviews[0] if reviews else kinds[0]
            conference.kind = primary
            conference.also_kinds = [k for k in kinds if k is not primary and k[0] in ("sơ kết", "tổng kết", "ký kết")]
        self.conference = conference
        self._reviewed_period(conference)
        self._conference_date(conference)
        self._place(conference)
        return conference

    _PART_OF_DAY = re.compile(
        r"(?:(?<![a-z])(sang|chieu|toi|trua|dem)(?: nay| qua| hom nay)?(?:,)?(?: ngay)?\s*\(?\s*|(?<![a-z])ngay\s+)$"
    )
    _EVENT_WORDS = re.compile(r"hoi nghi|to chuc|chu tri|ky ket|dien ra|tham du|le ky|hop|tong ket|so ket")

    def _conference_date(self, conference):
        best = None
        for date in self.dates:
            if self.is_claimed(date.start, date.end):
                continue
            before = self.f[max(0, date.start - 20) : date.start]
            if self.f.startswith("ngay ", date.start):
                before, date_start = self.f[max(0, date.start - 20) : date.start + 5], date.start + 5
            else:
                date_start = date.start
            pm = self._PART_OF_DAY.search(before)
            if not pm:
                continue
            s, e = self.sentence_of(date.start)
            if re.search(
                r"(?<![a-z])(?:so\s+\S+|quyet dinh|nghi dinh|ban hanh|thanh lap|tu)\s*,?\s*(?:ngay\s*)?$",
                self.f[max(s, date.start - 40) : date.start],
            ):
                continue  # the date of a document ("Quyết định … ngày …") or the start of a span
            score = 3 if pm[1] else 2
            if self._EVENT_WORDS.search(self.f[s:e]):
                score += 1
            if score < 3:
                continue
            if best is None or score > best[0]:
                best = (score, date, date_start - len(before) + pm.start())
        if best is None:
            return
        _, date, text_start = best
        if self.text[text_start : text_start + 1] == " ":
            text_start += 1
        date_end = date.end
        if "(" in self.text[text_start : date.start] and self.text[date.end : date.end + 1] == ")":
            date_end += 1
        written = clean(self.text[text_start:date_end])
        self.claim(date.start, date.end)
        conference.held_on_text = (written, (text_start, date_end), 0.8)
        year = date.year or infer_year(date.day, date.month, self.doc.published_on)
        confidence = 0.85 if date.year else 0.7
        if year is None and conference.reviewed_period:
            # No year and no dateline: a review of the first months of a year ("sơ kết 6
            # tháng đầu năm 2021") is held in that year. Other reviews may fall in the next.
            span = conference.reviewed_period[1]
            if re.search(r"thang dau nam|quy (?:i|ii|iii|1|2|3)\b", self.f[max(0, span[0] - 30) : span[1]]):
                year = conference.reviewed_period[0][1]
                confidence = 0.6
        value = date.as_date(year)
        if value:
            conference.held_on = (value, (text_start, date_end), confidence)

    def _reviewed_period(self, conference):
        """The years a review covers: "sơ kết … năm 2019", "tổng kết … giai đoạn 2014-2018".

        An interim review does not cover the whole period of the agreement it reviews, so
        for a sơ kết the period written with the agreement is not taken.
        """
        kind = conference.kind[0] if conference.kind else None
        for m in self._PERIOD_WORD_RE.finditer(self.f):
            if self.text[m.start() : m.end()].lower() not in ("sơ kết", "tổng kết", "giao ban"):
                continue
            s, e = self.sentence_of(m.start())
            tail = self.f[m.end() : e]
            for pm in [*self._PERIOD_RE.finditer(tail), *self._PERIOD_PAREN_RE.finditer(tail)]:
                if m[1] == "so ket" and self.is_claimed(m.end() + pm.start(), m.end() + pm.end()):
                    continue
                span = (m.end() + pm.start(), m.end() + pm.end())
                conference.reviewed_period = ((int(pm[1]), int(pm[2])), span, 0.8)
                return
            ym = re.search(r"(?<![a-z])nam ((?:19|20)\d\d)(?!\s*[-–]\s*\d)", tail)
            if ym:
                year = int(ym[1])
                span = (m.end() + ym.start(), m.end() + ym.end())
                conference.reviewed_period = ((year, year), span, 0.8)
                return
        if kind == "tổng kết":
            reviewed = [a for a in self.agreements if a.role == "reviewed" and a.period]
            if len(reviewed) == 1:
                conference.reviewed_period = (reviewed[0].period, reviewed[0].span, 0.6)

    _PLACE_RE = re.compile(r"(?<![a-z])tai\s+")

    def _place(self, conference):
        anchors = [k[1] for k in [conference.kind, *conference.also_kinds] if k]
        if conference.held_on_text:
            anchors.insert(0, conference.held_on_text[1])
        sentences = []
        for span in anchors:
            sentence = self.sentence_of(span[0])
            if sentence not in sentences:
                sentences.append(sentence)
        for s, e in sentences:
            for m in self._PLACE_RE.finditer(self.f, s, e):
                start = m.end()
                rest = self.f[start:e]
                if re.match(r"(?:hoi nghi|buoi|le|day|do|cac|nhieu|dia phuong|co so|doanh nghiep)(?![a-z])", rest):
                    continue
                if not (
                    self.text[start : start + 1].isupper()
                    or re.match(r"(?:hoi truong|tru so|nha van hoa|trung tam|khach san|phong hop)", rest)
                ):
                    continue
                stop = re.search(r"[,;(]|\.(?=\s|$)|\s+(?:do|voi|co|da|duoi|nham|de|dien ra)(?![a-z])", rest)
                end = start + (stop.start() if stop else len(rest))
                place = clean(self.text[start:end])
                if 3 <= len(place) <= 150:
                    conference.place = (place, (start, end), 0.65)
                    return

    # agreements, after the conference is known ---------------------------------------------------
    def finish_agreements(self):
        hosts = self.hosts()
        for agreement in self.agreements:
            if agreement.role is None:
                review = self.conference.kind and self.conference.kind[0] in ("sơ kết", "tổng kết", "giao ban")
                agreement.role = "reviewed" if review else "referenced"
                agreement.confidence = min(agreement.confidence, 0.6 if review else 0.55)
            if not agreement.party_bodies:
                bodies = self._signing_bodies(agreement) if agreement.role == "signed" else []
                if not bodies and agreement.role == "signed":
                    earlier = [
                        a
                        for a in self.agreements
                        if a is not agreement and a.kind == agreement.kind and a.role == "reviewed"
                    ]
                    if len(earlier) == 1 and earlier[0].party_bodies:
                        agreement.parties = agreement.parties or list(earlier[0].parties)
                        agreement.party_bodies = list(earlier[0].party_bodies)
                        continue
                if not bodies and agreement.role in ("signed", "reviewed", "launched"):
                    bodies = hosts
                agreement.party_bodies = list(bodies)
                # Parties written as sectors ("giữa Công an và Công đoàn") stay as written;
                # the bodies found are what the form proposes.
                agreement.parties = agreement.parties or [b.name for b in bodies]
            if agreement.role == "signed" and agreement.signed_on is None and self.conference.held_on:
                agreement.signed_on = self.conference.held_on[0]
            if not agreement.title:
                agreement.title = clean(self.text[agreement.span[0] : agreement.span[1]])

    def _signing_bodies(self, agreement):
        """Bodies that sign: written before "ký" in the sentence, or the signatories' bodies."""
        for mention in agreement.mentions:
            if mention.role != "signed":
                continue
            s, _ = mention.sentence
            bodies = []
            for official in self.officials:
                if s <= official.span[0] < mention.start and official.body_mention is not None:
                    bodies.append(official.body_mention)
            for body in self.body_mentions:
                if s <= body.start < mention.start and body.specific and not body.affiliation:
                    bodies.append(body)
            unique = []
            for body in sorted(bodies, key=lambda b: b.start):
                if body.key not in {u.key for u in unique}:
                    unique.append(body)
            if len(unique) >= 2:
                return unique
        return []

    def hosts(self):
        """The bodies holding the conference: those of its chairs and signatories, else the
        two bodies named most often."""
        chosen = []
        for official in self.officials:
            body = official.body_mention
            if official.role in ("chair", "signatory") and body is not None and body.key not in {b.key for b in chosen}:
                chosen.append(body)
        if len(chosen) >= 2:
            return chosen
        counts = {}
        for body in self.body_mentions:
            if body.specific and not body.affiliation:
                counts.setdefault(body.key, []).append(body)
        ranked = sorted(counts.values(), key=lambda group: (-len(group), group[0].start))
        for group in ranked:
            if len(chosen) >= 2:
                break
            if group[0].key not in {b.key for b in chosen} and group[0].sector not in ("party", "government"):
                chosen.append(group[0])
        return chosen

    # commendations -------------------------------------------------------------------------------
    # Recipients: collectives, and individuals named as such or by what they are ("11 đoàn viên").
    _PEOPLE = (
        r"ca nhan|dong chi|doan vien(?: thanh nien)?|hoi vien|can bo(?:,? chien si)?|chien si|cong nhan(?: lao dong)?"
        r"|nguoi lao dong|hoc sinh|thanh nien|nong dan|phu nu|cuu chien binh|cong dan|dang vien"
    )
    _COUNT_RE = re.compile(
        rf"(?<![\d.,])(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+(tap the|{_PEOPLE})(?![a-z])"
        rf"(?:\s*(?:,|va|;)\s*(?:(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+)?(tap the|{_PEOPLE})(?![a-z]))?"
    )
    _FORM_RE = re.compile(
        r"(?<![a-z])(?:" + "|".join(f"(?P<f{i}>{p})" for i, (p, _) in enumerate(D.AWARD_FORMS)) + r")(?![a-z])"
    )
    _AWARD_VERB_RE = re.compile(r"(?<![a-z])" + D.AWARD_VERBS + r"(?![a-z])")

    def find_commendations(self):
        found = []
        for s, e in self.doc.sentences:
            for cs, ce in self._clauses(s, e):
                clause = self.f[cs:ce]
                form = self._FORM_RE.search(clause)
                verb = self._AWARD_VERB_RE.search(clause)
                if not (form or (verb and re.search(r"tuyen duong|khen thuong|trao thuong|bieu duong", clause))):
                    continue
                count = self._COUNT_RE.search(clause)
                label = (
                    D.AWARD_FORMS[int(next(k for k, v in form.groupdict().items() if v)[1:])][1] if form else "other"
                )
                if label == "Huân chương" or label == "Huy chương":
                    label = clean(self.text[cs + form.start() : cs + form.end()])
                total = collectives = individuals = None
                if count:
                    n1 = int(count[1].replace(".", ""))
                    if count[4] and count[3] is None and count[2] == "tap the":
                        total = n1  # "24 tập thể, cá nhân"
                    elif count[4] and count[3] is None:
                        individuals = total = n1  # "12 đoàn viên, hội viên": one group of people
                    else:
                        parts = [(count[2], n1)]
                        if count[4]:
                            parts.append((count[4], int(count[3].replace(".", ""))))
                        for word, number in parts:
                            if word == "tap the":
                                collectives = number
                            else:
                                individuals = (individuals or 0) + number
                        total = (collectives or 0) + (individuals or 0)
                    if self.is_claimed(cs + count.start(), cs + count.end()):
                        continue
                elif form and (
                    awards := re.search(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s+$", clause[: form.start()])
                ):
                    total = int(awards[1].replace(".", ""))  # "tặng 12 Bằng khen"
                    count = awards
                elif not form:
                    continue
                if re.search(
                    r"kip thoi|se |de nghi|nham|de xuat|xet", clause[: (count.start() if count else form.start())][-40:]
                ):
                    confidence = 0.4
                else:
                    confidence = 0.85 if count else 0.4
                authority, authority_span = self._authority(cs, ce, count, form, verb)
                start = min(
                    x
                    for x in (
                        cs + (count.start() if count else form.start()),
                        authority_span[0] if authority_span else ce,
                    )
                    if x is not None
                )
                ends = [cs + count.end()] if count else []
                if form:
                    ends.append(cs + form.end())
                if authority_span:
                    ends.append(authority_span[1])
                end = max(ends)
                lead = re.search(r"(?:^|\s)co\s+$", self.f[max(cs, start - 4) : start])
                if lead and count and start == cs + count.start():
                    start = start - 3
                reason = ""
                rm = re.search(r"(?:vi|do)?\s*(?:co|da co|dat)\s+thanh tich[^;.]*", clause)
                if rm:
                    reason = clean(self.text[cs + rm.start() : cs + rm.end()])
                found.append(
                    Commendation(
                        span=(start, end),
                        confidence=confidence,
                        form=label,
                        awarded_by=authority,
                        recipients_count=total,
                        collective_count=collectives,
                        individual_count=individuals,
                        text=clean(self.text[start:end]),
                        authority_bodies=[
                            b
                            for b in self.body_mentions
                            if authority_span
                            and authority_span[0] <= b.start < authority_span[1]
                            and not b.bare
                            and not b.generic
                        ],
                        reason=reason,
                    )
                )
        kept = []
        for item in found:
            twin = next(
                (
                    k
                    for k in kept
                    if k.form == item.form
                    and (item.recipients_count is None or k.recipients_count == item.recipients_count)
                    and (
                        not item.awarded_by or not k.awarded_by or _words_overlap(item.awarded_by, k.awarded_by) >= 0.5
                    )
                ),
                None,
            )
            if twin is not None:
                continue
            kept.append(item)
            if item.recipients_count is not None:
                self.claim(item.span[0], item.span[1])
        self.commendations = kept
        return kept

    def _clauses(self, s, e):
        start = s
        for m in re.finditer(r";", self.f[s:e]):
            yield start, s + m.start()
            start = s + m.end()
        yield start, e

    def _authority(self, cs, ce, count, form, verb):
        clause = self.f[cs:ce]
        # "… được A, B tặng Bằng khen"
        anchor = count.end() if count else 0
        dm = re.compile(r"(?<![a-z])duoc\s+").search(clause, anchor)
        if dm and form and dm.end() < form.start():
            vm = re.search(r"\s+(?:" + D.AWARD_VERBS + r")\s*$", clause[dm.end() : form.start()])
            end = form.start() - (len(vm[0]) if vm else 0)
            text = clean(self.text[cs + dm.end() : cs + end]).strip(" ,")
            if text and len(text.split()) <= 20:
                return text, (cs + dm.end(), cs + end)
        # "Bằng khen của A"
        if form:
            cm = re.match(r"\s+(?:cua|do)\s+", clause[form.end() :])
            if cm:
                tail = clause[form.end() + cm.end() :]
                stop = re.search(r"\s+(?:cho|vi|ve|nham|tang)(?![a-z])|[,;.]", tail)
                end = form.end() + cm.end() + (stop.start() if stop else len(tail))
                text = clean(self.text[cs + form.end() + cm.end() : cs + end])
                if text:
                    return text, (cs + form.end() + cm.end(), cs + end)
        # "A (đã) tặng / tuyên dương …": the subject before the verb
        if verb and (not count or verb.start() < count.start()):
            head = clause[: verb.start()]
            head = re.sub(r"(?:\s+(?:da|cung|va|tiep tuc))+\s*$", "", head)
            last_comma = head.rfind(",")
            start = last_comma + 1 if last_comma >= 0 else 0
            text = clean(self.text[cs + start : cs + len(head)])
            if text and len(text.split()) <= 20 and text[0].isupper():
                return text, (
                    cs
                    + start
                    + (
                        len(self.text[cs + start : cs + len(head)])
                        - len(self.text[cs + start : cs + len(head)].lstrip())
                    ),
                    cs + len(head),
                )
        return None, None

    # figures ---------------------------------------------------------------------------------------
    _UNIT_RE = re.compile(r"\s*[“\"]?(" + _alternation([re.escape(u) for u in D.FIGURE_UNITS]) + r")(?![a-z])")
    _NUMBER_VALUE_RE = re.compile(
        r"(?<![\w./:,-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s+(nghin|ngan|trieu|ty))?(?![\w/]|[-.:]\d|,\d)"
    )

    def find_figures(self):
        figures = []
        for m in self._NUMBER_VALUE_RE.finditer(self.f):
            if self.is_claimed(m.start(), m.end()):
                continue
            um = self._UNIT_RE.match(self.f, m.end())
            multiplier = m[2]
            if not um and multiplier:
                # "126 ngàn lượt": the multiplier is part of the number
                um = None
            if not um:
                continue
            unit_key = um[1]
            if re.match(D.UNIT_STOP_AFTER, self.f[um.end() : um.end() + 15]):
                continue
            unit = D.FIGURE_UNITS[unit_key]
            if self.text[um.start(1) : um.end(1)].lower() != unit.lower():
                continue  # folded spellings collide: "đội" and "đổi", "trường" and "trưởng"
            try:
                number_text = self.text[m.start(1) : m.end(1)]
                value = parse_vietnamese_number(number_text)
            except ValueError:
                continue
            if multiplier and not unit_key.endswith("dong"):
                value = value * D.MULTIPLIERS[multiplier]
            elif multiplier:
                unit = clean(self.text[m.start(2) : um.end(1)])
            if value == value.to_integral_value():
                value = int(value)
            s, e = self.sentence_of(m.start())
            start = m.start()
            qm = re.search(
                r"(?:tren|hon|gan|khoang|cho|voi|den|tong so|tong cong)\s+$", self.f[max(s, start - 12) : start]
            )
            if qm:
                start = start - (len(self.f[max(s, start - 12) : start]) - qm.start())
            what_end = um.end()
            tail = self.f[um.end() : e]
            stop = re.search(
                r"[,;.()“\"…]|\s+(?:cho|voi|tai|trong|cua|tham du|truc thuoc|nham|de|va|tren|thuoc|duoc|o|ve)(?![a-z])",
                tail,
            )
            what_end = um.end() + (stop.start() if stop else len(tail))
            if what_end - um.end() > 80:
                what_end = um.end()
            what = clean(self.text[um.start(1) : what_end])
            if what_end == um.end():
                # A bare unit ("1.291 cuộc", "cho 800 CNLĐ"): say what it counts with the words before it.
                before = re.split(r"[;:]", self.text[s:start])[-1].split()
                after_comma = re.split(r",", " ".join(before))[-1].split()
                if len(after_comma) >= 3:
                    before = after_comma
                while before and before[-1].lower() in ("cho", "với", "trên", "hơn", "gần", "khoảng", "được", "đã"):
                    before.pop()
                if before:
                    what = f"{what} ({clean(' '.join(before[-8:])).strip(' ,')})"
            clause_start = max(
                [s, *[s + c.end() for c in re.finditer(r"[;:]", self.f[s : m.start()])]],
            )
            confidence = 0.8 if unit != "%" else 0.6
            if re.search(
                r"(?<![a-z])(?:se|phan dau|du kien|it nhat|chi tieu|muc tieu|phai dat)(?![a-z])",
                self.f[clause_start : m.start()],
            ) or re.match(r"\s*theo (?:ke hoach|quy che|chuong trinh|du kien)", self.f[s : s + 30]):
                confidence = 0.4  # a target for the time to come, not a result
            body = self._reporting_body(s, m.start())
            figure = Figure(
                context=clean(self.text[clause_start:what_end]),
                span=(start, um.end()),
                confidence=confidence,
                value=value,
                unit=unit,
                what=what,
                text=self.text[start:what_end].strip().rstrip("…"),
                body=body,
            )
            if any(
                f.value == figure.value and f.unit == figure.unit and _words_overlap(f.what, figure.what) >= 0.6
                for f in figures
            ):
                continue
            figures.append(figure)
            self.claim(m.start(), um.end())
        self.figures = figures
        return figures

    def _reporting_body(self, s, pos):
        candidates = [b for b in self.body_mentions if s <= b.start < pos and not b.affiliation]
        sector = None
        for body in reversed(candidates):
            if re.search(r"(?:voi|cung)\s*$", self.f[max(s, body.start - 8) : body.start]):
                continue
            if body.specific:
                return body
            if body.generic and sector is None:
                sector = body.sector
        sentence = self.f[s:pos]
        if sector is None and re.search(r"cong doan|ldld|lien doan lao dong", sentence):
            sector = "labour_union"
        elif sector is None and re.search(r"cong an", sentence):
            sector = "police"
        if sector:
            for body in self.body_mentions:
                if body.sector == sector and body.specific and not body.affiliation and body.level != "central":
                    return body
        return None

    # movements and model practices -------------------------------------------------------------------
    _MOVEMENT_KEYS = sorted(
        (
            (name_key(written), canonical)
            for canonical, written_forms in D.MOVEMENTS
            for written in [canonical, *written_forms]
        ),
        key=lambda kv: -len(kv[0]),
    )

    def _known_movement(self, text):
        key = name_key(text)
        key = re.sub(r"^(?:phong trao (?:thi dua )?|cuoc van dong )", "", key)
        for known, canonical in self._MOVEMENT_KEYS:
            if key == known or key.startswith(known + " "):
                return canonical
        return None

    def find_movements_and_models(self):
        movements, models = [], []
        previous_model_end = None
        for q in self._QUOTE_RE.finditer(self.text):
            if self.f[q.start() : q.end()].strip() == "":
                continue
            inner = clean(q[1])
            before = self.f[max(0, q.start() - 40) : q.start()]
            known = self._known_movement(inner)
            if re.search(r"(?:phong trao(?: thi dua)?|cuoc van dong)\s*$", before):
                movements.append(Named(span=(q.start(1), q.end(1)), confidence=0.85, name=inner, canonical=known))
                previous_model_end = None
            elif re.search(r"(?:mo hinh|cau lac bo|clb)(?:\s+[a-z]+){0,2}\s*:?\s*$", before) or (
                previous_model_end is not None
                and re.fullmatch(r"\s*(?:,|va|;)\s*(?:[\d.]+\s+)?", self.f[previous_model_end : q.start()])
            ):
                models.append(Named(span=(q.start(1), q.end(1)), confidence=0.8, name=inner))
                previous_model_end = q.end()
            elif known:
                movements.append(Named(span=(q.start(1), q.end(1)), confidence=0.75, name=inner, canonical=known))
            else:
                previous_model_end = None
        # Unquoted: "phong trào toàn dân bảo vệ ANTQ trong CNVCLĐ"
        for m in re.finditer(r"(?<![a-z])(?:phong trao(?: thi dua)?|cuoc van dong)\s+(?![“\"«])", self.f):
            start = m.end()
            for known, canonical in self._MOVEMENT_KEYS:
                end = self._match_key_at(start, known)
                if end:
                    qualifier = re.match(r"\s+trong\s+[^\s,;.“”\"]+(?:\s+[^\s,;.“”\"]+){0,1}", self.f[end:])
                    if qualifier and self.text[end + qualifier.end() - 1].isupper():
                        end += qualifier.end()
                    movements.append(
                        Named(span=(start, end), confidence=0.8, name=clean(self.text[start:end]), canonical=canonical)
                    )
                    break
        self.movements = self._unique(movements, lambda item: item.canonical or name_key(item.name))
        self.models = self._unique(models, lambda item: name_key(item.name))
        return self.movements, self.models

    def _match_key_at(self, start, key):
        """End of the text at ``start`` whose name key is ``key`` (words may be abbreviated)."""
        words = key.split()
        pos = start
        i = 0
        while i < len(words):
            m = re.match(r"[\s,\-–]*([a-z0-9]+)", self.f[pos:])
            if not m:
                return None
            word = m[1]
            expansion = D.ABBREVIATIONS.get(word, word).split()
            if words[i : i + len(expansion)] != expansion:
                return None
            i += len(expansion)
            pos += m.end()
        return pos

    @staticmethod
    def _unique(items, key):
        seen = {}
        for item in items:
            k = key(item)
            if k not in seen:
                seen[k] = item
        return list(seen.values())

    # bodies, finally ------------------------------------------------------------------------------
    def finish_bodies(self):
        groups = {}
        for mention in self.body_mentions:
            if mention.bare or mention.generic or mention.suppressed:
                continue
            groups.setdefault(mention.key, []).append(mention)
        for official in self.officials:
            body = official.body_mention
            if body is not None and body.synthetic and body.key not in groups:
                groups[body.key] = [body]
        bodies = []
        for group in groups.values():
            first = min(group, key=lambda b: b.start)
            named = [b for b in group if not b.synthetic] or group
            best = max(named, key=lambda b: (len(b.name), -b.start))
            affiliation_only = all(b.affiliation for b in group)
            confidence = 0.4 if affiliation_only else (0.7 if all(b.synthetic for b in group) else 0.9)
            bodies.append(
                Body(
                    span=(first.start, first.end),
                    confidence=confidence,
                    name=best.name,
                    sector=best.sector,
                    level=best.level,
                    locality=best.locality,
                    mentions=group,
                )
            )
        bodies.sort(key=lambda b: b.span[0])
        self.bodies = bodies
        return bodies

    def provinces(self):
        counts = {}
        for m in _PROVINCE_RE.finditer(self.f):
            if self.text[m.start()].isupper():
                name = dict(_PROVINCES)[self.f[m.start() : m.end()]]
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts, key=lambda n: -counts[n])


def extract(text: str) -> Extraction:
    """Read ``text`` and propose what it reports. Raises ExtractionError for unreadable text."""
    import time

    started = time.perf_counter()
    text = normalise_input(text)
    check_text(text)
    doc = prepare(text)
    reader = _Reader(doc)
    reader.find_dates()
    reader.find_bodies()
    reader.find_officials()
    reader.find_agreements()
    reader.find_conference()
    reader.finish_agreements()
    reader.find_commendations()
    reader.find_figures()
    reader.find_movements_and_models()
    reader.finish_bodies()
    result = Extraction(
        text=text,
        published_on=doc.published_on,
        ignored=doc.ignored,
        agreements=reader.agreements,
        conference=reader.conference,
        bodies=reader.bodies,
        officials=reader.officials,
        commendations=reader.commendations,
        figures=reader.figures,
        movements=reader.movements,
        models=reader.models,
        provinces=reader.provinces(),
        hosts=[body.name for body in reader.hosts()],
    )
    result.seconds = time.perf_counter() - started
    return result
