"""Bodies: public bodies named in the report ("Công an tỉnh Lạng Sơn", "LĐLĐ quận 9", "Bộ Công an").

A body is a head ("Công an", "Liên đoàn Lao động", "Ủy ban nhân dân") with its level and
locality, or an organisation written in full ("Tổng cục Chính trị Công an nhân dân"). A head
without a level is a sector, not one body; "các cấp công đoàn" and "Công an các phường" are
categories of bodies. Categories and sectors are listed only where the report makes them a
partner ("phối hợp cùng UBND và công an các phường …") or an organiser, and every official's
body is listed. The mentions are grouped at the end (``finish_bodies``), once the officials'
positions have said which mentions are only part of someone's title.
"""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import PROVINCE_NAMES, PROVINCE_RE
from pressimport.extraction.results import Body, BodyMention

_LEVEL_RE = re.compile(
    r" +(?P<plural>cac +)?(" + "|".join(f"(?P<l{i}>{p})" for i, (p, _) in enumerate(D.LEVELS)) + r")(?![a-z])"
)
# "các xã, thị trấn", "các quận, huyện": further levels of a plural.
_MORE_LEVELS_RE = re.compile(r"(?:\s*(?:,|va)\s*(?:" + "|".join(p for p, _ in D.LEVELS) + r")(?![a-z]))+")
_HEAD_RE = re.compile(
    r"(?<![a-z0-9/-])(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _, _) in enumerate(D.BODY_HEADS)) + r")(?![a-z])"
)
_NAMED_RE = re.compile(r"(?<![a-z])(" + "|".join(n for n, _, _ in D.NAMED_ORGANISATIONS) + r") (?=\S)")
_MASS_RE = re.compile(r"(?<![a-z])(?:" + D.MASS_ORGANISATIONS + r") (?=bo |tong cuc )")
_PAREN = re.compile(r"\s*\([^()\n]{1,20}\)")
_UNIT_RE = re.compile(r"(?<![a-z])(?:" + D.POLICE_UNITS + r") (?=\S)")
# Words that end the name of an organisation written in full.
_NAME_STOP = re.compile(
    r"(?:va|cua|cho|voi|da|dang|se|to chuc|phoi hop|tham du|du|trong|tai|ve|duoc|la|co|cung|de|nham|do|theo|tu"
    r"|den|tren|ky|trao|tang|thuc hien|trien khai|xay dung)(?![a-z])"
)
# "phối hợp với / cùng …": the partners of the cooperation.
_PARTNER_RE = re.compile(r"(?<![a-z])phoi hop(?: chat che)?(?: voi| cung)?\s+")
_SEPARATOR_RE = re.compile(r"\s*(?:,|va|cung|voi)\s+|\s*,\s*")
# "A và B (đã) tổ chức / phối hợp …": the organisers, written before the verb.
_ORGANISER_VERB_RE = re.compile(
    r"(?<![a-z])(?:(?:da|cung|dong|vua)\s+)*(?:to chuc|phoi hop (?:voi|cung)|ky ket|phat dong)(?![a-z])"
)
_SPACES = re.compile(r" *")


def find_bodies(doc):
    return BodiesPass(doc).find_bodies()


