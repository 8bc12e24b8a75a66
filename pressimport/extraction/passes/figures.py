"""Reported figures: counted results of the cooperation ("1.291 buổi tuyên truyền").

A figure is a number (thousands dots, "126 ngàn", a fraction "98/129 xã" counts 98) and the
noun it counts, with its qualifier ("hơn", "trên", "gần") kept in the quoted text. What is not
a result is left out or left for the user: targets for the years to come, prices and money per
item ("300.000 đồng/phần"), the size of a population stated as it is now ("Hiện cả nước có 17
triệu công nhân"), shares of the economy ("65% tổng sản phẩm"), numbers of an address or a
name ("phường 10"), money in a line that is a link to another story, view counts.
"""

import re

from common.forms import parse_vietnamese_number
from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import alternation, words_overlap
from pressimport.extraction.results import Figure

_UNIT_RE = re.compile(r"\s*[“\"]?(" + alternation([re.escape(u) for u in D.FIGURE_UNITS]) + r")(?![a-z])")
_NUMBER_VALUE_RE = re.compile(
    r"(?<![\w./:,-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s+(nghin|ngan|trieu|ty))?"
    r"(?:/(\d{1,3}(?:\.\d{3})+|\d+))?(?![\w/]|[-.:]\d|,\d)"
)
_QUALIFIER_RE = re.compile(r"(?:tren|hon|gan|khoang|cho|voi|den|tong so|tong cong)\s+$")
_WHAT_STOP = re.compile(
    r"[,;.()“\"…]|\s+(?:cho|voi|tai|trong|cua|tham du|truc thuoc|nham|de|va|tren|thuoc|duoc|o|ve)(?![a-z])"
)
_TARGET_RE = re.compile(r"(?<![a-z])(?:se|phan dau|du kien|it nhat|chi tieu|muc tieu|phai dat)(?![a-z])")
# "Hiện …", "hiện nay", "hiện có": the state of things now, not what the work did.
_NOW_RE = re.compile(r"(?<![a-z])(?:hien|ca nuoc co|toan quoc co)(?![a-z])")
_NOT_NOW = re.compile(r"(?:thuc|the|phat|xuat|trinh|bieu) hien(?![a-z])|hien (?:dai|thuc|truong|tuong|vat|hanh|dien)")
_ECONOMY_RE = re.compile(r"(?<![a-z])(?:" + D.ECONOMY_WORDS + r")(?![a-z])")
_PLACE_BEFORE_RE = re.compile(r"(?<![a-z])(" + alternation(D.PLACE_BEFORE_NUMBER) + r")\s+$")
_FILLER_BEFORE = ("cho", "với", "trên", "hơn", "gần", "khoảng", "được", "đã")


def find_figures(doc):
    return FiguresPass(doc).find_figures()


