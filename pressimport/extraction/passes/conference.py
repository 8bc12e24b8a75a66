"""The conference: its kinds, date, reviewed period and place."""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import PERIOD_PAREN_RE, PERIOD_RE
from pressimport.extraction.passes.dates import infer_year
from pressimport.extraction.results import THRESHOLD, Conference


def find_conference(doc):
    return ConferencePass(doc).find_conference()


class ConferencePass(Pass):
    _CONF_KIND_RE = re.compile(r"(?<![a-z])(?:hoi nghi|le)\s+(so ket|tong ket|ky ket)(?![a-z])")
    _REVIEW_RE = re.compile(r"(?<![a-z])(so ket|tong ket)(?![a-z])")
    # An event of another kind is named after a word that introduces an event.
    _EVENT_RE = re.compile(
        r"(?<![a-z])(?:to chuc|hoi nghi|le|buoi|chuong trinh|phien|tai|du)\s+(?:(?:cac|mot)\s+)?"
        r"(" + "|".join(D.EVENT_KINDS) + r")(?![a-z])"
    )
    _PERIOD_WORD_RE = re.compile(r"(?<![a-z])(so ket|tong ket|giao ban)(?![a-z])")
    _KIND_LABELS = {"so ket": "sơ kết", "tong ket": "tổng kết", "ky ket": "ký kết"}

    def _written_as_kind(self, pos, key):
        spelling = self._KIND_LABELS.get(key)
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
        signed = [a for a in self.doc.agreements if a.role == "signed" and a.confidence >= THRESHOLD]
        if signed and "ký kết" not in [k[0] for k in kinds]:
            mention = signed[0].mentions[0]
            kinds.append(("ký kết", (mention.start, mention.end), 0.75))
        event = self._other_event()
        if event and not explicit:
            # "hội nghị biểu dương", "tổ chức tọa đàm": the event is of that kind, whatever
            # agreement it mentions; a review or a signing it holds is a further kind.
            kinds.insert(0, event)
            explicit = event
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
        self.doc.conference = conference
        self._reviewed_period(conference)
        self._conference_date(conference)
        self._place(conference)
        return conference

    def _other_event(self):
        """The first event of another kind the report says was held ("tổ chức tọa đàm")."""
        for m in self._EVENT_RE.finditer(self.f):
            if self.is_claimed(m.start(1), m.end(1)):
                continue
            before = self.f[max(0, m.start() - 25) : m.start()]
            if re.search(r"(?:se|sap|du kien|ke hoach|hang nam|dinh ky)\s+$", before):
                continue  # an event to come
            if m[1] == "phat dong" and not re.match(r"(?:hoi nghi|le|buoi)\b", self.f[m.start() :]):
                continue  # "tổ chức phát động phong trào": a call, not an event
            return (D.EVENT_KINDS[m[1]], (m.start(1), m.end(1)), 0.7)
        return None

    _PART_OF_DAY = re.compile(
        r"(?:(?<![a-z])(sang|chieu|toi|trua|dem)(?: nay| qua| hom nay)?(?:,)?(?: ngay)?\s*\(?\s*|(?<![a-z])ngay\s+)$"
    )
    _EVENT_WORDS = re.compile(r"hoi nghi|to chuc|chu tri|ky ket|dien ra|tham du|le ky|hop|tong ket|so ket")

    def _conference_date(self, conference):
        best = None
        for date in self.doc.dates:
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
        year = date.year or infer_year(date.day, date.month, self.doc)
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
            for pm in [*PERIOD_RE.finditer(tail), *PERIOD_PAREN_RE.finditer(tail)]:
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
        if conference.kind and kind in ("biểu dương", "tuyên dương", "giao ban"):
            # "hội nghị biểu dương … giai đoạn 2019 - 2024": the years honoured.
            start = conference.kind[1][1]
            _, e = self.sentence_of(start)
            pm = PERIOD_RE.search(self.f, start, e) or PERIOD_PAREN_RE.search(self.f, start, e)
            if pm and not self.is_claimed(pm.start(), pm.end()):
                conference.reviewed_period = ((int(pm[1]), int(pm[2])), (pm.start(), pm.end()), 0.7)
                return
        if kind == "tổng kết":
            reviewed = [a for a in self.doc.agreements if a.role == "reviewed" and a.period]
            if len(reviewed) == 1:
                conference.reviewed_period = (reviewed[0].period, reviewed[0].span, 0.6)

    _PLACE_RE = re.compile(r"(?<![a-z])tai\s+")
    _PLACE_START = re.compile(
        r"(?:hoi truong|tru so|nha van hoa|trung tam|khach san|phong hop|cung van hoa)"
        r"|(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|phuong|thi tran)\s+(?=\S)"
    )
    # Words that end a place: a clause of its own ("do … tổ chức", "nhân ngày …", "nhằm …").
    _PLACE_STOP = re.compile(
        r"[,;(]|\.(?=\s|$)|\s+(?:do|voi|co|da|duoi|nham|de|dien ra|nhan|trong|cung|va|theo|ve|cho)(?![a-z])"
    )

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
                if not (self.text[start : start + 1].isupper() or self._PLACE_START.match(rest)):
                    continue
                end = start + len(rest)
                for stop in self._PLACE_STOP.finditer(rest):
                    word = self.text[start + stop.start() : start + stop.end()].strip()
                    if word[:1].isalpha() and not word[:1].islower():
                        continue  # a capitalised word belongs to the name ("Nhà Văn hóa Cùng …")
                    end = start + stop.start()
                    break
                place = clean(self.text[start:end])
                if 3 <= len(place) <= 150 and any(ch.isupper() for ch in place):
                    conference.place = (place, (start, end), 0.65)
                    return
