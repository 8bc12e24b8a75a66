"""Commendations: the form (Bằng khen, Giấy khen …), who gives it, how many collectives and
individuals receive it, and the words that say so."""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import words_overlap
from pressimport.extraction.results import Commendation


def find_commendations(doc):
    return CommendationsPass(doc).find_commendations()


class CommendationsPass(Pass):
    # -------------------------------------------------------------------------------
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
                            for b in self.doc.body_mentions
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
                    and (not item.awarded_by or not k.awarded_by or words_overlap(item.awarded_by, k.awarded_by) >= 0.5)
                ),
                None,
            )
            if twin is not None:
                continue
            kept.append(item)
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
