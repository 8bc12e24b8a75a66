"""Mentions of one agreement merged into one; roles and parties completed from the event."""

import re

from common.text import clean
from pressimport.extraction.document import Pass
from pressimport.extraction.names import name_key, words_overlap
from pressimport.extraction.passes.bodies import hosts
from pressimport.extraction.results import Agreement

# Words that say an agreement is being carried out, not that this event reviews it.
_WEAK_REVIEW = re.compile(r"thuc hien|trien khai thuc hien|trien khai, thuc hien|ket qua|danh gia|")


def merge_agreements(doc):
    return MergePass(doc).merge(doc.mentions)


def finish_agreements(doc):
    MergePass(doc).finish_agreements()


class MergePass(Pass):
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
        if mention.subject and agreement.subject and words_overlap(mention.subject, agreement.subject) < 0.4:
            return False
        # A number cited for an agreement read so far without one: the same only if its role is known.
        return not (mention.number and agreement.number is None and not agreement.role)

    def _decree_of_the_work(self, mention):
        """A decree is the instrument of the bodies' work when the event reviews it, an
        agreement is made under it, or it is a decree on coordination ("về phối hợp")."""
        reviewed = mention.role == "reviewed" and not _WEAK_REVIEW.fullmatch(mention.role_cue)
        on_coordination = mention.subject and "phoi hop" in name_key(mention.subject)
        return bool(reviewed or mention.nested_in is not None or on_coordination)

    def _actors(self, mention):
        """The bodies written before an agreement in its clause: those who make or carry it out."""
        s = mention.sentence[0]
        clause = max([s, *[s + m.end() for m in re.finditer(r"[;:]", self.f[s : mention.start])]])
        return [
            b for b in self.doc.body_mentions if clause <= b.start < mention.start and b.specific and not b.affiliation
        ]

    def merge(self, mentions):
        agreements = []
        # A headline tells again what the body says: its mentions join those of the body,
        # and one the body does not confirm is left for the user.
        ordered = sorted(mentions, key=lambda m: self.doc.in_headline(m.start))
        for mention in ordered:
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
            if mention.single_body or (mention.kind_label == "nghị định" and not self._decree_of_the_work(mention)):
                confidence = 0.3
            elif mention.strong:
                confidence = 0.85
            elif mention.role in ("signed", "reviewed") and (
                re.search(r"hoi nghi|le ky", self.f[mention.sentence[0] : mention.sentence[1]]) or mention.coordination
            ):
                confidence = 0.6
            elif mention.coordination and len(self._actors(mention)) >= 2:
                confidence = 0.6  # "Công an tỉnh và Hội Nông dân tỉnh đã xây dựng kế hoạch liên ngành"
            else:
                confidence = 0.35
            if self.doc.in_headline(mention.start):
                confidence = min(confidence, 0.4)
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
        self.doc.agreements = agreements
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

    # agreements, after the conference is known ---------------------------------------------------
    def finish_agreements(self):
        host_bodies = hosts(self.doc)
        conference = self.doc.conference
        kinds = [k[0] for k in [conference.kind, *conference.also_kinds] if k]
        review = any(k in ("sơ kết", "tổng kết", "giao ban") for k in kinds)
        for agreement in self.doc.agreements:
            if agreement.role is None:
                agreement.role = "reviewed" if review else "referenced"
                agreement.confidence = min(agreement.confidence, 0.6 if review else 0.55)
            elif (
                agreement.role == "reviewed"
                and not review
                and all(_WEAK_REVIEW.fullmatch(m.role_cue or "") for m in agreement.mentions if m.role == "reviewed")
            ):
                # "Thực hiện chương trình …, hai bên đã …" in a report of no review: the
                # programme is what the work follows, not what the event reviews.
                agreement.role = "referenced"
            if not agreement.party_bodies:
                bodies = self._signing_bodies(agreement) if agreement.role == "signed" else []
                if not bodies and agreement.role == "signed":
                    earlier = [
                        a
                        for a in self.doc.agreements
                        if a is not agreement and a.kind == agreement.kind and a.role == "reviewed"
                    ]
                    if len(earlier) == 1 and earlier[0].party_bodies:
                        agreement.parties = agreement.parties or list(earlier[0].parties)
                        agreement.party_bodies = list(earlier[0].party_bodies)
                        continue
                if not bodies and agreement.role in ("signed", "reviewed", "launched"):
                    bodies = host_bodies
                agreement.party_bodies = list(bodies)
                # Parties written as sectors ("giữa Công an và Công đoàn") stay as written;
                # the bodies found are what the form proposes.
                agreement.parties = agreement.parties or [b.name for b in bodies]
            if agreement.role == "signed" and agreement.signed_on is None and self.doc.conference.held_on:
                agreement.signed_on = self.doc.conference.held_on[0]
            if not agreement.title:
                agreement.title = clean(self.text[agreement.span[0] : agreement.span[1]])

    def _signing_bodies(self, agreement):
        """Bodies that sign: written before "ký" in the sentence, or the signatories' bodies."""
        for mention in agreement.mentions:
            if mention.role != "signed":
                continue
            s, _ = mention.sentence
            bodies = []
            for official in self.doc.officials:
                if s <= official.span[0] < mention.start and official.body_mention is not None:
                    bodies.append(official.body_mention)
            for body in self.doc.body_mentions:
                if s <= body.start < mention.start and body.specific and not body.affiliation:
                    bodies.append(body)
            unique = []
            for body in sorted(bodies, key=lambda b: b.start):
                if body.key not in {u.key for u in unique}:
                    unique.append(body)
            if len(unique) >= 2:
                return unique
        return []
