"""Commendations: the form (Bằng khen, Giấy khen …), who gives it, how many collectives and
individuals receive it, and the words that say so.

Counts are read as the report gives them: split ("8 tập thể, 12 cá nhân"), as a total with no
split ("10 tập thể, cá nhân"), as a total then its split ("30 tập thể, cá nhân, trong đó …"),
as people named by what they are ("10 nữ tổ trưởng": individuals only), as a number of forms
("tặng 12 Bằng khen"), or with no number ("cho tập thể Hội Nông dân xã": one collective; "cho
cá nhân": no collective). The same award told twice (a caption, a repeated sentence) is one,
and collectives and individuals honoured with the same form by the same authority in two
sentences are one award with its split.
"""

import re
from dataclasses import dataclass

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import words_overlap
from pressimport.extraction.results import Commendation

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
# Recipients: collectives, and individuals named as such or by what they are ("11 đoàn viên").
_PEOPLE = (
    r"(?:nu |nam )?(?:ca nhan|dong chi|doan vien(?: thanh nien)?|hoi vien|can bo(?:,? chien si)?|chien si"
    r"|cong nhan(?: lao dong)?|nguoi lao dong|hoc sinh|thanh nien|nong dan|phu nu|cuu chien binh|cong dan"
    r"|dang vien|to truong|doi truong|truong thon|truong ap|cong an vien|guong (?:dien hinh|tieu bieu)|nguoi)"
)
_COUNT_RE = re.compile(
    rf"(?<![\d.,]){_NUMBER}\s+(tap the|{_PEOPLE})(?![a-z])"
    rf"(?:\s*(?:,|va|;)\s*(?:{_NUMBER}\s+)?(tap the|{_PEOPLE})(?![a-z]))?"
)
_SPLIT_AFTER_RE = re.compile(
    rf"\s*[,(]?\s*trong do\s*:?\s*{_NUMBER}\s+tap the\s*(?:,|va)\s*{_NUMBER}\s+(?:{_PEOPLE})(?![a-z])\)?"
)
_FORM_RE = re.compile(
    r"(?<![a-z])(?:" + "|".join(f"(?P<f{i}>{p})" for i, (p, _) in enumerate(D.AWARD_FORMS)) + r")(?![a-z])"
)
_AWARD_VERB_RE = re.compile(r"(?<![a-z])" + D.AWARD_VERBS + r"(?![a-z])")
_UNSTATED_FORM_RE = re.compile(r"tuyen duong|khen thuong|trao thuong|bieu duong")
# Awards to come or proposed, not given: "sẽ", "đề nghị", "xét".
_NOT_GIVEN_RE = re.compile(r"kip thoi|se |de nghi|nham|de xuat|xet|hang nam")
# "cho tập thể X", "cho cá nhân": a form given to one group, with no number.
_GROUP_RE = re.compile(r"(?<![a-z])cho\s+(cac\s+)?(tap the|ca nhan)(?![a-z])")


@dataclass
class _Counts:
    total: int | None = None
    collectives: int | None = None
    individuals: int | None = None
    span: tuple | None = None  # in the clause
    restricted: bool = False  # no number, but the group is named ("cho cá nhân")


def find_commendations(doc):
    return CommendationsPass(doc).find_commendations()


def _halves(a, b):
    """Whether one item counts only collectives and the other only individuals."""

    def only(item, group):
        counts = (item.collective_count, item.individual_count)
        return counts[group] and counts[1 - group] == 0

    return (only(a, 0) and only(b, 1)) or (only(a, 1) and only(b, 0))


def _number(text):
    return int(text.replace(".", ""))


