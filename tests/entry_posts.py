"""Build the POST data a browser sends from the entry pages (management forms included)."""

from agreements.models import Agreement, Appearance, Body, Indicator, Movement
from awards.models import AwardForm

PREFIXES = ("agreements", "people", "figures", "commendations")


def entry_post(form, rows=None, prefixes=PREFIXES):
    """Flatten the main form and the rows of each formset into one POST dict."""
    rows = rows or {}
    data = {key: value for key, value in form.items() if value is not None}
    for prefix in prefixes:
        prefix_rows = rows.get(prefix, [])
        data[f"{prefix}-TOTAL_FORMS"] = str(len(prefix_rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for row in prefix_rows if row.get("id")))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "500"
        for index, row in enumerate(prefix_rows):
            for key, value in row.items():
                if value is not None:
                    data[f"{prefix}-{index}-{key}"] = value
    return data


def body_ids(*names):
    return [str(Body.objects.get(name=name).pk) for name in names]


def rank_code(display):
    return next((code for code, label in Appearance.Rank.choices if label == display), "")


# Agreements a staff member would pick from the registry rather than create: the ones the
# demo data already holds and that a report only reviews or cites.
PICKED = {("thai-binh", "04"), ("hai-phong", "468"), ("central", "03/QC-BCA-TLĐLĐ")}
DEFAULT_TITLE = "Quy chế phối hợp giai đoạn mới"


def _date(value, separator="/"):
    return f"{value.day}{separator}{value.month}{separator}{value.year}" if value else ""


def _period(value):
    if not value:
        return ""
    start, end = value
    return f"năm {start}" if start == end else f"giai đoạn {start} - {end}"


def _vietnamese(number):
    return f"{number:,}".replace(",", ".")


def report_post(key, facts):
    """What a staff member types into "Record a conference" for the report ``facts``."""
    conference = facts["conference"]
    form = {
        "title": f"{facts['conference_title']} — nhập lại",
        "kind": conference["kind"],
        "extra_kinds": conference["extra_kinds"],
        "held_on": _date(conference["held_on"], "-"),
        "held_on_text": conference.get("held_on_text", ""),
        "hosts": body_ids(*facts["hosts"]),
        "participants": body_ids(*facts.get("participants", [])),
        "reviewed_period": _period(conference["reviewed_period"]),
        "results": "Kết quả phối hợp được đánh giá tại hội nghị.",
        "movements": sorted({str(m.pk) for name in facts["movements"] for m in Movement.objects.matching(name)}),
        "model_practices": "\n".join(facts["models"]),
        "action": "submit",
    }
    picked = {
        fact["number"]: Agreement.objects.filter(number=fact["number"]).order_by("pk").first()
        for fact in facts["agreements"]
        if (key, fact["number"]) in PICKED
    }
    agreement_rows = []
    for fact in facts["agreements"]:
        if fact["number"] in picked:
            agreement_rows.append({"role": fact["role"], "agreement": str(picked[fact["number"]].pk)})
            continue
        row = {
            "role": fact["role"],
            "new_kind": fact["kind"],
            "new_number": fact["number"],
            "new_title": fact.get("title_contains") or ("" if fact["number"] else DEFAULT_TITLE),
            "new_signed_on": _date(fact["signed_on"]),
            "new_period": f"{fact['period'][0]} - {fact['period'][1]}" if fact["period"] else "",
            "new_parties": body_ids(*fact["parties"]),
        }
        if "implements_number" in fact:
            row["new_implements"] = str(picked[fact["implements_number"]].pk)
        if "supersedes_number" in fact:
            row["new_supersedes"] = str(picked[fact["supersedes_number"]].pk)
        if "supersedes_title_contains" in fact:
            row["new_succeeds_reviewed"] = "on"
        agreement_rows.append(row)
    # Rows are typed in the report's order; a picked agreement cited by a new one comes first.
    agreement_rows.sort(key=lambda row: "agreement" not in row)
    signatories = {name for fact in facts["agreements"] for name in fact.get("signatories", [])}
    people_rows = [
        {
            "role": Appearance.Role.SIGNATORY if official["name"] in signatories else Appearance.Role.CHAIR,
            "new_person": official["name"],
            "rank": rank_code(official["rank"]),
            "positions": "\n".join(official["positions"]),
            "body": body_ids(official["body"])[0],
            "signs": "on" if official["name"] in signatories else None,
        }
        for official in facts["officials"]
    ]
    figure_rows = [
        {
            "indicator": str(Indicator.objects.get(name=figure["indicator"]).pk),
            "value": _vietnamese(figure["value"]),
            "body": body_ids(facts["figure_body"])[0],
        }
        for figure in facts["figures"]
    ]
    commendation_rows = [
        {
            "form": str(AwardForm.objects.filter(category=c["form_category"]).order_by("rank_order").first().pk),
            "authorities": body_ids(*c["authorities"]),
            "authorities_text": c["authorities_text"],
            "total_count": _vietnamese(c["total"]) if c["total"] is not None else "",
            "collective_count": c["collectives"] if c["collectives"] is not None else "",
            "individual_count": c["individuals"] if c["individuals"] is not None else "",
        }
        for c in facts["commendations"]
    ]
    return entry_post(
        form,
        {
            "agreements": agreement_rows,
            "people": people_rows,
            "figures": figure_rows,
            "commendations": commendation_rows,
        },
    )
