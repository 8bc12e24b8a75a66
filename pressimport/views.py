"""Import a report: paste its text, review what was read, save it as a conference.

1. Staff paste the text of a press report (and its address). The extractor proposes the
   conference, its agreements, officials, figures and commendations.
2. The review page shows the text with each value highlighted where it was read, and the
   usual "Record a conference" form filled in, matched to the registry. Low-confidence
   values are not filled in: they are listed for the user to decide.
3. Saving goes through the same forms and service as manual entry (``conference_record``);
   the pasted text and its address are kept as the conference's Source, which the record
   links to (``source_detail``).
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.access import access_for, readable
from agreements.models import Agreement, Conference, ReportedFigure, Source
from awards.models import AwardDecision
from common.services import save_row
from entry.access import entry_bodies, formset_rows, show_errors
from entry.forms import ConferenceForm
from entry.services import ConferenceRecord, conference_record
from entry.views import CONFERENCE_FORMSETS
from pressimport.extraction import MAX_CHARS, ExtractionError, extract, split_header
from pressimport.extraction.highlight import segments
from pressimport.extraction.match import propose, source_already_imported
from pressimport.extraction.prepare import check_text, normalise_input
from pressimport.extraction.values import reject

_DATE_LINE = re.compile(r"^date\s+\d{4}-\d{1,2}(?:-\d{1,2})?\s*")

PROBLEMS = {
    "empty": gettext_lazy("Paste the text of a report."),
    "too_long": gettext_lazy(
        "The text is too long: paste one report of at most %(limit)s characters (this one has %(count)s)."
    ),
    "too_big": gettext_lazy("The text is too long: paste one report of at most %(limit)s characters."),
    "not_vietnamese": gettext_lazy(
        "This text does not look like Vietnamese. Paste the Vietnamese text of the report as published."
    ),
    "nothing_found": gettext_lazy(
        "No agreement, conference, official, commendation or figure was found in this text. "
        "Is it a report of a coordination conference? You can still record it by hand."
    ),
}


def _problem(code, text=""):
    message = PROBLEMS[code]
    if code in ("too_long", "too_big"):
        return message % {"limit": f"{MAX_CHARS:,}".replace(",", "."), "count": f"{len(text):,}".replace(",", ".")}
    return message


class PasteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the report"),
        strip=False,
        required=False,
        # One more than the limit: a longer paste is cut by the browser and then refused here
        # with a message, instead of being read cut short without a word.
        widget=forms.Textarea(attrs={"rows": 16, "maxlength": MAX_CHARS + 1, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "Copy the article from the web page or the document and paste it here. HTML is accepted."
        ),
    )
    source_url = forms.URLField(label=gettext_lazy("Source URL"), max_length=500, required=False, assume_scheme="https")

    def clean_text(self):
        text = normalise_input(self.cleaned_data.get("text") or "")
        self.header, text = split_header(text)
        try:
            check_text(text)
        except ExtractionError as error:
            raise ValidationError(_problem(error.code, text), code=error.code) from None
        return text


def _headline(text, header):
    """The report's headline: the file header's title, or a first line that reads as one."""
    if header.get("title"):
        return header["title"][:500]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = _DATE_LINE.sub("", first).strip()  # " date 2024-08 Tiêu đề …": the headline follows the page's date
    return first if len(first) <= 200 and not first.endswith(".") else ""


def _title_of(text, header):
    """The title the source is kept under: its headline, else its first words."""
    headline = _headline(text, header)
    if headline:
        return headline
    words = text.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def _review_context(result, form, formsets, *, text, title, proposal, accepted=None):
    """What the review page shows: the text with its marks and anchors, the values proposed
    (each ticked unless the user unticked it), the suggestions and the form."""
    values = proposal.values
    if accepted is not None:
        for value in values:
            value.accepted = value.key in accepted
    anchors = [v.start for v in values if v.start is not None]
    return {
        "form": form,
        "formsets": formsets,
        "segments": segments(text, proposal.marks, anchors=[*anchors, *_suggestion_starts(result)]),
        "values": values,
        "suggestions": proposal.suggestions,
        "duplicates": proposal.duplicates,
        "warnings": proposal.warnings,
        "matched": proposal.matched,
        "source_text": text,
        "source_title": title,
        "published_on": result.published_on,
        "already_imported": source_already_imported(form["source_url"].value() or ""),
    }


def _suggestion_starts(result):
    return [
        item.span[0]
        for name in ("agreements", "bodies", "officials", "commendations", "figures", "movements", "models")
        for item in result.uncertain(name)
    ]


@login_required
def review(request):
    """Paste a report (GET, or POST of the paste form), review the proposal, save it."""
    user_bodies = entry_bodies(request)  # 403 for anyone who may not enter
    if request.method == "POST":
        try:
            data = request.POST
        except RequestDataTooBig:
            # Far over the limit (megabytes): the post is not even read.
            context = {"paste": PasteForm(), "problem": _problem("too_big")}
            return render(request, "pressimport/paste.html", context, status=413)
        if "source_text" in data:
            return _save(request, user_bodies)
        paste = PasteForm(data)
        if paste.is_valid():
            text = paste.cleaned_data["text"]
            url = paste.cleaned_data["source_url"] or paste.header.get("url", "")
            result = extract(text)
            if result.is_empty:
                paste.add_error("text", _problem("nothing_found"))
            else:
                proposal = propose(result, user=request.user, source_url=url)
                form = ConferenceForm(initial=proposal.form, user_bodies=user_bodies)
                formsets = {
                    name: cls(prefix=name, initial=proposal.rows[name]) for name, cls in CONFERENCE_FORMSETS.items()
                }
                title = _title_of(text, paste.header)
                form.initial["title"] = _headline(text, paste.header)
                context = _review_context(result, form, formsets, text=text, title=title, proposal=proposal)
                return render(request, "pressimport/review.html", context)
    else:
        paste = PasteForm()
    return render(request, "pressimport/paste.html", {"paste": paste})


def _save(request, user_bodies):
    """The reviewed form posted back: saved like a manual entry, with the text as its source."""
    data = request.POST
    text = normalise_input(data.get("source_text", ""))
    title = re.sub(r"\s+", " ", data.get("source_title", "")).strip()[:500]
    try:
        check_text(text)
    except ExtractionError as error:
        messages.error(request, _problem(error.code, text))
        return redirect("pressimport:review")
    result = extract(text)
    # Values the user unticked in the list of proposed values are left out of what is saved.
    accepted = set(data.getlist("accept"))
    data = reject(data.copy(), [key for key in data.getlist("proposed") if key not in accepted])
    form = ConferenceForm(data, user_bodies=user_bodies)
    formsets = {
        name: cls(data, prefix=name, form_kwargs={"user_bodies": user_bodies})
        for name, cls in CONFERENCE_FORMSETS.items()
    }
    if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        entry = ConferenceRecord(data=form.cleaned_data, submit=data.get("action") == "submit")
        for name, formset in formsets.items():
            kept, removed = formset_rows(formset)
            rows = [f.cleaned_data for f in kept]
            if name == "commendations":
                rows = [{**f.cleaned_data, "recipients": f.recipients()} for f in kept]
            setattr(entry, name, rows)
            entry.deleted[name] = removed
        try:
            with transaction.atomic():
                source = source_record(
                    url=form.cleaned_data.get("source_url") or "",
                    title=title or _("Report pasted on import"),
                    text=text,
                    published_on=result.published_on,
                    by=request.user,
                )
                saved = conference_record(conference=None, entry=entry, by=request.user)
                source_link(saved, source, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            if entry.submit:
                messages.success(request, _("The report was imported: the conference was saved and submitted."))
            else:
                messages.success(request, _("The report was imported: the conference was saved as a draft."))
            return redirect(saved)
    else:
        messages.error(request, _("Nothing was saved. Please correct the fields marked below."))
    proposal = propose(result, user=request.user, source_url=form["source_url"].value() or "")
    context = _review_context(result, form, formsets, text=text, title=title, proposal=proposal, accepted=accepted)
    return render(request, "pressimport/review.html", context)


def source_record(*, url, title, text, published_on, by) -> Source:
    """The Source of an imported report: the one already recorded for ``url`` (its text
    filled in if it had none), or a new one. ``conference_record`` finds it by the URL."""
    source = Source.objects.filter(url=url).first() if url else None
    if source is None:
        source = Source(url=url, title=title, text=text, published_on=published_on, entered_by=by)
        return save_row(source, by)
    if not source.text:
        source.text = text
        source.title = source.title or title
        source.published_on = source.published_on or published_on
        save_row(source, by)
    return source


def source_link(conference, source, *, by):
    """Point the conference and what was saved with it at ``source`` where they have none
    (without a URL, ``conference_record`` cannot find the source itself)."""
    if conference.source_id != source.pk:
        conference.source = source
        save_row(conference, by)
    for figure in conference.figures.filter(source__isnull=True):
        figure.source = source
        save_row(figure, by)
    for decision in conference.award_decisions.filter(source__isnull=True):
        decision.source = source
        save_row(decision, by)
    for link in conference.agreement_links.select_related("agreement").filter(
        agreement__source__isnull=True, agreement__created_by=by
    ):
        if link.agreement.version == 1 and not link.agreement.conference_links.exclude(conference=conference).exists():
            link.agreement.source = source
            save_row(link.agreement, by)


@login_required
def source_detail(request, pk):
    """The text of a report as it was pasted, and its address: the provenance of the records
    entered from it. Readable by whoever may read one of those records, and by who pasted it."""
    source = get_object_or_404(Source.objects.select_related("entered_by"), pk=pk)
    conferences = list(readable(Conference.objects.filter(source=source), request.user).order_by("-held_on", "pk"))
    agreements = list(readable(Agreement.objects.filter(source=source), request.user).order_by("pk"))
    decisions = readable(AwardDecision.objects.filter(source=source), request.user)
    figures = readable(ReportedFigure.objects.filter(source=source), request.user)
    access = access_for(request.user)
    if not (
        access.is_admin
        or source.entered_by_id == request.user.pk
        or conferences
        or agreements
        or decisions.exists()
        or figures.exists()
    ):
        raise Http404
    context = {"source": source, "conferences": conferences, "agreements": agreements}
    return render(request, "pressimport/source.html", context)
