"""Movements ("phong trào Toàn dân bảo vệ an ninh Tổ quốc") and model practices ("mô hình …").

Model practices are named in quotes after "mô hình" ("mô hình “Camera an ninh”, “Nhà trọ kiểu
mẫu”"), without quotes after one "mô hình" ("mô hình Tổ tự quản khu dân cư, Camera an ninh và
…", "mô hình nhóm zalo"), or as the self-managed teams they are ("tổ công nhân tự quản khu nhà
trọ"). A name written shorter elsewhere ("Tổ công nhân tự quản" … "Tổ công nhân tự quản khu
nhà trọ") is one model, named in full.
"""

import re

from common.text import clean
from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Pass
from pressimport.extraction.names import QUOTE_RE, name_key
from pressimport.extraction.results import Named


def find_movements_and_models(doc):
    return MovementsPass(doc).find_movements_and_models()


class MovementsPass(Pass):
    # -------------------------------------------------------------------
    _MOVEMENT_KEYS = sorted(
        (
            (name_key(written), canonical)
            for canonical, written_forms in D.MOVEMENTS
            for written in [canonical, *written_forms]
        ),
        key=lambda kv: -len(kv[0]),
    )

    def _known_movement(self, text):
        key = name_key(text)
        key = re.sub(r"^(?:phong trao (?:thi dua )?|cuoc van dong )", "", key)
        for known, canonical in self._MOVEMENT_KEYS:
            if key == known or key.startswith(known + " "):
                return canonical
        return None

    def find_movements_and_models(self):
        movements, models = [], []
        previous_model_end = None
        for q in QUOTE_RE.finditer(self.text):
            if self.f[q.start() : q.end()].strip() == "":
                continue
            inner = clean(q[1])
            before = self.f[max(0, q.start() - 40) : q.start()]
            known = self._known_movement(inner)
            if re.search(r"(?:phong trao(?: thi dua)?|cuoc van dong)\s*$", before):
                movements.append(Named(span=(q.start(1), q.end(1)), confidence=0.85, name=inner, canonical=known))
                previous_model_end = None
            elif re.search(r"(?:mo hinh|cau lac bo|clb)(?:\s+[a-z]+){0,2}\s*:?\s*$", before) or (
                previous_model_end is not None
                and re.fullmatch(r"\s*(?:,|va|;)\s*(?:[\d.]+\s+)?", self.f[previous_model_end : q.start()])
            ):
                models.append(Named(span=(q.start(1), q.end(1)), confidence=0.8, name=inner))
                previous_model_end = q.end()
            elif known:
                movements.append(Named(span=(q.start(1), q.end(1)), confidence=0.75, name=inner, canonical=known))
            else:
                previous_model_end = None
        # Unquoted: "phong trào toàn dân bảo vệ ANTQ trong CNVCLĐ"
        for m in re.finditer(r"(?<![a-z])(?:phong trao(?: thi dua)?|cuoc van dong)\s+(?![“\"«])", self.f):
            start = m.end()
            for known, canonical in self._MOVEMENT_KEYS:
                end = self._match_key_at(start, known)
                if end:
                    qualifier = re.match(r"\s+trong\s+[^\s,;.“”\"]+(?:\s+[^\s,;.“”\"]+){0,1}", self.f[end:])
                    if qualifier and self.text[end + qualifier.end() - 1].isupper():
                        end += qualifier.end()
                    movements.append(
                        Named(span=(start, end), confidence=0.8, name=clean(self.text[start:end]), canonical=canonical)
                    )
                    break
        self.doc.movements = self._unique(movements, lambda item: item.canonical or name_key(item.name))
        models += ModelsPass(self.doc).unquoted([m.span for m in models])
        self.doc.models = _merge_variants(models)
        return self.doc.movements, self.doc.models

    def _match_key_at(self, start, key):
        """End of the text at ``start`` whose name key is ``key`` (words may be abbreviated)."""
        words = key.split()
        pos = start
        i = 0
        while i < len(words):
            m = re.match(r"[\s,\-–]*([a-z0-9]+)", self.f[pos:])
            if not m:
                return None
            word = m[1]
            expansion = D.ABBREVIATIONS.get(word, word).split()
            if words[i : i + len(expansion)] != expansion:
                return None
            i += len(expansion)
            pos += m.end()
        return pos

    @staticmethod
    def _unique(items, key):
        seen = {}
        for item in items:
            k = key(item)
            if k not in seen:
                seen[k] = item
        return list(seen.values())


