"""Entry pages: record a conference with everything reported at it; agreements on their own;
the lookups behind the search-as-you-type pickers; attachment downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agreements.access import access_for, readable
from agreements.models import Agreement, AgreementAlias, Body, Conference, Person
from agreements.services import AgreementEntry, EditConflict, agreement_save
from common.forms import clean_search_term
from common.search import every_word, every_word_in_own_text
from common.services import CONFLICT_MESSAGE
from common.text import fold
from entry.access import editable_or_denied, entry_bodies, formset_rows, show_errors, with_version
from entry.award_forms import CommendationFormSet
from entry.forms import (
    AgreementForm,
    AgreementLinkFormSet,
    AppearanceFormSet,
    ConferenceForm,
    FigureFormSet,
    SignatoryFormSet,
)
from entry.rollup import final_review_initial
from entry.services import ConferenceRecord, conference_record

# Conferences ------------------------------------------------------------------------------

CONFERENCE_FORMSETS = {
    "agreements": AgreementLinkFormSet,
    "people": AppearanceFormSet,
    "figures": FigureFormSet,
    "commendations": CommendationFormSet,
}


def conference_initial(conference):
    """The entry page's initial data for an existing conference: the form and every row."""
    links = conference.body_links.all()
    form = {
        "title": conference.title,
        "kind": conference.kind,
        "extra_kinds": [e.kind for e in conference.extra_kinds.all()],
        "held_on": conference.held_on,
        "held_on_text": conference.held_on_text,
        "place": conference.place,
        "locality": conference.locality_id,
        "hosts": [link.body_id for link in links if link.role == "host"],
        "participants": [link.body_id for link in links if link.role == "participant"],
        "reviewed_period": (conference.reviewed_period_start, conference.reviewed_period_end),
        "results": conference.results,
        "shortcomings": conference.shortcomings,
        "remedies": conference.remedies,
        "directions": conference.directions,
        "movements": [m.pk for m in conference.movements.all()],
        "model_practices": "\n".join(p.name for p in conference.model_practices.all()),
        "source_url": conference.source.url if conference.source else "",
        "version": conference.version,
    }
    rows = {
        "agreements": [
            {"id": link.pk, "role": link.role, "agreement": link.agreement_id}
            for link in conference.agreement_links.all()
        ],
        "people": [
            {
                "id": a.pk,
                "role": a.role,
                "person": a.person_id,
                "honorific": a.honorific,
                "rank": a.rank,
                "positions": a.positions,
                "body": a.body_id,
                "signs": a.agreement_id is not None,
            }
            for a in conference.appearances.all()
        ],
        "figures": [
            {
                "id": f.pk,
                "indicator": f.indicator_id,
                "value": f.value.normalize(),
                "body": f.body_id,
                "period": (f.period_start, f.period_end),
                "source_quote": f.source_quote,
            }
            for f in conference.figures.all()
        ],
        "commendations": [
            {
                "id": d.pk,
                "form": d.form_id,
                "authorities": [b.pk for b in d.authorities.all()],
                "authorities_text": d.authorities_text,
                "number": d.number,
                "decided_on": d.decided_on,
                "total_count": d.total_count,
                "collective_count": d.collective_count,
                "individual_count": d.individual_count,
                "named_collectives": "\n".join(r.name for r in d.recipients.all() if r.kind == "collective"),
                "named_individuals": "\n".join(r.name for r in d.recipients.all() if r.kind == "individual"),
                "reason": d.reason,
            }
            for d in conference.award_decisions.all()
        ],
    }
    return form, rows