class FiguresPass(Pass):
    def find_figures(self):
        figures = []
        for m in _NUMBER_VALUE_RE.finditer(self.f):
            figure = self._read(m)
            if figure is None:
                continue
            if any(
                f.value == figure.value and f.unit == figure.unit and words_overlap(f.what, figure.what) >= 0.6
                for f in figures
            ):
                continue
            figures.append(figure)
            self.claim(m.start(), figure.span[1])
        self.doc.figures = figures
        return figures

    def _address(self, pos):
        """The number is part of an address or a place's name: "phường 10", "hẻm 35"."""
        floor = max(0, pos - 14)
        pm = _PLACE_BEFORE_RE.search(self.f, floor, pos)
        return bool(pm) and self.text[pm.start(1) : pm.end(1)].lower() == D.PLACE_BEFORE_NUMBER[pm[1]]

    def _unit(self, m):
        """The counted noun after the number, as written; None when there is none."""
        um = _UNIT_RE.match(self.f, m.end())
        if not um or re.match(D.UNIT_STOP_AFTER, self.f[um.end() : um.end() + 15]):
            return None
        unit_key = um[1]
        unit = D.FIGURE_UNITS[unit_key]
        if self.text[um.start(1) : um.end(1)].lower() != unit.lower():
            return None  # folded spellings collide: "đội" and "đổi", "trường" and "trưởng"
        needed = D.UNITS_NEEDING_NOUN.get(unit_key)
        if needed and not re.match(rf"\s+(?:{needed})(?![a-z])", self.f[um.end() : um.end() + 20]):
            return None
        if unit_key == "to" and re.match(r"\s+chuc(?![a-z])", self.f[um.end() : um.end() + 8]):
            return None  # "phường 10 tổ chức …": a verb
        return um, unit_key, unit

    def _read(self, m):
        if self.is_claimed(m.start(), m.end()) or self._address(m.start()):
            return None
        found = self._unit(m)
        if found is None:
            return None
        um, unit_key, unit = found
        if m[3] and int(m[3].replace(".", "")) <= int(m[1].split(",")[0].replace(".", "")):
            return None  # "98/129": a part of a whole; "35/6": an address
        try:
            value = parse_vietnamese_number(self.text[m.start(1) : m.end(1)])
        except ValueError:
            return None
        multiplier = m[2]
        if multiplier and not unit_key.endswith("dong"):
            value = value * D.MULTIPLIERS[multiplier]
        elif multiplier:
            unit = clean(self.text[m.start(2) : um.end(1)])
        if value == value.to_integral_value():
            value = int(value)
        s, e = self.sentence_of(m.start())
        start = m.start()
        qm = _QUALIFIER_RE.search(self.f, max(s, start - 12), start)
        if qm:
            start = qm.start()
        what_end = self._what_end(um.end(), e)
        clause_start = max([s, *[s + c.end() for c in re.finditer(r"[;:]", self.f[s : m.start()])]])
        confidence = self._confidence(m, um, unit_key, unit, (s, e), clause_start)
        if confidence is None:
            return None
        return Figure(
            context=clean(self.text[clause_start:what_end]),
            span=(start, um.end()),
            confidence=confidence,
            value=value,
            unit=unit,
            what=self._what(um, what_end, s, start),
            text=self.text[start:what_end].strip().rstrip("…"),
            body=self._reporting_body(s, m.start()),
        )

    def _what_end(self, pos, sentence_end):
        tail = self.f[pos:sentence_end]
        stop = _WHAT_STOP.search(tail)
        end = pos + (stop.start() if stop else len(tail))
        return pos if end - pos > 80 else end

    def _what(self, um, what_end, s, start):
        what = clean(self.text[um.start(1) : what_end])
        if what_end == um.end():
            # A bare unit ("1.291 cuộc", "cho 800 CNLĐ"): say what it counts with the words before it.
            before = re.split(r"[;:]", self.text[s:start])[-1].split()
            after_comma = re.split(r",", " ".join(before))[-1].split()
            if len(after_comma) >= 3:
                before = after_comma
            while before and before[-1].lower() in _FILLER_BEFORE:
                before.pop()
            if before:
                what = f"{what} ({clean(' '.join(before[-8:])).strip(' ,')})"
        return what

    def _confidence(self, m, um, unit_key, unit, sentence, clause_start):
        """How sure the number is a result of the work; None when it is surely not one."""
        s, e = sentence
        sentence_text = self.f[s:e]
        money = unit_key.endswith("dong")
        if money and self.f[um.end() : um.end() + 1] == "/":
            return None  # "300.000 đồng/phần": a price
        if money and not re.search(r"[.!?…]\s*$", self.text[s:e]) and len(sentence_text.split()) < 16:
            return 0.3  # money in a short line without a full stop: a link to another story
        if unit == "%" and _ECONOMY_RE.search(sentence_text):
            return None  # "đóng góp 65% tổng sản phẩm": the economy, not the work
        now = _NOW_RE.search(self.f, clause_start, m.start())
        population = (
            unit_key in D.POPULATION_UNITS or unit == "%" or (m[2] == "trieu" and unit_key not in D.ORGANISED_UNITS)
        )
        if population and now and not _NOT_NOW.search(self.f[max(s, now.start() - 6) : now.end() + 9]):
            return 0.3  # "Hiện cả nước có 17 triệu công nhân": a population, not a result
        if _TARGET_RE.search(self.f, clause_start, m.start()) or re.match(
            r"\s*theo (?:ke hoach|quy che|chuong trinh|du kien)", self.f[s : s + 30]
        ):
            return 0.4  # a target for the time to come, not a result
        return 0.8 if unit != "%" else 0.6

    def _reporting_body(self, s, pos):
        candidates = [b for b in self.doc.body_mentions if s <= b.start < pos and not b.affiliation]
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
            for body in self.doc.body_mentions:
                if body.sector == sector and body.specific and not body.affiliation and body.level != "central":
                    return body
        return None
