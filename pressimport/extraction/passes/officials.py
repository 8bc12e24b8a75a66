"""Officials: people named with their rank, honorific and positions, and the body they act for.

Forms read: "Rank Name, positions", "Rank Name - positions", "position Name", "đồng chí
Name – position", several positions joined by commas or dashes. An official's role at the
event (chair, guest, signatory, speaker) comes from the verb of the sentence.
"""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.folding import fold_keep
from pressimport.extraction.names import SIGNED_CUE, alternation
from pressimport.extraction.results import BodyMention, Official, Position


def find_officials(doc):
    return OfficialsPass(doc).find_officials()


class OfficialsPass(Pass):
    # --------------------------------------------------------------------------------------
    _TITLE_RE = re.compile(r"(?<![a-z])(" + alternation(D.TITLES) + r")(?![a-z])")
    _QUALIFIER_RE = re.compile(r"\s+(?:" + "|".join(D.TITLE_QUALIFIERS) + r")(?![a-z])")
    _PARTY_RE = re.compile(D.PARTY_ORGANS + r"(?![a-z])")
    _MINISTRY_RE = re.compile(D.MINISTRY_NAMES + r"(?![a-z])")
    _RANK_RE = re.compile(r"(?<![a-z])(" + alternation([r for r, _ in D.RANKS]) + r")\s+(?=\S)")
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
        body = self.doc.body_at.get(organ_start)
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
                lm = self.doc.locality_at(end, "province")
                end = lm[0]
                follow = self.doc.body_at.get(end + 1)
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
        return self.doc.person_name(pos + 1)

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
                name = self.doc.person_name(m.end(), need_surname=False)
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
                    name = self.doc.person_name(rm.end(), need_surname=False)
                    rank = next((label for key, label in D.RANKS if key == rm[1]), None)
            if not name:
                continue
            start, end, full = name
            add(self._official(position.start, (start, end), full, rank, None, [position], 0.85))
        # Name, then positions, at the start of a clause: "Nguyễn Văn C, Chủ tịch …"
        for m in re.finditer(r"(?:^|[;:.\n]|\bva\b|,)\s*", self.f):
            pos = m.end()
            name = self.doc.person_name(pos)
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
        self.doc.officials = officials
        for official in officials:
            self._official_role(official)
            for position in official.positions:
                # Bodies named inside a position are the official's, not parties of their own,
                # except the body they act for.
                for body in self.doc.body_mentions:
                    if position.start <= body.start < position.end and body is not official.body_mention:
                        body.suppressed = True
            self.claim(official.span[0], official.span[1])
        self.doc.officials = officials
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
