"""Positions held by officials: a title ("Phó Chủ tịch Thường trực") and the organ it is held
in, as written ("Liên đoàn Lao động (LĐLĐ) TP. Sông Công", "Đảng ủy xã", "Bộ Công an").

The organ runs from the title to the first thing that cannot belong to a name of an organ:
punctuation, a verb ("dự", "phát biểu", "cho biết"), another title, rank, honorific or person
("… và đồng chí …", "… Nguyễn Văn A"), or "và" before a word in lower case. It is not read
from a list of bodies, so a title held in an organ the rules do not know is still read whole.
"""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import PROVINCE_RE, alternation
from pressimport.extraction.results import BodyMention, Position

TITLE_RE = re.compile(r"(?<![a-z])(" + alternation(D.TITLES) + r")(?![a-z])")
RANK_RE = re.compile(r"(?<![a-z])(" + alternation([r for r, _ in D.RANKS]) + r")\s+(?=\S)")
HONORIFIC_RE = re.compile(r"(?<![a-z])(ong|ba|dong chi|anh|chi)\s+(?=\S)")
_QUALIFIER_RE = re.compile(r"\s+(?:" + "|".join(D.TITLE_QUALIFIERS) + r")(?![a-z])")
_PARTY_RE = re.compile(r"(?:bch |ban chap hanh |ban thuong vu )?" + D.PARTY_ORGANS + r"(?![a-z])")
_PARTY_LEVEL = re.compile(r" +(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|phuong|thi tran)(?![a-z])")
_MASS_AFTER = re.compile(r"\s*(?:doan|hoi|cong doan|lien doan|mat tran)(?![a-z])")
_MINISTRY_RE = re.compile(D.MINISTRY_NAMES + r"(?![a-z])")
# Verbs and words that end a position (written in lower case in the report).
_STOP = re.compile(
    r"(?:dong chu tri|chu tri|tham du|den du|toi du|du|phat bieu|ky ket|ky|trao tang|trao|tang|cho biet"
    r"|nhan manh|khang dinh|danh gia|bao cao|chi dao|de nghi|yeu cau|ghi nhan|co mat|trinh bay|thong tin"
    r"|quan triet|chuc mung|tuyen bo|neu|cho rang|da|dang|se|cung|tai|ben|len|gui|kiem tra|lam viec|tiep"
    r"|tham|duoc|la|vua|chu tich hoi dong|phu trach linh vuc|voi|trong|theo|khi|cho|nay)(?![a-z])"
)
_MAX_ORGAN = 130
_SPACES = re.compile(r" *")
_WORD = re.compile(r"[^\W_]+")
_LIST_SEPARATOR = re.compile(r"\s*(,|va|;|[-–—])\s*")


