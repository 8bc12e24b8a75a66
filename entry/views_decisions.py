"""Award decisions entered on their own (those handed out at a conference are usually entered
with the conference)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements.access import editable
from agreements.models import Conference
from awards.models import AwardDecision
from awards.services import decision_save
from common.services import CONFLICT_MESSAGE, EditConflict
from entry.access import editable_or_denied, entry_bodies, show_errors, with_version
from entry.award_forms import DecisionForm


def decision_initial(decision):
    recipients = list(decision.recipients.all())
    return {
        "form": decision.form_id,
        "authorities": [b.pk for b in decision.authorities.all()],
        "authorities_text": decision.authorities_text,
        "number": decision.number,
        "decided_on": decision.decided_on,
        "total_count": decision.total_count,
        "collective_count": decision.collective_count,
        "individual_count": decision.individual_count,
        "named_collectives": "\n".join(r.name for r in recipients if r.kind == "collective"),
        "named_individuals": "\n".join(r.name for r in recipients if r.kind == "individual"),
        "reason": decision.reason,
        "conference": decision.conference_id,
        "agreement": decision.agreement_id,
        "movement": decision.movement_id,
        "revoked_on": decision.revoked_on,
        "revocation_reason": decision.revocation_reason,
        "version": decision.version,
    }


def _decision_entry(request, decision):
    user_bodies = entry_bodies(request)
    conferences = editable(Conference.objects.order_by("-held_on", "-pk"), request.user)
    options = {"user_bodies": user_bodies, "conferences": conferences}
    if request.method == "POST":
        form = DecisionForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = decision_save(
                    decision=decision,
                    data=data,
                    recipients=form.recipients(),
                    submit=request.POST.get("action") != "draft",
                    by=request.user,
                )
            except EditConflict as conflict:
                messages.error(request, CONFLICT_MESSAGE)
                form = DecisionForm(with_version(request.POST, conflict.current_version), **options)
                form.is_valid()
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The award decision was saved."))
                return redirect(saved)
        else:
            messages.error(request, _("Nothing was saved. Please correct the fields marked below."))
    else:
        form = DecisionForm(initial=decision_initial(decision) if decision else {}, **options)
    return render(request, "entry/decision_form.html", {"form": form, "decision": decision})


@login_required
def decision_create(request):
    return _decision_entry(request, None)


@login_required
def decision_update(request, pk):
    decision = editable_or_denied(request, AwardDecision, pk)
    decision = AwardDecision.objects.prefetch_related("authorities", "recipients").get(pk=decision.pk)
    return _decision_entry(request, decision)
