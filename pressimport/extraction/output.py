"""An extraction as one JSON object in the schema of the hand-read ``*.truth.json`` files.

Keys: ``agreements``, ``conference``, ``bodies``, ``officials``, ``commendations``,
``figures``, ``movements``, ``models``; dates are ``YYYY-MM-DD``, periods ``[start, end]``,
counts integers or null. Items that are objects carry ``span`` ([start, end) in the text
read) and ``confidence``. Bodies, movements and models stay lists of names, as in the
truth files; their spans and confidences, and those of the conference's values, are under
``evidence``. Values below the threshold are left out unless asked for; ``withheld`` says
how many of each were left out.
"""

from pressimport.extraction.dictionaries import AGREEMENT_KIND_NAMES
from pressimport.extraction.extract import THRESHOLD


def _date(value):
    return value.isoformat() if value else None


def _period(value):
    return [value[0], value[1]] if value else None


def _conf(value):
    return round(float(value), 2)


def extraction_json(result, *, include_uncertain=False) -> dict:
    def keep(items):
        return [i for i in items if include_uncertain or i.confidence >= THRESHOLD]

    agreements = [
        {
            "kind": a.kind_label if a.kind_label in AGREEMENT_KIND_NAMES else "other",
            "number": a.number,
            "signed_on": _date(a.signed_on),
            "period": _period(a.period),
            "parties": a.parties,
            "role": a.role,
            "subject": a.subject,
            "implements": a.implements.number or a.implements.title if a.implements else None,
            "span": list(a.span),
            "confidence": _conf(a.confidence),
        }
        for a in keep(result.agreements)
    ]
    c = result.conference
    conference = {
        "kind": c.kind[0] if c.kind else None,
        "held_on": _date(c.held_on[0]) if c.held_on else None,
        "reviewed_period": _period(c.reviewed_period[0]) if c.reviewed_period else None,
        "place": c.place[0] if c.place else None,
        "held_on_text": c.held_on_text[0] if c.held_on_text else None,
        "also_kinds": [k[0] for k in c.also_kinds],
    }
    evidence_conference = {}
    for name in ("kind", "held_on", "held_on_text", "reviewed_period", "place"):
        value = getattr(c, name)
        if value:
            evidence_conference[name] = {"span": list(value[1]), "confidence": _conf(value[2])}
    if c.also_kinds:
        evidence_conference["also_kinds"] = [{"span": list(k[1]), "confidence": _conf(k[2])} for k in c.also_kinds]
    officials = [
        {
            "name": o.name,
            "rank": o.rank,
            "position": o.position,
            "body": o.body,
            "honorific": o.honorific,
            "role": o.role,
            "span": list(o.span),
            "confidence": _conf(o.confidence),
        }
        for o in keep(result.officials)
    ]
    commendations = [
        {
            "form": c.form,
            "awarded_by": c.awarded_by,
            "recipients_count": c.recipients_count,
            "collective_count": c.collective_count,
            "individual_count": c.individual_count,
            "text": c.text,
            "span": list(c.span),
            "confidence": _conf(c.confidence),
        }
        for c in keep(result.commendations)
    ]
    figures = [
        {
            "what": f.what,
            "value": f.value if isinstance(f.value, int) else float(f.value),
            "unit": f.unit,
            "text": f.text,
            "body": f.body.name if f.body else None,
            "span": list(f.span),
            "confidence": _conf(f.confidence),
        }
        for f in keep(result.figures)
    ]

    def names(items):
        return [i.name for i in keep(items)]

    def evidence(items):
        return [{"name": i.name, "span": list(i.span), "confidence": _conf(i.confidence)} for i in keep(items)]

    withheld = {}
    if not include_uncertain:
        for name in ("agreements", "bodies", "officials", "commendations", "figures", "movements", "models"):
            count = sum(1 for i in getattr(result, name) if i.confidence < THRESHOLD)
            if count:
                withheld[name] = count
    return {
        "agreements": agreements,
        "conference": conference,
        "bodies": names(result.bodies),
        "officials": officials,
        "commendations": commendations,
        "figures": figures,
        "movements": names(result.movements),
        "models": names(result.models),
        "evidence": {
            "conference": evidence_conference,
            "bodies": evidence(result.bodies),
            "movements": evidence(result.movements),
            "models": evidence(result.models),
        },
        "published_on": _date(result.published_on),
        "withheld": withheld,
    }
