"""Scoring the extractor against hand-read ``X.truth.json`` files.

Every item the extractor outputs counts toward precision, whatever its confidence; every
item of the truth file counts toward recall. Within one document, proposed and true items
of a field type are paired one-to-one (greedily, in the truth file's order) when they *match*:

- agreements: same kind, same role, the same number (compared as name keys; both missing
  counts as the same), the same period and the same signing date (both missing counts as
  the same). Parties and subject are then checked on matched pairs and reported apart.
- conference: each value is an item: ("kind", k), ("also", k) for each further kind,
  ("held_on", date), ("reviewed_period", [y1, y2]), ("place", name key). A value proposed
  where the truth has none is a false positive. Kinds follow the truth files' convention:
  a meeting that is none of sơ kết, tổng kết, ký kết (biểu dương, giao ban, tọa đàm, ngày
  hội, a launch …) is ``other``, and so is a report of no event at all (no kind proposed).
- bodies: equal name keys (folded, abbreviations spelled out: "LĐLĐ tỉnh" is "Liên đoàn
  Lao động tỉnh", brackets dropped).
- officials: equal folded names, equal rank (both missing counts as equal) and equal
  body name keys. Positions are compared on matched pairs and reported apart.
- commendations: the same form (folded) and the same number of recipients in all.
  Awarding authorities and the split into collectives and individuals are reported apart.
- figures: the same value and the same unit (folded; the unit's first word decides, so
  "tin" and "tin báo" are one unit).
- movements: equal name keys after dropping a leading "phong trào (thi đua)", or one key
  the start of the other at a word boundary ("Toàn dân bảo vệ an ninh Tổ quốc" and
  "phong trào toàn dân bảo vệ ANTQ trong CNVCLĐ" are one movement, named more narrowly).
- models: equal name keys after dropping a leading "mô hình".

Overall precision, recall and F1 are micro-averaged: the sums of true positives, false
positives and false negatives over every field type and document.
"""

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from pressimport.extraction.extract import extract, name_key
from pressimport.extraction.prepare import split_header