def _conference_entry(request, conference, prefill=None):
    """The entry page; ``prefill`` is (form initial, rows) for a new conference drafted for the user."""
    user_bodies = entry_bodies(request)
    if request.method == "POST":
        data = request.POST
        form = ConferenceForm(data, user_bodies=user_bodies)
        formsets = {
            name: cls(data, prefix=name, form_kwargs={"user_bodies": user_bodies})
            for name, cls in CONFERENCE_FORMSETS.items()
        }
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            entry = ConferenceRecord(data=form.cleaned_data, submit=request.POST.get("action") == "submit")
            for name, formset in formsets.items():
                kept, removed = formset_rows(formset)
                rows = [f.cleaned_data for f in kept]
                if name == "commendations":
                    rows = [{**f.cleaned_data, "recipients": f.recipients()} for f in kept]
                setattr(entry, name, rows)
                entry.deleted[name] = removed
            try:
                saved = conference_record(conference=conference, entry=entry, by=request.user)
            except EditConflict as conflict:
                messages.error(request, CONFLICT_MESSAGE)
                form = ConferenceForm(with_version(data, conflict.current_version), user_bodies=user_bodies)
                form.is_valid()
            except ValidationError as error:
                show_errors(form, error)
            else:
                if entry.submit:
                    messages.success(request, _("The conference was saved and submitted."))
                else:
                    messages.success(
                        request, _("The conference was saved as a draft. You can come back and submit it.")
                    )
                return redirect(saved)
        else:
            messages.error(request, _("Nothing was saved. Please correct the fields marked below."))
    else:
        if prefill is not None:
            initial, rows = prefill
            form = ConferenceForm(initial=initial, user_bodies=user_bodies)
            formsets = {name: cls(prefix=name, initial=rows[name]) for name, cls in CONFERENCE_FORMSETS.items()}
        elif conference is None:
            form = ConferenceForm(initial=_default_hosts(request), user_bodies=user_bodies)
            formsets = {name: cls(prefix=name) for name, cls in CONFERENCE_FORMSETS.items()}
        else:
            initial, rows = conference_initial(conference)
            form = ConferenceForm(initial=initial, user_bodies=user_bodies)
            formsets = {name: cls(prefix=name, initial=rows[name]) for name, cls in CONFERENCE_FORMSETS.items()}
    return render(
        request,
        "entry/conference_form.html",
        {"form": form, "formsets": formsets, "conference": conference},
    )


def _default_hosts(request):
    access = access_for(request.user)
    return {"hosts": sorted(access.staff_body_ids)[:1]}


@login_required
def conference_create(request):
    return _conference_entry(request, None)


@login_required
def final_review_create(request, pk):
    """The final review (tổng kết) of an agreement, pre-filled with the sums of its yearly reviews."""
    agreement = editable_or_denied(request, Agreement, pk)
    agreement = Agreement.objects.prefetch_related("party_links", "movements").get(pk=agreement.pk)
    form, rows, reviews = final_review_initial(agreement)
    if request.method == "GET":
        messages.info(
            request,
            _("Drafted from %(count)s yearly reviews: check the sums, complete the review and save.")
            % {"count": reviews},
        )
    return _conference_entry(request, None, prefill=(form, rows))


@login_required
def conference_update(request, pk):
    conference = editable_or_denied(request, Conference, pk)
    conference = Conference.objects.prefetch_related(
        "extra_kinds",
        "body_links",
        "movements",
        "model_practices",
        "agreement_links",
        "appearances",
        "figures",
        "award_decisions__authorities",
        "award_decisions__recipients",
    ).get(pk=conference.pk)
    return _conference_entry(request, conference)


# Agreements -------------------------------------------------------------------------------


def agreement_initial(agreement):
    form = {
        "kind": agreement.kind,
        "number": agreement.number,
        "aliases": "\n".join(a.number for a in agreement.aliases.all()),
        "title": agreement.title,
        "signed_on": agreement.signed_on,
        "period": (agreement.period_start, agreement.period_end),
        "terminated_on": agreement.terminated_on,
        "parties": [p.body_id for p in agreement.party_links.all()],
        "supersedes": agreement.supersedes_id,
        "implements": agreement.implements_id,
        "key_tasks": agreement.key_tasks,
        "movements": [m.pk for m in agreement.movements.all()],
        "version": agreement.version,
    }
    signatories = [
        {
            "id": a.pk,
            "person": a.person_id,
            "honorific": a.honorific,
            "rank": a.rank,
            "positions": a.positions,
            "body": a.body_id,
        }
        for a in agreement.signatories.all()
        if a.conference_id is None
    ]
    return form, signatories


