"""Officials: people named with their rank, honorific and positions, and the body they act for.

Forms read: "Rank Name, positions", "Rank Name - positions", "positions Name" (title first),
"đồng chí Name – position", "ông / bà / anh / chị Name, position", several positions joined
by commas or dashes, several names after one shared title ("Phó Chủ tịch UBND tỉnh A và B").
A person written twice ("Trung tướng A, Thứ trưởng" … "trung tướng A, Thứ trưởng, Trưởng
ban …") is one official. A name with an honorific and no position (a landlord, a team
leader) is not proposed. The body an official acts for is that of the position whose body
the report speaks of most (the police chief who is also a deputy acts for the police), and
an official's role at the event (chair, guest, signatory, speaker) comes from the verb of
the sentence.
"""

import re

from pressimport.extraction import dictionaries as D
from pressimport.extraction.folding import fold_keep
from pressimport.extraction.names import SIGNED_CUE
from pressimport.extraction.passes.positions import HONORIFIC_RE, RANK_RE, TITLE_RE, PositionReader
from pressimport.extraction.results import Official

_HONORIFICS = ("ông", "bà", "đồng chí", "anh", "chị")
# What may follow a name that shares the title before it: the next name, or the end of the phrase.
_SHARED_NAME_END = re.compile(r"\s*(?:,|va|;|\.|$)|\s+(?:dong chu tri|chu tri|du|tham du|phat bieu|ky|trao|cung)\b")


_RANK_GAP = re.compile(r",? ")
_AFTER_NAME = re.compile(r"\s*(?:,|-|–|—|\()\s*")
_AFTER_BARE_NAME = re.compile(r"\s*(?:,|-|–)\s*")
_NEXT_NAME = re.compile(r"\s*(?:,|va)\s+")
# The verbs of those who attend: "Dự hội nghị có …", "Tới dự có …", "Chứng kiến lễ ký có …".
_GUEST_RE = re.compile(
    r"(?<![a-z])(?:tham du|den du|toi du|co mat|chung kien"
    r"|du (?:hoi nghi|ngay hoi|le|buoi|toa dam|chuong trinh|hoi thao|giao ban|ky ket))(?![a-z])"
)
# Where the titles of one person can start: after a colon or semicolon, or "có", "là" …
_CLAUSE_START = re.compile(r"[;:]|(?<![a-z])(?:co|la|cua|voi)\s")


def find_officials(doc):
    return OfficialsPass(doc).find_officials()


def _rank_label(folded):
    return next((label for key, label in D.RANKS if key == folded), None)


