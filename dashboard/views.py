from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.access import access_for, editable, readable
from agreements.models import Agreement, AgreementParty, Conference, EntryStatus
from awards.models import AwardDecision
from common import generations
from common.derived import RECORDS_AREA
from common.listing import page_of
from dashboard import charts
from dashboard.selectors import (
    DashboardForm,
    Filters,
    dashboard,
    dashboard_key,
    ending_soon_years,
    reviews_due,
)

TODO_SHOWN = 50  # agreements ending soon and drafts shown on the to-do page


def _url(name, **params):
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


@login_required
def home(request):
    """The dashboard: where coordination stands, within the user's scope and the filters.

    Its numbers, tables and charts are the same for every reader of the same scope and
    filters: they are rendered once and cached until the next write (common/generations.py).
    """
    today = timezone.localdate()
    form = DashboardForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("Some filters were not understood and are ignored; see the marked fields."))
    if getattr(form, "swapped", False):
        messages.info(request, _("The years were in reverse order and have been swapped."))
    filters = Filters.from_form(form, today)
    key = (*dashboard_key(request.user, filters, today), translation.get_language())
    data_html = generations.cached(
        RECORDS_AREA,
        key,
        lambda: render_to_string("dashboard/_dashboard_data.html", _dashboard_data(request.user, filters, today)),
    )
    drafts = readable(Conference.objects.filter(entry_status=EntryStatus.DRAFT, created_by=request.user), request.user)
    context = {
        "form": form,
        "filters": filters,
        "data_html": data_html,
        "my_drafts": drafts.order_by("-pk")[:10],
    }
    return render(request, "dashboard/dashboard.html", context)


def _dashboard_data(user, filters, today):
    """The context of the dashboard's numbers, tables and charts."""
    data = dashboard(user, filters, today)
    params = filters.list_params()
    years = filters.years
    forms_by_pk = data["forms"]
    commendation_chart = charts.stacked_bars(
        title=_("Recipients of commendations by year and form"),
        categories=[str(y) for y in years],
        series=[
            charts.Series(
                name=forms_by_pk[form_pk].short_name or forms_by_pk[form_pk].name,
                bars=[
                    charts.Bar(
                        value=data["by_year_and_form"].get((year, form_pk), 0),
                        url=_url(
                            "browse:decision-list", **{**params, "year_from": year, "year_to": year, "form": form_pk}
                        ),
                    )
                    for year in years
                ],
            )
            for form_pk in forms_by_pk
        ],
    )
    provinces = sorted(
        {row["province"] for row in data["figure_rows"]}, key=lambda pk: data["province_names"].get(pk, "")
    )
    totals = {(row["province"], row["period_end"]): float(row["total"]) for row in data["figure_rows"]}
    figure_chart = charts.stacked_bars(
        title=_("%(indicator)s by year and province") % {"indicator": data["indicator"] or "—"},
        categories=[str(y) for y in years],
        series=[
            charts.Series(
                name=data["province_names"].get(province) or _("No province"),
                bars=[charts.Bar(value=totals.get((province, year), 0)) for year in years],
            )
            for province in provinces
        ],
    )
    timeline_chart = charts.horizontal_ranges(
        title=_("Agreements on a timeline of their periods"),
        rows=[
            (str(a), a.period_start, a.period_end, reverse("browse:agreement-detail", args=[a.pk]))
            for a in data["timeline"]
        ],
        start=filters.year_from,
        end=filters.year_to,
    )
    return {
        "filters": filters,
        "data": data,
        "links": {
            "in_force": _url("browse:agreement-list", status="in_force", **_place(params)),
            # No year may qualify (early in the year): the range is then empty, as is the count.
            "ending_soon": _url(
                "browse:agreement-list",
                status="in_force",
                ends_from=min(data["ending_soon_years"], default=today.year + 1),
                ends_to=max(data["ending_soon_years"], default=today.year),
                **_place(params),
            ),
            "conferences": _url("browse:conference-list", **params),
            "decisions": _url("browse:decision-list", **params, revoked="no"),
            "todo": reverse("todo"),
        },
        "form_links": {
            row["form"]: _url("browse:decision-list", **params, form=row["form"]) for row in data["by_form"]
        },
        "commendation_chart": commendation_chart,
        "figure_chart": figure_chart,
        "timeline_chart": timeline_chart,
        "figure_table": [
            (data["province_names"].get(p) or _("No province"), [totals.get((p, y), 0) for y in years])
            for p in provinces
        ],
    }


def _place(params):
    return {key: params[key] for key in ("province", "sector") if key in params}


@login_required
def todo(request):
    """Việc cần làm: what the user's bodies must do next."""
    today = timezone.localdate()
    access = access_for(request.user)
    # Staff see what their own bodies must do; leaders see what is due within their scope.
    if access.staff_body_ids:
        agreements = editable(Agreement.objects.all(), request.user)
    else:
        agreements = readable(Agreement.objects.all(), request.user)
    # An administrator or a central leader is shown everything due (no agreements to match).
    everything = access.is_admin or (access.reads_all and not access.staff_body_ids)
    due = reviews_due(None if everything else agreements, today).prefetch_related(
        Prefetch("agreement__party_links", queryset=AgreementParty.objects.select_related("body"))
    )
    page = page_of(request, due)
    years = ending_soon_years(today)
    ending = (
        agreements.in_status(Agreement.Status.IN_FORCE, today)
        .filter(period_end__in=years)
        .prefetch_related("party_links__body")
        .order_by("period_end", "pk")
    )
    drafts = {
        "conferences": editable(Conference.objects.filter(entry_status=EntryStatus.DRAFT), request.user).order_by(
            "-pk"
        )[:TODO_SHOWN],
        "decisions": editable(AwardDecision.objects.filter(entry_status=EntryStatus.DRAFT), request.user)
        .select_related("form")
        .order_by("-pk")[:TODO_SHOWN],
    }
    context = {
        "due": due,
        "page_obj": page,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "today": today,
        # The first ones; the whole list is the agreement list behind "all of them".
        "ending": ending[:TODO_SHOWN],
        "ending_limit": TODO_SHOWN,
        "ending_all": _url(
            "browse:agreement-list",
            status="in_force",
            ends_from=min(years, default=today.year + 1),
            ends_to=max(years, default=today.year),
        ),
        "drafts": drafts,
    }
    return render(request, "dashboard/todo.html", context)