class PositionReader(Pass):
    """Reads the positions written at a place in the document."""

    def title_at(self, pos):
        tm = TITLE_RE.match(self.f, pos)
        if not tm:
            return None
        written = self.text[tm.start() : tm.end()].lower()
        if "truong" in tm[1] and "trưởng" not in written:
            return None  # "trường", "Trương"
        if tm[1].endswith("bi thu") and "bí thư" not in written:
            return None
        return tm

    def starts_person(self, pos):
        """A rank, an honorific, a title or a person's name begins at ``pos``."""
        if RANK_RE.match(self.f, pos) or self.title_at(pos):
            return True
        hm = HONORIFIC_RE.match(self.f, pos)
        if hm and self.doc.person_name(hm.end(), need_surname=False):
            return True
        return self.name_at(pos) is not None

    def name_at(self, pos):
        """A person's name (with a family name) at ``pos``; a province is not a person."""
        name = self.doc.person_name(pos)
        if name and not PROVINCE_RE.fullmatch(self.f, name[0], name[1]) and not RANK_RE.search(self.f, pos, name[1]):
            return name
        return None

    def organ_end(self, pos):
        """Where the organ of a title starting at ``pos`` ends."""
        end = pos
        limit = min(len(self.f), pos + _MAX_ORGAN)
        i = pos
        while i < limit:
            ch = self.text[i]
            if ch == " ":
                i += 1
                continue
            if ch in ',;:!?\n"“”)':
                break
            if ch == ".":
                # "TP. Sông Công" and "T.Ư" keep going; a full stop ends the sentence.
                before = self.f[max(pos, i - 3) : i]
                if i + 1 < len(self.text) and not self.text[i + 1].isspace() or re.search(r"(?:^|\s)(?:tp|t)$", before):
                    end = i = i + 1
                    continue
                break
            if ch == "(":
                close = self.text.find(")", i, i + 24)
                inner = self.text[i + 1 : close] if close > 0 else ""
                if close < 0 or not inner.strip() or self.title_at(i + 1) or " " in inner.strip():
                    break
                end = i = close + 1  # "Liên đoàn Lao động (LĐLĐ) tỉnh"
                continue
            if ch in "-–—":
                nxt = _SPACES.match(self.f, i + 1).end()
                if self.text[i - 1 : i] == " " and (nxt >= len(self.f) or self.starts_person(nxt)):
                    break  # "Name – position" or "position – position"
                i += 1
                continue
            body = self.doc.body_at.get(i)
            if body is not None and body.end <= limit:
                i = end = body.end  # a body's name ("Công an tỉnh Bắc Ninh") is read whole
                continue
            word = _WORD.match(self.text, i)
            if not word:
                break
            if self.text[i].islower() and _STOP.match(self.f, i):
                break
            if self.f.startswith("va ", i):
                nxt = i + 3
                if self.text[nxt : nxt + 1].islower() or self.starts_person(nxt):
                    break
            elif i > pos and (RANK_RE.match(self.f, i) or self.name_at(i) or self.title_at(i)):
                break
            i = end = word.end()
        return end

    def parse_position(self, pos):
        pos = _SPACES.match(self.f, pos).end()
        tm = self.title_at(pos)
        if not tm:
            return None
        title_end = tm.end()
        qm = _QUALIFIER_RE.match(self.f, title_end)
        if qm:
            title_end = qm.end()
        organ_start = _SPACES.match(self.f, title_end).end()
        end = self.organ_end(organ_start)
        if end <= organ_start and tm[1] in D.TITLES_NEEDING_ORGAN:
            return None
        end = max(end, title_end)
        body, party = self._organ(tm[1], organ_start, end)
        return Position(
            start=tm.start(), end=end, text=clean(self.text[tm.start() : end]), title=tm[1], body=body, party=party
        )

    def _organ(self, title, start, end):
        """The body a position is held in, and whether it is a party organ."""
        pm = _PARTY_RE.match(self.f, start)
        if pm and pm.end() <= end and not _MASS_AFTER.match(self.f, pm.end()):
            # "Bí thư Đảng ủy xã": a party organ; it is the body only when it has a level.
            lm = _PARTY_LEVEL.match(self.f, pm.end())
            if lm and lm.end() <= end and self.f.startswith(("dang uy", "chi bo"), start):
                stop = lm.end()
                stop, _ = self.doc.locality_at(stop, "district")
                return self._synthetic(start, stop, "party"), True
            return None, True
        inside = [b for b in self.doc.body_mentions if start <= b.start and b.end <= end and not b.bare]
        if inside:
            return min(inside, key=lambda b: (b.start, -b.end)), False
        if title in ("bo truong", "thu truong"):
            mm = _MINISTRY_RE.match(self.f, start)
            if mm:
                name = clean("Bộ " + self.text[mm.start() : mm.end()])
                sector = "police" if mm[0] == "cong an" else "government"
                return BodyMention(mm.start(), mm.end(), name, sector, "central", "", synthetic=True), False
        return None, False

    def _synthetic(self, start, end, sector):
        existing = self.doc.body_at.get(start)
        if existing is not None and existing.end == end:
            return existing
        return BodyMention(
            start=start,
            end=end,
            name=clean(self.text[start:end]),
            sector=sector,
            level=None,
            locality="",
            synthetic=True,
        )

    def name_follows(self, pos):
        if pos >= len(self.f) or self.f[pos] not in " \u00a0":
            return None
        return self.name_at(pos + 1)

    def position_list(self, pos):
        """Positions written one after another: "A, B – C và D", up to the next person."""
        positions = []
        while True:
            position = self.parse_position(pos)
            if position is None or self.name_follows(position.end):
                break
            positions.append(position)
            pos = position.end
            sep = _LIST_SEPARATOR.match(self.f, pos)
            if not sep or sep[1] == ";":
                break
            if sep[1] == "va":
                nxt = self.parse_position(sep.end())
                if nxt is None or self.name_follows(nxt.end):
                    break
            pos = sep.end()
        return positions

    def positions_before(self, pos, floor):
        """Positions written before a name and joined to it ("Phó Chủ tịch A, Chủ tịch B Name")."""
        found = []
        for tm in TITLE_RE.finditer(self.f, floor, pos):
            position = self.parse_position(tm.start())
            if position is None or position.end > pos:
                continue
            gap = self.f[position.end : pos]
            if found and found[-1].end > position.start:
                continue
            found.append(position)
            if not gap.strip():
                return self._joined(found)
        return []

    def _joined(self, found):
        """The last position of ``found`` and those before it joined to it by commas or dashes."""
        chain = [found[-1]]
        for position in reversed(found[:-1]):
            gap = self.f[position.end : chain[0].start]
            if not re.fullmatch(r"\s*[,–—-]\s*", gap):
                break
            chain.insert(0, position)
        return chain