# A model named without quotes after one "mô hình" starts with a capital or with a noun that
# names a practice of this kind (a team, a group, a camera …).
_MODEL_HEADS = (
    r"to|doi|nhom|cau lac bo|clb|khu|tuyen|diem|chot|camera|nha|dong ho|xom|ho|gia dinh|ban|hop thu|zalo|facebook"
)
_UNQUOTED_MODEL_RE = re.compile(r"(?<![a-z])mo hinh\s+(?![“\"«])")
_PLURAL_BEFORE_RE = re.compile(r"(?:cac|nhung|nhieu|\d+|mot so|moi)\s+$")
# Words that end the name of a model (written in lower case).
_MODEL_STOP = re.compile(
    r"(?:do|cua|duoc|da|dang|voi|tai|trong|nham|de|cho|la|co|tren|thi|se|giup|gop phan|nay|o|thu hut|thuoc"
    r"|nhu|cung|ket noi|hoat dong|phat huy|dat|tiep tuc|mang lai|va)(?![a-z])"
)
_LEVEL_WORD = re.compile(r"(?:tp|tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong)(?![a-z])")
# A self-managed team: "tổ công nhân tự quản khu nhà trọ", "Tổ CN tự quản", "đội thanh niên tự quản".
_SELF_MANAGED_RE = re.compile(r"(?<![a-z])(?:to|doi|nhom)\s+(?:[a-z]+\s+){0,3}?tu quan(?![a-z])")


class ModelsPass(Pass):
    def unquoted(self, quoted):
        found = []
        for m in _UNQUOTED_MODEL_RE.finditer(self.f):
            if _PLURAL_BEFORE_RE.search(self.f, max(0, m.start() - 10), m.start()):
                continue  # "các mô hình tự quản": a kind of practice, not one
            found += self._listed(m.end())
        for m in _SELF_MANAGED_RE.finditer(self.f):
            if any(s <= m.start() < e for s, e in quoted) or self.f.startswith(("to truong", "to chuc"), m.start()):
                continue
            if self.text[m.start()].lower() not in ("t", "đ", "n") or self.text[
                m.start() : m.start() + 2
            ].lower() not in ("tổ", "độ", "nh"):
                continue
            end = self._name_end(m.end(), words_allowed=6, first=0)
            found.append(Named(span=(m.start(), end), confidence=0.7, name=clean(self.text[m.start() : end])))
        return found

    def _listed(self, pos):
        """The models named one after another at ``pos``, joined by commas or "và"."""
        found = []
        while True:
            written = self.text[pos : pos + 1]
            head = re.match(rf"(?:{_MODEL_HEADS})(?![a-z])", self.f[pos : pos + 20])
            if not written or not (written.isupper() or (head and not found)):
                return found
            end = self._name_end(pos, words_allowed=9)
            if end <= pos:
                return found
            quote = QUOTE_RE.match(self.text, end + 1) if self.text[end : end + 1] == " " else None
            if quote:
                # "Nhóm Zalo “Bình yên buôn làng”": the name is in the quotes.
                found.append(Named(span=(quote.start(1), quote.end(1)), confidence=0.7, name=clean(quote[1])))
                end = quote.end()
            else:
                found.append(Named(span=(pos, end), confidence=0.7, name=clean(self.text[pos:end])))
            sep = re.match(r"\s*(?:,|va)\s+", self.f[end : end + 6])
            if not sep or not self.text[end + sep.end() : end + sep.end() + 1].isupper():
                return found
            pos = end + sep.end()

    def _level_word(self, pos):
        """ "TP.", "tỉnh", "huyện" …, spelled as such ("quản" is no "quận")."""
        m = _LEVEL_WORD.match(self.f, pos)
        if not m:
            return False
        spelling = D.LEVEL_SPELLINGS.get(m[0])
        return spelling is None or self.text[pos : m.end()].lower() == spelling

    def _name_end(self, pos, words_allowed, first=1):
        """Where a model's name read from ``pos`` ends; words from index ``first`` on may end it."""
        end = pos
        for index, word in enumerate(re.finditer(r"[a-z0-9-]+|[^\sa-z0-9-]", self.f[pos : pos + 120])):
            start = pos + word.start()
            if index >= words_allowed or not word[0][0].isalnum():
                break
            if index >= first and (
                (self.text[start].islower() and _MODEL_STOP.match(self.f, start)) or self._level_word(start)
            ):
                break
            if index and self.text[start].isupper() and self.text[pos].islower():
                break  # "tổ công nhân tự quản TP. Sông Công": a place
            end = pos + word.end()
        return end


def _merge_variants(models):
    """One entry per model: a name that starts another ("Tổ tự quản" … "Tổ tự quản khu nhà trọ")
    is the same model, named in full."""
    keys = [re.sub(r"^mo hinh ", "", name_key(m.name)) for m in models]
    kept = []
    for i, key in enumerate(keys):
        if any(k != key and k.startswith(key + " ") for k in keys) or key in [keys[j] for j in kept]:
            continue
        kept.append(i)
    return [models[i] for i in kept]