class BodiesPass(Pass):
    def _heads(self):
        """Matches of body heads, skipping words that only fold like one: "trụ sở" and "số"
        are not "Sở", "bỏ" is not "Bộ", "bàn" is not "Ban"; the words after such a false start
        are read again."""
        pos = 0
        while True:
            m = _HEAD_RE.search(self.f, pos)
            if m is None:
                return
            first = self.text[m.start() : m.start() + 4].lower()
            folded_first = self.f[m.start() : m.start() + 4]
            if (
                (folded_first[:3] == "so " and (first[:3] != "sở " or self.f[m.start() - 3 : m.start()] == "co "))
                or (folded_first[:3] == "bo " and first[:3] != "bộ ")
                or (folded_first == "ban " and self.text[m.start()] != "B")
                or (folded_first[:3] == "so " and re.search(r"tru\s*$", self.f[max(0, m.start() - 5) : m.start()]))
                or (self.f.startswith("chinh phu", m.start()) and self.text[m.start()] != "C")
                or (m.end() - m.start() == 4 and folded_first == "doan" and self.text[m.start()] != "Đ")
            ):
                pos = m.start() + 3
                continue
            yield m
            pos = m.end()

    def find_bodies(self):
        mentions = [self._mention(m) for m in self._heads()]
        mentions += self._named_organisations()
        mentions = self._outermost(mentions)
        self._police_units(mentions)
        self._inherit_levels(mentions)
        self._issuer_lists(mentions)
        # "Công an xã" is commune police in general, unless the report is about one commune
        # or ward it names ("Công an phường Tân Định" … "Công an phường").
        named_communes = any(m.level == "commune" and m.locality for m in mentions)
        for mention in mentions:
            if mention.level == "commune" and not mention.locality and not named_communes:
                mention.generic = True
        self.doc.body_mentions = mentions
        self.doc.body_at = {m.start: m for m in mentions}
        self._partners(mentions)
        return mentions

    def _mention(self, m):
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        _, sector, mode = D.BODY_HEADS[index]
        start, end = m.start(), m.end()
        level = None
        locality = ""
        plural = False
        generic = mode == "generic" or (mode == "optional_generic" and " cac " in f" {self.f[start:end]} ")
        pos = end
        paren = _PAREN.match(self.f, pos)
        after_paren = paren.end() if paren else pos
        if mode in ("level", "optional", "optional_generic"):
            lm = self._level_at(after_paren)
            if lm:
                level = D.LEVELS[int(next(k for k, v in lm.groupdict().items() if k[0] == "l" and v)[1:])][1]
                pos = lm.end()
                if lm["plural"]:
                    # "Công an các phường", "UBND các xã, thị trấn", "Đoàn thanh niên các tỉnh Tây Bắc"
                    generic = plural = True
                    more = _MORE_LEVELS_RE.match(self.f, pos)
                    pos = more.end() if more else pos
                    if not more:
                        pos, locality = self.doc.locality_at(pos, "district")
                elif "hcm" in lm[0]:
                    locality = "HCM"
                else:
                    pos, locality = self.doc.locality_at(pos, level)
            elif mode == "level":
                mass = _MASS_RE.match(self.f, start)
                inner = self._central_body_at(after_paren + 1) if mass else None
                if inner is not None:
                    pos, level = inner, "central"  # "Đoàn thanh niên Bộ Công an"
        elif mode == "own_locality":
            pos, locality = self.doc.locality_at(pos, "province")
            if not locality:
                pos, locality = self.doc.locality_at(pos, "district")
        elif mode == "own":
            level = "central" if "viet nam" in self.f[start:end] or self.f[start:end].startswith("bo") else None
        category = False
        if re.match(D.GENERIC_AFTER, self.f[pos : pos + 12]):
            generic = True
            category = bool(re.match(r"\s*(?:co so|cac cap|cap)\b", self.f[pos : pos + 12]))
        before = self.f[max(0, start - 20) : start]
        if re.search(D.GENERIC_BEFORE, before):
            generic = True
        category = category or bool(re.search(D.CATEGORY_BEFORE, before))
        issuer = bool(re.search(D.ISSUER_BEFORE, self.f[max(0, start - 60) : start]))
        bare = mode == "level" and level is None
        if mode == "optional_generic" and level is None and generic:
            bare = False
        return BodyMention(
            start=start,
            end=pos,
            name=clean(self.text[start:pos]),
            sector=sector,
            level=level,
            locality=locality,
            bare=bare,
            generic=generic,
            plural=plural,
            category=category,
            affiliation=issuer or bool(re.search(D.AFFILIATION_BEFORE, before)),
        )

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

    def _level_at(self, pos):
        """A level word at ``pos``, written as one: "quận", not "quản"; "xã", not "xa"."""
        lm = _LEVEL_RE.match(self.f, pos)
        if lm is None:
            return None
        written = self.text[lm.start(2) : lm.end(2)].lower()
        key = self.f[lm.start(2) : lm.end(2)]
        if key in D.LEVEL_SPELLINGS and written != D.LEVEL_SPELLINGS[key]:
            return None
        return lm

    def _central_body_at(self, pos):
        m = _HEAD_RE.match(self.f, pos)
        if m and self.f.startswith("bo ", pos) and self.text[pos] == "B":
            return m.end()
        return None

    def _named_organisations(self):
        """ "Tổng cục Chính trị Công an nhân dân", "Hội Người cao tuổi tỉnh": a noun, a
        capitalised word, then words up to a level word (needed after "Hội") or a stop."""
        found = []
        for m in _NAMED_RE.finditer(self.f):
            if not (self.text[m.start()].isupper() and self.text[m.end()].isupper()):
                continue
            _, sector, needs_level = next(o for o in D.NAMED_ORGANISATIONS if o[0] == m[1])
            end, level, locality = self._organisation_end(m.end(), needs_level)
            if end is None:
                continue
            found.append(
                BodyMention(
                    start=m.start(),
                    end=end,
                    name=clean(self.text[m.start() : end]),
                    sector=sector,
                    level=level,
                    locality=locality,
                )
            )
        return found

    def _organisation_end(self, pos, needs_level):
        end = None
        for words, word in enumerate(re.finditer(r"[a-z0-9]+|[^\sa-z0-9]", self.f[pos : pos + 80])):
            start = pos + word.start()
            if words >= 7 or not word[0].isalpha():
                break
            if words and self.text[start].islower() and _NAME_STOP.match(self.f, start):
                break
            if words and self.doc.person_name(start):
                break
            lm = self._level_at(start - 1) if words else None
            if lm and not lm["plural"]:
                level = D.LEVELS[int(next(k for k, v in lm.groupdict().items() if k[0] == "l" and v)[1:])][1]
                stop, locality = self.doc.locality_at(lm.end(), level)
                return stop, level, locality
            if words and self.f.startswith("viet nam", start):
                return start + len("viet nam"), "central", ""
            end = pos + word.end()
        if needs_level or end is None:
            return None, None, ""
        return end, None, ""

    def _police_units(self, mentions):
        """ "Đội Cảnh sát giao thông - trật tự Công an quận 6": a unit named before its force
        is one body with it."""
        for i, mention in enumerate(mentions):
            if mention.sector != "police" or mention.bare or mention.generic:
                continue
            floor = mentions[i - 1].end if i else 0
            for m in _UNIT_RE.finditer(self.f, max(floor, mention.start - 60), mention.start):
                between = self.f[m.end() : mention.start]
                capitalised = self.text[m.start()].isupper() and self.text[m.end()].isupper()
                if capitalised and not re.search(r"[,;.:]|(?<![a-z])va ", between) and len(between.split()) <= 7:
                    mention.start, mention.name = m.start(), clean(self.text[m.start() : mention.end])
                    break

    def _issuer_lists(self, mentions):
        """Bodies listed after the first issuer of a document are issuers too."""
        for previous, mention in zip(mentions, mentions[1:], strict=False):
            if previous.affiliation and re.fullmatch(r"\s*(?:,|va)\s*", self.f[previous.end : mention.start]):
                mention.affiliation = True

    @staticmethod
    def _outermost(mentions):
        """Mentions inside a longer one are part of its name ("Hội Cựu Công an Nhân dân tỉnh")."""
        mentions.sort(key=lambda b: (b.start, -b.end))
        kept = []
        for mention in mentions:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return kept

    def _partners(self, mentions):
        """Mark the bodies the report makes partners or organisers of the cooperation: a
        category ("công an các phường") or a sector ("UBND") is then a body of its own."""
        by_start = {m.start: m for m in mentions}
        by_end = {m.end: m for m in mentions}
        for m in _PARTNER_RE.finditer(self.f):
            pos = m.end()
            for _ in range(8):
                pos = _SPACES.match(self.f, pos).end()
                mention = by_start.get(pos)
                if mention is not None:
                    mention.partner = not mention.category
                    pos = mention.end
                else:
                    skipped = re.match(r"(?:[a-z]+ ){0,2}[a-z]+(?=\s*(?:,|va |cung ))", self.f[pos : pos + 40])
                    if not skipped or _NAME_STOP.match(self.f, pos) or not self.text[pos].islower():
                        break
                    pos += skipped.end()  # "các ban ngành, đoàn thể, UBND các xã"
                sep = _SEPARATOR_RE.match(self.f, pos)
                if not sep:
                    break
                pos = sep.end()
        for m in _ORGANISER_VERB_RE.finditer(self.f):
            end = m.start()
            while end and self.f[end - 1] == " ":
                end -= 1
            while (mention := by_end.get(end)) is not None:
                mention.partner = not mention.category
                gap = re.search(r"(?:\s*(?:,|va)\s*)$", self.f[max(0, mention.start - 6) : mention.start])
                if not gap:
                    break
                end = mention.start - len(gap[0])


