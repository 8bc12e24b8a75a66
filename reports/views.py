"""Reports for leaders' meetings: the summary report as a Word document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.access import access_for
from agreements.models import Locality
from dashboard.selectors import DashboardForm, Filters
from reports.summary import CONTENT_TYPE, report_filename, summary_report_bytes


class ReportForm(DashboardForm):
    """The dashboard's years, province and sector, with the provinces limited to the user's scope.

    A provincial leader's province is fixed: whatever the query string says, their report
    covers their own province (the field is disabled, so Django keeps its initial value).
    """

    agreement = None
    indicator = None
    as_recorded = None

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = access_for(user)
        field = self.fields["province"]
        provinces = Locality.objects.filter(level=Locality.Level.PROVINCE, valid_to__isnull=True)
        # Central users keep "All provinces": everything they may read.
        if not access.reads_all:
            provinces = provinces.filter(pk__in=access.locality_ids)
            field.required = True
            field.empty_label = None
            own = list(provinces[:2])
            if len(own) == 1:
                field.disabled = True
                field.initial = own[0].pk
        field.queryset = provinces


def _form(request):
    if not access_for(request.user).reads_anything:
        raise PermissionDenied
    return ReportForm(request.GET or None, user=request.user)


def _page(request, form, status=200):
    today = timezone.localdate()
    filters = Filters.from_form(form, today)
    if not form.is_bound:
        form.initial.update({"year_from": filters.year_from, "year_to": filters.year_to})
    return render(request, "reports/summary.html", {"form": form, "filters": filters}, status=status)


@login_required
def summary(request):
    """The summary report's form: years, province and sector, then download."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("Some parameters were not understood; see the marked fields."))
    elif getattr(form, "swapped", False):
        messages.info(request, _("The years were in reverse order and have been swapped."))
    return _page(request, form)


@login_required
def summary_docx(request):
    """The summary report as a .docx file; nonsense parameters get the form back with messages."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("The report was not made: some parameters were not understood."))
        return _page(request, form)
    filters = Filters.from_form(form, timezone.localdate())
    response = HttpResponse(summary_report_bytes(request.user, filters), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report_filename(filters)}"'
    return response