class CommendationsPass(Pass):
    def find_commendations(self):
        found = []
        for s, e in self.doc.sentences:
            for cs, ce in self._clauses(s, e):
                item = self._read_clause(cs, ce)
                if item is not None:
                    found.append(item)
        kept = self._unique(found)
        for item in kept:
            if item.recipients_count is not None:
                self.claim(item.span[0], item.span[1])
        self.doc.commendations = kept
        return kept

    def _clauses(self, s, e):
        start = s
        for m in re.finditer(r";", self.f[s:e]):
            yield start, s + m.start()
            start = s + m.end()
        yield start, e

    def _read_clause(self, cs, ce):
        clause = self.f[cs:ce]
        form = _FORM_RE.search(clause)
        verb = _AWARD_VERB_RE.search(clause)
        if not (form or (verb and _UNSTATED_FORM_RE.search(clause))):
            return None
        counts = self._counts(clause, cs, form)
        if counts is None:
            return None
        label = D.AWARD_FORMS[int(next(k for k, v in form.groupdict().items() if v)[1:])][1] if form else "other"
        if label in ("Huân chương", "Huy chương"):
            label = clean(self.text[cs + form.start() : cs + form.end()])
        anchor = counts.span[0] if counts.span else form.start()
        if _NOT_GIVEN_RE.search(clause[:anchor][-40:]):
            confidence = 0.4
        elif counts.total is not None or counts.collectives or counts.individuals:
            confidence = 0.85
        elif counts.restricted:
            confidence = 0.6
        else:
            confidence = 0.4
        authority, authority_span = self._authority(cs, ce, counts, form, verb)
        starts = [cs + anchor]
        ends = [cs + counts.span[1]] if counts.span else []
        if form:
            starts.append(cs + form.start())
            ends.append(cs + form.end())
        if authority_span:
            starts.append(authority_span[0])
            ends.append(authority_span[1])
        start, end = min(starts), max(ends)
        if (
            counts.span
            and start == cs + counts.span[0]
            and re.search(r"(?:^|\s)co\s+$", self.f[max(cs, start - 4) : start])
        ):
            start -= 3  # "có 24 tập thể, cá nhân được …"
        reason = ""
        rm = re.search(r"(?:vi|do)?\s*(?:co|da co|dat)\s+thanh tich[^;.]*", clause)
        if rm:
            reason = clean(self.text[cs + rm.start() : cs + rm.end()])
        return Commendation(
            span=(start, end),
            confidence=confidence,
            form=label,
            awarded_by=authority,
            recipients_count=counts.total,
            collective_count=counts.collectives,
            individual_count=counts.individuals,
            text=clean(self.text[start:end]),
            authority_bodies=[
                b
                for b in self.doc.body_mentions
                if authority_span and authority_span[0] <= b.start < authority_span[1] and not b.bare and not b.generic
            ],
            reason=reason,
        )

    def _counts(self, clause, cs, form):
        """How many collectives and individuals: None when the clause awards nothing countable."""
        count = _COUNT_RE.search(clause)
        if count:
            if self.is_claimed(cs + count.start(), cs + count.end()):
                return None
            return self._split(count, clause)
        if form:
            awards = re.search(rf"(?<![\d.,]){_NUMBER}\s+$", clause[: form.start()])
            if awards:  # "tặng 12 Bằng khen"
                return _Counts(total=_number(awards[1]), span=(awards.start(), awards.end()))
            return self._group(clause, cs, form)
        return None

    def _split(self, count, clause):
        n1 = _number(count[1])
        people = [w for w in (count[2], count[4]) if w and w != "tap the"]
        if count[4] and count[3] is None and count[2] == "tap the":
            # "24 tập thể, cá nhân": a total; "…, trong đó 10 tập thể, 14 cá nhân" splits it.
            split = _SPLIT_AFTER_RE.match(clause, count.end())
            if split and _number(split[1]) + _number(split[2]) == n1:
                return _Counts(n1, _number(split[1]), _number(split[2]), (count.start(), split.end()))
            return _Counts(total=n1, span=(count.start(), count.end()))
        if count[4] and count[3] is None:
            return _Counts(n1, 0, n1, (count.start(), count.end()))  # "12 đoàn viên, hội viên": people
        parts = [(count[2], n1)]
        if count[4]:
            parts.append((count[4], _number(count[3])))
        collectives = sum(n for w, n in parts if w == "tap the")
        individuals = sum(n for w, n in parts if w != "tap the")
        # Only collectives, or only people: the other group has none ("cho 2 đoàn viên").
        return _Counts(
            collectives + individuals, collectives, individuals if people else 0, (count.start(), count.end())
        )

    def _group(self, clause, cs, form):
        """No number: "… cho tập thể X" (one collective) or "… cho cá nhân …" (no collective)."""
        gm = _GROUP_RE.search(clause, form.end())
        if gm is None or gm[1]:
            return _Counts()  # "cho các tập thể, cá nhân": nothing is known
        if gm[2] == "ca nhan":
            return _Counts(collectives=0, span=(gm.start(), gm.end()), restricted=True)
        named = self.doc.body_at.get(cs + gm.end() + 1)
        before = re.search(r"(\S.*?)\s+(?:da\s+)?duoc\s+(?:nhan|tang|trao)(?:\s+tang)?\s+$", clause[: form.start()])
        if named is not None or before and self._body_ends_at(cs + before.end(1)):
            end = named.end - cs if named is not None else gm.end()
            return _Counts(1, 1, 0, (gm.start(), end))
        return _Counts(individuals=0, span=(gm.start(), gm.end()), restricted=True)

    def _body_ends_at(self, pos):
        return any(b.end == pos and not b.bare for b in self.doc.body_mentions)

    def _authority(self, cs, ce, counts, form, verb):
        clause = self.f[cs:ce]
        # "… được A, B tặng Bằng khen"
        anchor = counts.span[1] if counts.span and counts.span[1] < (form.start() if form else ce) else 0
        dm = re.compile(r"(?<![a-z])duoc\s+").search(clause, anchor)
        if dm and form and dm.end() < form.start():
            vm = re.search(r"\s*(?:" + D.AWARD_VERBS + r"|nhan)\s*$", clause[dm.end() : form.start()])
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
        if verb and (not counts.span or verb.start() < counts.span[0]):
            head = clause[: verb.start()]
            head = re.sub(r"(?:\s+(?:da|cung|va|tiep tuc))+\s*$", "", head)
            last_comma = head.rfind(",")
            start = last_comma + 1 if last_comma >= 0 else 0
            raw = self.text[cs + start : cs + len(head)]
            text = clean(raw)
            if text and len(text.split()) <= 20 and text[0].isupper():
                return text, (cs + start + len(raw) - len(raw.lstrip()), cs + len(head))
        return None, None

    @staticmethod
    def _unique(found):
        """One item per award: a repeat (caption, repeated sentence) is dropped, and collectives
        and individuals given the same form by the same authority apart are joined."""
        kept = []
        for item in found:

            def same_giver(k, item=item):
                return k.form == item.form and (
                    not item.awarded_by or not k.awarded_by or words_overlap(item.awarded_by, k.awarded_by) >= 0.5
                )

            twin = next(
                (k for k in kept if same_giver(k) and item.recipients_count in (None, k.recipients_count)), None
            )
            if twin is not None:
                continue
            other_half = next((k for k in kept if same_giver(k) and k.awarded_by and _halves(k, item)), None)
            if other_half is not None:
                other_half.collective_count = other_half.collective_count or item.collective_count
                other_half.individual_count = other_half.individual_count or item.individual_count
                other_half.recipients_count = other_half.collective_count + other_half.individual_count
                continue
            kept.append(item)
        return kept
