"""Bodies: public bodies named in the report ("Công an tỉnh Lạng Sơn", "LĐLĐ huyện", "Bộ Công an").

A body is a head ("Công an", "Liên đoàn Lao động", "Ủy ban nhân dân") with its level and
locality. A head without a level is a sector, not one body; "các cấp công đoàn" is a category
of bodies. The mentions are grouped by name key at the end (``finish_bodies``), once the
officials' positions have said which mentions are only part of someone's title.
"""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import PROVINCE_NAMES, PROVINCE_RE
from pressimport.extraction.results import Body, BodyMention

_LEVEL_RE = re.compile(r" +(" + "|".join(f"(?P<l{i}>{p})" for i, (p, _) in enumerate(D.LEVELS)) + r")(?![a-z])")
_HEAD_RE = re.compile(
    r"(?<![a-z0-9/-])(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _, _) in enumerate(D.BODY_HEADS)) + r")(?![a-z])"
)
_PAREN = re.compile(r"\s*\([^()\n]{1,20}\)")


def find_bodies(doc):
    return BodiesPass(doc).find_bodies()


class BodiesPass(Pass):
    def _heads(self):
        """Matches of body heads, skipping words that only fold like one: "trụ sở" and "số"
        are not "Sở", "bỏ" is not "Bộ"; the words after such a false start are read again."""
        pos = 0
        while True:
            m = _HEAD_RE.search(self.f, pos)
            if m is None:
                return
            first = self.text[m.start() : m.start() + 3].lower()
            folded_first = self.f[m.start() : m.start() + 3]
            if (folded_first == "so " and first != "sở ") or (folded_first == "bo " and first != "bộ "):
                pos = m.start() + 3
                continue
            if folded_first == "so " and re.search(r"tru\s*$", self.f[max(0, m.start() - 5) : m.start()]):
                pos = m.start() + 3
                continue
            yield m
            pos = m.end()

    def find_bodies(self):
        mentions = []
        for m in self._heads():
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            _, sector, mode = D.BODY_HEADS[index]
            start, end = m.start(), m.end()
            level = None
            locality = ""
            generic = mode == "optional_generic" and " cac " in f" {self.f[start:end]} "
            pos = end
            paren = _PAREN.match(self.f, pos)
            after_paren = paren.end() if paren else pos
            if mode in ("level", "optional", "optional_generic"):
                lm = _LEVEL_RE.match(self.f, after_paren)
                if lm:
                    level = D.LEVELS[int(next(k for k, v in lm.groupdict().items() if v is not None)[1:])][1]
                    pos = lm.end()
                    pos, locality = self.doc.locality_at(pos, level)
            elif mode == "own_locality":
                pos, locality = self.doc.locality_at(pos, "province")
                if not locality:
                    pos, locality = self.doc.locality_at(pos, "district")
            elif mode == "own":
                level = "central" if "viet nam" in self.f[start:end] or self.f[start:end].startswith("bo") else None
            if re.match(D.GENERIC_AFTER, self.f[pos : pos + 12]):
                generic = True
            before = self.f[max(0, start - 20) : start]
            if re.search(D.GENERIC_BEFORE, before):
                generic = True
            bare = mode == "level" and level is None
            if mode == "optional_generic" and level is None and generic:
                bare = False
            mention = BodyMention(
                start=start,
                end=pos,
                name=clean(self.text[start:pos]),
                sector=sector,
                level=level,
                locality=locality,
                bare=bare,
                generic=generic,
                affiliation=bool(re.search(D.AFFILIATION_BEFORE, before)),
            )
            mentions.append(mention)
        self._inherit_levels(mentions)
        # "Công an xã" is commune police in general, unless the report is about one commune
        # or ward it names ("Công an phường Tân Định" … "Công an phường").
        named_communes = any(m.level == "commune" and m.locality for m in mentions)
        for mention in mentions:
            if mention.level == "commune" and not mention.locality and not named_communes:
                mention.generic = True
        self.doc.body_mentions = mentions
        self.doc.body_at = {m.start: m for m in mentions}
        return mentions

    def _inherit_levels(self, mentions):
        """ "Công an và LĐLĐ tỉnh": the level written once belongs to both bodies."""
        for i, mention in enumerate(mentions):
            if not mention.bare or mention.generic:
                continue
            neighbours = []
            if i + 1 < len(mentions):
                gap = self.f[mention.end : mentions[i + 1].start]
                if re.fullmatch(r"\s*(?:va|,|cung)\s*", gap):
                    neighbours.append(mentions[i + 1])
            if i > 0:
                gap = self.f[mentions[i - 1].end : mention.start]
                if re.fullmatch(r"\s*(?:va|,|cung)\s*", gap) and not re.match(
                    r"\s+(?:tinh|thanh pho|huyen)", self.f[mention.end : mention.end + 12]
                ):
                    neighbours.append(mentions[i - 1])
            for other in neighbours:
                if other.level and not other.bare and not other.generic:
                    level_text = self._level_text(other)
                    mention.level = other.level
                    mention.locality = other.locality
                    mention.name = clean(f"{self.text[mention.start : mention.end]} {level_text}")
                    mention.bare = False
                    mention.synthetic = True
                    break

    def _level_text(self, mention):
        lm = None
        pos = mention.start
        for m in _LEVEL_RE.finditer(self.f, pos, mention.end):
            lm = m
            break
        if not lm:
            return ""
        return clean(self.text[lm.start() : mention.end])


# bodies, finally ------------------------------------------------------------------------------
def finish_bodies(doc):
    groups = {}
    for mention in doc.body_mentions:
        if mention.bare or mention.generic or mention.suppressed:
            continue
        groups.setdefault(mention.key, []).append(mention)
    for official in doc.officials:
        body = official.body_mention
        if body is not None and body.synthetic and body.key not in groups:
            groups[body.key] = [body]
    bodies = []
    for group in groups.values():
        first = min(group, key=lambda b: b.start)
        named = [b for b in group if not b.synthetic] or group
        best = max(named, key=lambda b: (len(b.name), -b.start))
        affiliation_only = all(b.affiliation for b in group)
        confidence = 0.4 if affiliation_only else (0.7 if all(b.synthetic for b in group) else 0.9)
        bodies.append(
            Body(
                span=(first.start, first.end),
                confidence=confidence,
                name=best.name,
                sector=best.sector,
                level=best.level,
                locality=best.locality,
                mentions=group,
            )
        )
    bodies.sort(key=lambda b: b.span[0])
    doc.bodies = bodies
    return bodies


def provinces(doc):
    counts = {}
    for m in PROVINCE_RE.finditer(doc.folded):
        if doc.text[m.start()].isupper():
            name = PROVINCE_NAMES[doc.folded[m.start() : m.end()]]
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: -counts[n])


def hosts(doc):
    """The bodies holding the conference: those of its chairs and signatories, else the
    two bodies named most often."""
    chosen = []
    for official in doc.officials:
        body = official.body_mention
        if official.role in ("chair", "signatory") and body is not None and body.key not in {b.key for b in chosen}:
            chosen.append(body)
    if len(chosen) >= 2:
        return chosen
    counts = {}
    for body in doc.body_mentions:
        if body.specific and not body.affiliation:
            counts.setdefault(body.key, []).append(body)
    ranked = sorted(counts.values(), key=lambda group: (-len(group), group[0].start))
    for group in ranked:
        if len(chosen) >= 2:
            break
        if group[0].key not in {b.key for b in chosen} and group[0].sector not in ("party", "government"):
            chosen.append(group[0])
    return chosen