FIELDS = ["agreements", "conference", "bodies", "officials", "commendations", "figures", "movements", "models"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict = field(default_factory=lambda: {name: Score() for name in FIELDS})
    attributes: dict = field(default_factory=dict)  # name -> [right, checked]
    documents: list = field(default_factory=list)  # (name, chars, seconds, {field: Score}, misses)

    @property
    def overall(self):
        total = Score()
        for score in self.scores.values():
            total.add(score)
        return total

    def attribute(self, name, right):
        counts = self.attributes.setdefault(name, [0, 0])
        counts[0] += int(bool(right))
        counts[1] += 1


def _fold(value):
    return name_key(value) if isinstance(value, str) else value


def _same(a, b):
    return (a or None) == (b or None)


def _agreement_match(p, t):
    return (
        _fold(p.get("kind")) == _fold(t.get("kind"))
        and p.get("role") == t.get("role")
        and _same(_fold(p.get("number")), _fold(t.get("number")))
        and _same(p.get("period"), t.get("period"))
        and _same(p.get("signed_on"), t.get("signed_on"))
    )


def _official_match(p, t):
    return (
        _fold(p.get("name")) == _fold(t.get("name"))
        and _same(_fold(p.get("rank")), _fold(t.get("rank")))
        and _same(_fold(p.get("body")), _fold(t.get("body")))
    )


def _commendation_match(p, t):
    return _fold(p.get("form")) == _fold(t.get("form")) and p.get("recipients_count") == t.get("recipients_count")


def _figure_match(p, t):
    try:
        same_value = float(p.get("value")) == float(t.get("value"))
    except (TypeError, ValueError):
        same_value = False
    # The counting word decides: "tin" and "tin báo", "hộ" and "hộ gia đình" are one unit.
    units = [(_fold(x.get("unit")) or "").split()[:1] for x in (p, t)]
    return same_value and units[0] == units[1]


def _movement_key(name):
    return re.sub(r"^(?:phong trao (?:thi dua )?|cuoc van dong )", "", name_key(name))


def _movement_match(p, t):
    a, b = _movement_key(p), _movement_key(t)
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _model_match(p, t):
    return re.sub(r"^mo hinh ", "", name_key(p)) == re.sub(r"^mo hinh ", "", name_key(t))


def _body_match(p, t):
    return name_key(p) == name_key(t)


# The kinds the truth files tell apart; any other meeting, or none, is "other".
MAIN_KINDS = {"so ket", "tong ket", "ky ket"}


def conference_kind(kind):
    """The truth files' kind of a conference kind as proposed: finer kinds are ``other``."""
    folded = _fold(kind or "")
    return folded if folded in MAIN_KINDS else "other"


def _conference_items(conference):
    conference = conference or {}
    items = [("kind", conference_kind(conference.get("kind")))]
    for kind in conference.get("also_kinds") or []:
        if conference_kind(kind) != "other":
            items.append(("also", conference_kind(kind)))
    if conference.get("held_on"):
        items.append(("held_on", conference["held_on"]))
    if conference.get("reviewed_period"):
        items.append(("reviewed_period", tuple(conference["reviewed_period"])))
    if conference.get("place"):
        items.append(("place", name_key(conference["place"])))
    return items


MATCHERS = {
    "agreements": _agreement_match,
    "bodies": _body_match,
    "officials": _official_match,
    "commendations": _commendation_match,
    "figures": _figure_match,
    "movements": _movement_match,
    "models": _model_match,
    "conference": lambda p, t: p == t,
}


def pair(predicted, truth, match):
    """Greedy one-to-one pairing: (pairs, unmatched predicted, unmatched truth)."""
    free = list(range(len(predicted)))
    pairs, missed = [], []
    for t in truth:
        hit = next((i for i in free if match(predicted[i], t)), None)
        if hit is None:
            missed.append(t)
        else:
            free.remove(hit)
            pairs.append((predicted[hit], t))
    return pairs, [predicted[i] for i in free], missed


def _words(value):
    return set(name_key(value or "").split())


def score_document(predicted: dict, truth: dict, report: Report):
    per_field = {}
    misses = {}
    for name in FIELDS:
        if name == "conference":
            p_items, t_items = _conference_items(predicted.get(name)), _conference_items(truth.get(name))
        else:
            p_items, t_items = predicted.get(name) or [], truth.get(name) or []
        pairs, extra, missed = pair(p_items, t_items, MATCHERS[name])
        score = Score(tp=len(pairs), fp=len(extra), fn=len(missed))
        report.scores[name].add(score)
        per_field[name] = score
        if extra or missed:
            misses[name] = {"extra": extra, "missed": missed}
        for p, t in pairs:
            if name == "agreements":
                for party in t.get("parties") or []:
                    report.attribute(
                        "agreement parties",
                        any(
                            name_key(party) in name_key(q) or name_key(q) in name_key(party)
                            for q in p.get("parties") or []
                        ),
                    )
                if t.get("subject"):
                    overlap = _words(p.get("subject")) & _words(t["subject"])
                    report.attribute("agreement subject", len(overlap) >= 0.6 * len(_words(t["subject"])))
            elif name == "officials":
                truth_words, got = _words(t.get("position")), _words(p.get("position"))
                report.attribute("official position", truth_words and len(truth_words & got) >= 0.8 * len(truth_words))
            elif name == "commendations":
                report.attribute(
                    "commendation awarded by", _words(t.get("awarded_by")) <= _words(p.get("awarded_by")) | {"va"}
                )
                report.attribute(
                    "commendation split",
                    (p.get("collective_count"), p.get("individual_count"))
                    == (t.get("collective_count"), t.get("individual_count")),
                )
    return per_field, misses


def describe(name, item) -> str:
    """One fact on one line, for the per-article table: the values it is matched on."""
    if name == "conference":
        key, value = item
        if isinstance(value, tuple):
            value = f"{value[0]}-{value[1]}"
        return f"{key} {value}"
    if isinstance(item, str):
        return item
    if name == "agreements":
        parts = [item.get("kind"), item.get("number"), f"({item.get('role')})"]
        if item.get("period"):
            parts.append(f"{item['period'][0]}-{item['period'][1]}")
        if item.get("signed_on"):
            parts.append(f"signed {item['signed_on']}")
        return " ".join(str(p) for p in parts if p)
    if name == "officials":
        return ", ".join(str(p) for p in (item.get("rank"), item.get("name"), item.get("body")) if p)
    if name == "commendations":
        split = f"{item.get('collective_count')}/{item.get('individual_count')}"
        return (
            f"{item.get('form')} x{item.get('recipients_count')} (collectives/individuals {split}): {item.get('text')}"
        )
    if name == "figures":
        return f"{item.get('value')} {item.get('unit')}: {item.get('text')}"
    return str(item)


def evaluate_directory(directory) -> Report:
    report = Report()
    directory = Path(directory)
    for truth_path in sorted(directory.glob("*.truth.json")):
        text_path = truth_path.with_name(truth_path.name.removesuffix(".truth.json") + ".txt")
        if not text_path.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        _, body = split_header(text_path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        result = extract(body)
        seconds = time.perf_counter() - started
        predicted = result.to_json()
        per_field, misses = score_document(predicted, truth, report)
        report.documents.append((text_path.name, len(body), seconds, per_field, misses))
    return report


def time_text(text: str, chars=10_000, runs=5) -> tuple[int, float]:
    """Median seconds to read ``text`` repeated or cut to ``chars`` characters."""
    sample = text
    while len(sample) < chars:
        sample += "\n\n" + text
    sample = sample[:chars]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        extract(sample)
        times.append(time.perf_counter() - started)
    times.sort()
    return len(sample), times[len(times) // 2]