def _agreement_entry(request, agreement):
    user_bodies = entry_bodies(request)
    if request.method == "POST":
        form = AgreementForm(request.POST, request.FILES, user_bodies=user_bodies, instance=agreement)
        signatories = SignatoryFormSet(request.POST, prefix="signatories")
        if form.is_valid() and signatories.is_valid():
            kept, removed = formset_rows(signatories)
            entry = AgreementEntry(
                data=form.cleaned_data,
                signatories=[f.cleaned_data for f in kept],
                deleted_signatories=removed,
                attachment=form.cleaned_data.get("attachment"),
                attachment_title=form.cleaned_data.get("attachment_title") or "",
            )
            try:
                saved = agreement_save(agreement=agreement, entry=entry, by=request.user)
            except EditConflict as conflict:
                messages.error(request, CONFLICT_MESSAGE)
                form = AgreementForm(
                    with_version(request.POST, conflict.current_version),
                    user_bodies=user_bodies,
                    instance=agreement,
                )
                form.is_valid()
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The agreement was saved."))
                return redirect(saved)
        else:
            messages.error(request, _("Nothing was saved. Please correct the fields marked below."))
    elif agreement is None:
        access = access_for(request.user)
        form = AgreementForm(initial={"parties": sorted(access.staff_body_ids)[:1]}, user_bodies=user_bodies)
        signatories = SignatoryFormSet(prefix="signatories")
    else:
        initial, rows = agreement_initial(agreement)
        form = AgreementForm(initial=initial, user_bodies=user_bodies, instance=agreement)
        signatories = SignatoryFormSet(prefix="signatories", initial=rows)
    return render(
        request,
        "entry/agreement_form.html",
        {"form": form, "formsets": {"signatories": signatories}, "agreement": agreement},
    )


@login_required
def agreement_create(request):
    return _agreement_entry(request, None)


@login_required
def agreement_update(request, pk):
    agreement = editable_or_denied(request, Agreement, pk)
    agreement = Agreement.objects.prefetch_related("aliases", "party_links", "movements", "signatories").get(
        pk=agreement.pk
    )
    return _agreement_entry(request, agreement)


# Lookups and downloads ----------------------------------------------------------------------

LOOKUP_LIMIT = 20


def _lookup_term(request):
    # Control characters (NUL) are dropped: PostgreSQL would refuse the query.
    return fold(clean_search_term(request.GET.get("q", "")))[:100]


def _results(rows):
    return JsonResponse({"results": [{"id": row.pk, "text": str(row)} for row in rows]})


def _phrase_first(rows, term, *ordering):
    """Rows holding the words as typed, in that order, before those holding them apart."""
    phrase = Case(When(search__contains=term, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.annotate(phrase=phrase).order_by("phrase", *ordering)


@login_required
@require_GET
def agreement_lookup(request):
    """Agreements the user may read, found by number, alias or title, ignoring tone marks."""
    term = _lookup_term(request)
    if not term:
        return _results([])
    rows = every_word(
        readable(Agreement.objects.all(), request.user),
        term,
        lambda word: [
            Agreement.objects.filter(search__matches=word).values("pk"),
            AgreementAlias.objects.filter(search__matches=word).values("agreement"),
        ],
    )
    return _results(_phrase_first(rows, term, "-signed_on", "-pk")[:LOOKUP_LIMIT])


@login_required
@require_GET
def body_lookup(request):
    term = _lookup_term(request)
    if not term:
        return _results([])
    rows = every_word(
        readable(Body.objects.all(), request.user),
        term,
        lambda word: [Body.objects.filter(search__matches=word).values("pk")],
    )
    return _results(_phrase_first(rows, term, "name")[:LOOKUP_LIMIT])


@login_required
@require_GET
def person_lookup(request):
    term = _lookup_term(request)
    if not term:
        return _results([])
    rows = every_word_in_own_text(readable(Person.objects.all(), request.user), term)
    return _results(_phrase_first(rows, term, "full_name")[:LOOKUP_LIMIT])