class OfficialsPass(PositionReader):
    def find_officials(self):
        self.found = []
        self._rank_or_honorific_first()
        self._title_first()
        self._name_first()
        officials = sorted(self.found, key=lambda o: o.span[0])
        self.doc.officials = officials
        mentioned = self._mention_counts(officials)
        for official in officials:
            self._choose_body(official, mentioned)
            self._official_role(official)
            for position in official.positions:
                # Bodies named inside a position are the official's, not parties of their own,
                # except the body they act for.
                for body in self.doc.body_mentions:
                    if position.start <= body.start < position.end and body is not official.body_mention:
                        body.suppressed = True
        return officials

    def _add(self, official):
        self.claim(official.span[0], official.span[1])
        s, e = official.name_span
        for other in self.found:
            ts, te = other.name_span
            if (s < te and ts < e) or fold_keep(other.name) == fold_keep(official.name):
                # The same person read twice: keep what each reading saw.
                if len(official.positions) > len(other.positions):
                    other.positions, other.span = official.positions, official.span
                other.rank = other.rank or official.rank
                other.honorific = other.honorific or official.honorific
                other.confidence = max(other.confidence, official.confidence)
                return
        self.found.append(official)

    def _official(self, start, name_span, name, rank, honorific, positions, confidence):
        end = max([name_span[1], *[p.end for p in positions]])
        if not positions and not rank:
            confidence = min(confidence, 0.35)  # "bà Đào Thị Nhung": a name and nothing more
        return Official(
            span=(start, end),
            confidence=confidence,
            name=name,
            rank=rank,
            honorific=honorific,
            positions=positions,
            body=None,
            name_span=name_span,
        )

    def _rank_or_honorific_first(self):
        """ "Đại tá Nguyễn Văn A, Giám đốc …", "đồng chí Lê Thị B – Chủ tịch …"."""
        for regex, is_rank in ((RANK_RE, True), (HONORIFIC_RE, False)):
            for m in regex.finditer(self.f):
                written = self.text[m.start(1) : m.end(1)]
                if not is_rank and written.lower() not in _HONORIFICS:
                    continue
                name = self.doc.person_name(m.end(), need_surname=False)
                if not name:
                    continue
                start, end, full = name
                sep = _AFTER_NAME.match(self.f, end)
                positions = self.position_list(sep.end()) if sep else []
                rank = _rank_label(m[1]) if is_rank else None
                honorific = None if is_rank else written.lower()
                self._add(self._official(m.start(), (start, end), full, rank, honorific, positions, 0.9))

    def _title_first(self):
        """ "Phó Chủ tịch UBND tỉnh Nguyễn Văn A", "Chủ tịch X, Chủ tịch Y Nguyễn Văn B",
        "Phó Giám đốc Công an tỉnh Đại tá Trần Văn C", "các Phó Chủ tịch UBND tỉnh A và B"."""
        taken_until = 0
        for m in TITLE_RE.finditer(self.f):
            if m.start() < taken_until:
                continue
            position = self.parse_position(m.start())
            if position is None or position.end <= m.start():
                continue
            rank = None
            name = self.name_follows(position.end)
            if not name:
                # "Phó Giám đốc Công an tỉnh Đại tá Trần Văn C", "Giám đốc Công an tỉnh, Đại tá Lê Văn E"
                gap = _RANK_GAP.match(self.f, position.end)
                taken = any(o.span[0] <= position.start < o.span[1] for o in self.found)
                rm = RANK_RE.match(self.f, gap.end()) if gap and not (taken and gap[0] != " ") else None
                if rm:
                    name = self.doc.person_name(rm.end(), need_surname=False)
                    rank = _rank_label(rm[1])
            if not name:
                continue
            sentence_start = self.sentence_of(m.start())[0]
            clauses = _CLAUSE_START.finditer(self.f, sentence_start, m.start())
            clause_start = max([sentence_start, *[c.end() for c in clauses]])
            positions = self.positions_before(name[0] - 1 if not rank else rm.start() - 1, clause_start)
            positions = positions or [position]
            start, end, full = name
            self._add(self._official(positions[0].start, (start, end), full, rank, None, positions, 0.85))
            taken_until = end
            self._shared_title(end, positions, rank)

    def _shared_title(self, pos, positions, rank):
        """Further names after the first that share its title: ", Trần Văn B và Lê Thị C"."""
        while True:
            sep = _NEXT_NAME.match(self.f, pos)
            if not sep:
                return
            name = self.name_at(sep.end())
            if not name or not _SHARED_NAME_END.match(self.f, name[1]):
                return
            after = re.match(r"\s*(?:,|-|–)\s*", self.f[name[1] :])
            if after and self.parse_position(name[1] + after.end()):
                return  # "…, Nguyễn Văn B, Chủ tịch …": a person with a position of their own
            start, end, full = name
            self._add(self._official(start, (start, end), full, rank, None, list(positions), 0.75))
            pos = end

    def _name_first(self):
        """ "Nguyễn Văn C, Chủ tịch …" at the start of a clause, with no rank or honorific."""
        for m in re.finditer(r"(?:^|[;:.\n]|\bva\b|,)\s*", self.f):
            pos = m.end()
            name = self.name_at(pos)
            if not name:
                continue
            start, end, full = name
            sep = _AFTER_BARE_NAME.match(self.f, end)
            if not sep:
                continue
            positions = self.position_list(sep.end())
            if positions and any(p.body or p.party for p in positions):
                self._add(self._official(start, (start, end), full, None, None, positions, 0.8))

    def _mention_counts(self, officials):
        """How often the report names each body outside the officials' positions."""
        inside = [(p.start, p.end) for o in officials for p in o.positions]
        counts = {}
        for body in self.doc.body_mentions:
            if not any(s <= body.start < e for s, e in inside):
                counts[body.key] = counts.get(body.key, 0) + 1
        return counts

    def _choose_body(self, official, mentioned):
        """The body the official acts for: among the bodies of their positions (party organs
        last), the one the report names most elsewhere; on a tie, the last position's."""
        candidates = [p.body for p in official.positions if p.body is not None and not p.party]
        if not candidates:
            candidates = [p.body for p in official.positions if p.body is not None]
        if not candidates:
            return

        def weight(body):
            key = body.key
            return sum(
                n for k, n in mentioned.items() if k == key or k.startswith(key + " ") or key.startswith(k + " ")
            )

        best = max(reversed(candidates), key=weight)
        official.body_mention = best
        official.body = best.name

    def _official_role(self, official):
        """Chair, guest, signatory or speaker, from the verb the official is the subject of."""
        s, e = self.sentence_of(official.span[0])
        sentence = self.f[s:e]
        if _GUEST_RE.search(sentence) and not re.search(r"(?<![a-z])chu tri(?![a-z])", sentence):
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
        for m in SIGNED_CUE.finditer(self.f, pos, sentence_end):
            if not self.doc.is_sign_word(m.start()):
                continue
            gap = list(self.f[pos : m.start()])
            for other in self.doc.officials:
                if pos <= other.span[0] < m.start():
                    for i in range(other.span[0] - pos, min(other.span[1], m.start()) - pos):
                        gap[i] = " "
            return bool(
                re.fullmatch(
                    r"[\s,]*(?:va|cung)?[\s,]*(?:(?:da|cung|dong|tien hanh|thong nhat|chinh thuc)\s+)*", "".join(gap)
                )
            )
        return False
