"""Reported figures: counted results of the cooperation ("1.291 buổi tuyên truyền")."""

import re

from common.forms import parse_vietnamese_number
from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import alternation, words_overlap
from pressimport.extraction.results import Figure


def find_figures(doc):
    return FiguresPass(doc).find_figures()


class FiguresPass(Pass):
    # ---------------------------------------------------------------------------------------
    _UNIT_RE = re.compile(r"\s*[“\"]?(" + alternation([re.escape(u) for u in D.FIGURE_UNITS]) + r")(?![a-z])")
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
                f.value == figure.value and f.unit == figure.unit and words_overlap(f.what, figure.what) >= 0.6
                for f in figures
            ):
                continue
            figures.append(figure)
            self.claim(m.start(), um.end())
        self.doc.figures = figures
        return figures

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