def finish_bodies(doc):
    """Group the mentions of each body and list the bodies. A body written with its locality
    and, elsewhere, without it ("Công an TP Cần Thơ" … "Công an thành phố") is one body, named
    in full, when the report names only one such locality. Officials' bodies take its name."""
    official_bodies = {id(o.body_mention) for o in doc.officials if o.body_mention is not None}
    # "phối hợp với công an" in a report that names the police force is that force again.
    named_sectors = {m.sector for m in doc.body_mentions if m.specific and not m.affiliation}
    listed = []
    for mention in sorted(doc.body_mentions, key=lambda b: b.start):
        if (
            id(mention) in official_bodies
            or (
                mention.partner
                and not mention.suppressed
                and not mention.affiliation
                and (mention.specific or mention.plural or mention.sector not in named_sectors)
            )
            or not (mention.bare or mention.generic or mention.suppressed)
        ):
            listed.append(mention)
    keys = {m.key for m in listed}
    groups = {}
    order = []
    for mention in listed:
        key = mention.key
        longer = [k for k in keys if k.startswith(key + " ")]
        if len(longer) == 1:
            key = longer[0]  # "Công an tỉnh" in a report about "Công an tỉnh Lâm Đồng"
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(mention)
    for official in doc.officials:
        body = official.body_mention
        if body is not None and body.synthetic and body.key not in groups:
            groups[body.key] = [body]
            order.append(body.key)
    bodies = []
    group_of = {}
    for key in order:
        group = groups[key]
        first = group[0]
        same = [b for b in group if b.key == key and not b.synthetic] or [b for b in group if not b.synthetic] or group
        best = max(same, key=lambda b: (len(b.name), -b.start))
        affiliation_only = all(b.affiliation for b in group)
        confidence = 0.4 if affiliation_only else (0.7 if all(b.synthetic for b in group) else 0.9)
        body = Body(
            span=(first.start, first.end),
            confidence=confidence,
            name=best.name,
            sector=best.sector,
            level=best.level,
            locality=best.locality,
            mentions=group,
        )
        bodies.append(body)
        for mention in group:
            group_of[id(mention)] = body
    for official in doc.officials:
        body = group_of.get(id(official.body_mention))
        if body is not None:
            official.body = body.name
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
