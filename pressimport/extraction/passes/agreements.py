"""Agreements named in the report: each mention with its kind, number, date, parties,
subject, period and the role it plays at the event (signed, reviewed, launched, referenced).

Mentions of the same agreement are merged into one in agreement_merge.py.
"""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.folding import fold_keep
from pressimport.extraction.names import PERIOD_PAREN_RE, PERIOD_RE, QUOTE_RE, SIGNED_CUE, name_key, single_issuer
from pressimport.extraction.passes.dates import infer_year
from pressimport.extraction.results import Mention

_SPACED_NUMBER = re.compile(r" ?/ ?[A-ZĐ][\wĐđ.-]*")
_PLACE_AFTER_CODE = re.compile(r" ([A-ZĐÂ][^\W\d_]+)")
_NOT_A_PLACE_WORD = re.compile(r"ngày|giữa|về|của|năm|giai|và|tại|trong")
# "… số 12 của UBND tỉnh", "… ngày 5/5/2021 của Bộ Công an": one body's document.
_ISSUER_RE = re.compile(r"[ ,]*(?:ngay [\d/.-]+ )?[ ,]*(?:cua|do) ")
_STRONG_REVIEW_RE = re.compile(
    r"(?<![a-z])(?:(?:qua|sau) (?:\d+|mot|hai|ba|bon|nam|sau|muoi) nam|so ket|tong ket)(?![a-z])"
)
# The signing written after the agreement: "… đã được ký kết", "… vừa ký".
_SIGNED_AFTER = re.compile(r"[^.;:]{0,80}?\s(?:da|duoc|vua)\s+(?:duoc\s+)?ky(?: ket)?(?![a-z])")


def find_agreement_mentions(doc):
    return AgreementsPass(doc).find_agreements()


class AgreementsPass(Pass):
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
                    pos = nm.start(group) + len(raw)
                    pos = self._number_tail(pos)
                    mention.number = clean(self.text[nm.start(group) : pos])
            if kind in ("programme", "plan") and not (
                mention.number or re.search(r"phoi hop|lien nganh|lien tich|lien ket", mods)
            ):
                continue
            mention.coordination = bool(re.search(r"phoi hop|lien nganh|lien tich|lien ket", mods))
            issuer = _ISSUER_RE.match(self.f, pos, sentence[1])
            if label == "nghị định":
                # "Nghị định 03 của Chính phủ": the decree the bodies carry out; its issuer is its party.
                issuer_body = self.doc.body_at.get(issuer.end()) if issuer else None
                if issuer_body is not None:
                    mention.parties = [(issuer_body.name, issuer_body)]
            else:
                mention.single_body = not mention.coordination and (single_issuer(mention.number) or bool(issuer))
            if kind == "other" and not mention.number and not written[0].isupper():
                continue
            dm = re.match(r" *,? *(?:ky +)?(?:ngay|ban hanh ngay) +", self.f[pos : sentence[1]])
            if dm:
                date = next((d for d in self.doc.dates if d.start == pos + dm.end()), None)
                if date:
                    mention.signed_on = date.as_date(infer_year(date.day, date.month, self.doc))
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
        self.doc.mentions = mentions
        return mentions

    def _number_tail(self, pos):
        """Where a number ends: "05 /QC-CAT" and "12/ KH" hold a space; a code naming a zone
        or a place may end with its name ("118/QC-CA-KCN Tân Kim")."""
        spaced = _SPACED_NUMBER.match(self.text, pos)
        if spaced:
            pos = spaced.end()
        place = _PLACE_AFTER_CODE.match(self.text, pos)
        if place and re.search(r"[A-ZĐ]{2,}$", self.text[max(0, pos - 6) : pos]):
            name = self.doc.read_name(place.end() - len(place[1]), max_words=3)
            if name and not self.doc.person_name(name[0]):
                words = [w for w in name[2] if not _NOT_A_PLACE_WORD.fullmatch(w.lower())]
                if words == name[2]:
                    pos = name[1]
        return pos

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
                period = PERIOD_RE.match(self.f, pos + pm.end()) or PERIOD_PAREN_RE.match(self.f, pos + pm.end())
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
            pm = PERIOD_RE.search(self.f, pos, limit)
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
            quote = QUOTE_RE.match(self.text, pos + qm.end() - 1)
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
        for body in self.doc.body_mentions:
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
                (b for b in self.doc.body_mentions if b.start >= at and b.end <= at + len(part) and b.specific), None
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
            ("signed", SIGNED_CUE),
            ("reviewed", self._REVIEWED_CUE),
            ("launched", self._LAUNCHED_CUE),
            ("referenced", self._REFERENCE_CUE),  # "căn cứ": pursuant to
        ):
            for m in regex.finditer(left):
                if role == "signed" and not self.doc.is_sign_word(left_start + m.start()):
                    continue
                if role == "launched" and re.match(r"trien khai,? thuc hien", left[m.start() :]):
                    continue
                if best is None or m.end() > best[1] or (m.end() == best[1] and role == "reviewed"):
                    best = (role, m.end(), m[0])
        if best is not None:
            mention.role, mention.role_cue = best[0], best[2]
            strong = _STRONG_REVIEW_RE.search(left)
            if best[0] == "reviewed" and strong:
                mention.role_cue = strong[0]  # "Qua 5 năm triển khai thực hiện …", "sơ kết … thực hiện …"
        elif _SIGNED_AFTER.match(self.f, mention.end, mention.sentence[1]):
            # "Chương trình phối hợp giai đoạn 2024-2029 … đã được ký kết"
            mention.role, mention.role_cue = "signed", "ky ket"

    def _signed_cue_in(self, start, end):
        return any(self.doc.is_sign_word(start + m.start()) for m in SIGNED_CUE.finditer(self.f[start:end]))
