"""Movements ("phong trào Toàn dân bảo vệ an ninh Tổ quốc") and model practices ("mô hình …")."""

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
        self.doc.models = self._unique(models, lambda item: name_key(item.name))
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
