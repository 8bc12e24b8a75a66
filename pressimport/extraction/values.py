"""Each value proposed on the review page, one by one, to accept or reject.

A value is what the form was filled in with for one thing read: a field of the conference
(its kind, date, place, reviewed period), a row (an agreement, a person, a figure, a
commendation), a movement or a model practice. Each carries its confidence and the anchor
of the place in the text it was read from. ``reject`` turns the values the user unticked
into the form data that leaves them out: the row removed, the field emptied, the movement
or model practice dropped.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from pressimport.extraction.highlight import anchor_id


@dataclass
class ProposedValue:
    key: str  # "field:held_on", "row:figures:0", "movement:12", "model:Camera an ninh"
    label: str  # what it is: "Date", "Figure" …
    text: str  # the value as proposed
    confidence: float
    start: int | None  # where it was read in the text
    accepted: bool = True

    @property
    def anchor(self):
        return anchor_id(self.start) if self.start is not None else ""

    @property
    def percent(self):
        return round(self.confidence * 100)


def proposed_values(result, *, form, row_items, movements):
    """The values ``form`` and the rows were filled in with, in the order of the form."""
    values = []
    c = result.conference
    conference_fields = (
        ("kind", _("Kind of conference"), c.kind, form.get("kind")),
        ("held_on", _("Date"), c.held_on, form.get("held_on")),
        ("held_on_text", _("Date as written"), c.held_on_text, form.get("held_on_text")),
        ("place", _("Place"), c.place, form.get("place")),
        ("reviewed_period", _("Period reviewed"), c.reviewed_period, form.get("reviewed_period")),
    )
    for name, label, read, filled in conference_fields:
        if read and filled:
            shown = read[0]
            if name == "held_on":
                shown = read[0].strftime("%d/%m/%Y")
            elif name == "reviewed_period":
                shown = f"{read[0][0]}-{read[0][1]}"
            values.append(ProposedValue(f"field:{name}", label, str(shown), read[2], read[1][0]))
    for index, item in enumerate(row_items["agreements"]):
        described = " ".join(str(p) for p in (item.kind_label, item.number or "", f"({item.role})") if p)
        values.append(
            ProposedValue(f"row:agreements:{index}", _("Agreement"), described, item.confidence, item.span[0])
        )
    for index, official in enumerate(row_items["people"]):
        described = ", ".join(p for p in (official.rank, official.name, official.position) if p)
        values.append(
            ProposedValue(f"row:people:{index}", _("Person"), described, official.confidence, official.span[0])
        )
    for index, figure in enumerate(row_items["figures"]):
        described = f"{figure.value} {figure.unit} – {figure.text}"
        values.append(ProposedValue(f"row:figures:{index}", _("Figure"), described, figure.confidence, figure.span[0]))
    for index, item in enumerate(row_items["commendations"]):
        values.append(
            ProposedValue(f"row:commendations:{index}", _("Commendation"), item.text, item.confidence, item.span[0])
        )
    for movement, pks in movements:
        for pk in pks:
            values.append(
                ProposedValue(f"movement:{pk}", _("Movement"), movement.name, movement.confidence, movement.span[0])
            )
    for model in result.proposed("models"):
        values.append(
            ProposedValue(f"model:{model.name}", _("Model practice"), model.name, model.confidence, model.span[0])
        )
    return values


def reject(data, keys):
    """``data`` (a mutable copy of the posted form) without the values of ``keys``."""
    for key in keys:
        kind, _sep, rest = key.partition(":")
        if kind == "row":
            prefix, _sep, index = rest.partition(":")
            if index.isdigit():
                data[f"{prefix}-{index}-DELETE"] = "on"
        elif kind == "field":
            data[rest] = ""
        elif kind == "movement":
            data.setlist("movements", [pk for pk in data.getlist("movements") if pk != rest])
        elif kind == "model":
            lines = data.get("model_practices", "").splitlines()
            data["model_practices"] = "\n".join(line for line in lines if line.strip() != rest)
    return data
