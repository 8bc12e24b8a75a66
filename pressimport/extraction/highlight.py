"""The report as shown on the review page: every value read marked where it stands.

``marks_of`` lists the marks (what was read, with its confidence), ``segments`` cuts the text
at the marks and at the anchors the list of proposed values links to, and
``suggestions_of`` lists the values read with too little confidence to be filled in.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.text import clean
from pressimport.extraction.results import THRESHOLD


@dataclass
class Mark:
    start: int
    end: int
    css: str
    label: str
    proposed: bool


def labels():
    return {
        "agreement": _("Agreement"),
        "conference": _("Conference"),
        "body": _("Body"),
        "official": _("Official"),
        "commendation": _("Commendation"),
        "figure": _("Figure"),
        "movement": _("Movement"),
        "model": _("Model practice"),
        "ignored": _("Not read"),
    }


def marks_of(result):
    names = labels()
    marks = []

    def add(span, css, label, confidence):
        if span and span[1] > span[0]:
            marks.append(
                Mark(
                    span[0],
                    span[1],
                    f"extract-{css}" + ("" if confidence >= THRESHOLD else " extract-uncertain"),
                    f"{names[css]}: {label} ({confidence:.0%})",
                    confidence >= THRESHOLD,
                )
            )

    for item in result.agreements:
        described = " ".join(str(p) for p in (item.kind_label, item.number or "", f"({item.role})") if p)
        for mention in item.mentions:
            add((mention.start, mention.end), "agreement", described, item.confidence)
    c = result.conference
    for name, value in (
        ("kind", c.kind),
        ("held_on", c.held_on),
        ("held_on_text", c.held_on_text if not c.held_on else None),
        ("reviewed_period", c.reviewed_period),
        ("place", c.place),
    ):
        if value:
            shown = value[0]
            if name == "reviewed_period":
                shown = f"{shown[0]}-{shown[1]}"
            elif name == "held_on":
                shown = shown.strftime("%d/%m/%Y")
            add(value[1], "conference", f"{name}: {shown}", value[2])
    for kind in c.also_kinds:
        add(kind[1], "conference", f"kind: {kind[0]}", kind[2])
    for body in result.bodies:
        for mention in body.mentions:
            add((mention.start, mention.end), "body", body.name, body.confidence)
    for official in result.officials:
        described = ", ".join(p for p in (official.rank, official.name, official.position) if p)
        add(official.span, "official", described, official.confidence)
    for item in result.commendations:
        add(item.span, "commendation", f"{item.form} · {item.recipients_count}", item.confidence)
    for figure in result.figures:
        add(figure.span, "figure", f"{figure.value} {figure.unit}", figure.confidence)
    for movement in result.movements:
        add(movement.span, "movement", movement.canonical or movement.name, movement.confidence)
    for model in result.models:
        add(model.span, "model", model.name, model.confidence)
    for start, end, reason in result.ignored:
        marks.append(Mark(start, end, "extract-ignored", f"{names['ignored']}: {reason}", False))
    return marks


def suggestions_of(result):
    """(label, text, confidence, anchor) of the values left for the user to decide."""
    names = labels()
    found = []
    for name, css in (
        ("agreements", "agreement"),
        ("bodies", "body"),
        ("officials", "official"),
        ("commendations", "commendation"),
        ("figures", "figure"),
        ("movements", "movement"),
        ("models", "model"),
    ):
        for item in result.uncertain(name):
            text = clean(result.text[item.span[0] : item.span[1]])
            found.append((names[css], text[:200], f"{item.confidence:.0%}", anchor_id(item.span[0])))
    return found


def anchor_id(position):
    """The id of the anchor at ``position`` of the text, which values link to."""
    return f"at-{position}"


def segments(text, marks, anchors=()):
    """The text cut where marks begin and end: [(text, css, title, anchor)], css None outside
    marks, anchor the id of a position a proposed value links to ("" elsewhere).

    Overlapping marks become one <mark> per piece, with the innermost mark's class and
    every covering mark's label in its title.
    """
    anchors = {a for a in anchors if 0 <= a < len(text)}
    points = {0, len(text), *anchors}
    for mark in marks:
        points.update((max(0, mark.start), min(len(text), mark.end)))
    points = sorted(points)
    pieces = []
    for start, end in zip(points, points[1:], strict=False):
        if start == end:
            continue
        anchor = anchor_id(start) if start in anchors else ""
        covering = [m for m in marks if m.start <= start and end <= m.end]
        if not covering:
            pieces.append((text[start:end], None, "", anchor))
            continue
        inner = min(covering, key=lambda m: m.end - m.start)
        title = "; ".join(dict.fromkeys(m.label for m in sorted(covering, key=lambda m: m.end - m.start)))
        pieces.append((text[start:end], inner.css, title, anchor))
    merged = []
    for piece in pieces:
        if merged and not piece[3] and merged[-1][1] == piece[1] and merged[-1][2] == piece[2]:
            merged[-1] = (merged[-1][0] + piece[0], piece[1], piece[2], merged[-1][3])
        else:
            merged.append(piece)
    return merged
