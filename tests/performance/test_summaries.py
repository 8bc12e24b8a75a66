"""The derived tables (the dashboard's summaries, the provinces of each record) stay equal to
a full recount whatever writes the records: the entry page, the admin's pages and their
inlines, the spreadsheet imports, the services, a restore of a backup.

Randomised sequences of creates, edits and deletes are run through those paths; after each
step every derived table is compared with a recount (``awards.summaries.differences``), and
the dashboard's numbers read from the summaries with the same numbers counted from the rows.
"""

import datetime
import io
import random

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from agreements.models import Body, Conference, ConferenceBody, Indicator, LocalitySuccession, ReportedFigure
from awards.models import AwardDecision, DecisionProvince
from awards.services import decision_save
from awards.summaries import differences
from dashboard.selectors import Filters, _conference_count, _decision_numbers, summary_province
from tests.entry_posts import entry_post
from tests.makers import admin_form_data, make_award_form, make_body, make_indicator, make_locality

SEEDS = range(4)
STEPS = 18


def _admin(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _dashboard_agrees(world):
    for persona in ("admin", "provincial_leader", "other_leader"):
        user = world.users[persona]
        for filters in (
            Filters(year_from=2018, year_to=2026),
            Filters(year_from=2018, year_to=2026, province=world.localities.vinh_long),
            Filters(year_from=2019, year_to=2021, sector=world.sectors.union),
        ):
            province = summary_province(user, filters)
            assert _decision_numbers(user, filters, province)[:3] == _decision_numbers(user, filters, None)[:3]
            assert _conference_count(user, filters, province) == _conference_count(user, filters, None)


class Writer:
    """Writes of every kind, each through one of the app's write paths."""

    def __init__(self, world, client, rng):
        self.world, self.client, self.rng = world, client, rng
        self.forms = [make_award_form() for _ in range(2)]
        self.indicator = make_indicator(is_main=True)
        self.bodies = [*vars(world.bodies).values()]

    def date(self):
        return datetime.date(self.rng.randint(2018, 2026), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def pick(self, queryset):
        rows = list(queryset.order_by("pk"))
        return self.rng.choice(rows) if rows else None

    # The entry page, as staff of Bến Tre -------------------------------------------------

    def entry(self):
        staff = self.world.users["staff"]
        self.client.force_login(staff)
        b = self.world.bodies
        held = self.date()
        conference = self.pick(Conference.objects.filter(body_links__body=b.ben_tre_police))
        form = {
            "kind": "interim_review",
            "held_on": held.strftime("%d/%m/%Y") if self.rng.random() < 0.8 else "",
            "hosts": [str(b.ben_tre_police.pk)],
            "participants": [str(b.ben_tre_union.pk)] if self.rng.random() < 0.5 else [],
            "reviewed_period": f"năm {held.year - 1}",
            "action": self.rng.choice(["submit", "submit", "draft"]),
        }
        rows = {
            "figures": [
                {
                    "indicator": str(self.indicator.pk),
                    "value": str(self.rng.randint(1, 900)),
                    "body": str(b.ben_tre_police.pk),
                }
            ],
            "commendations": [
                {
                    "form": str(self.rng.choice(self.forms).pk),
                    "authorities": [str(self.rng.choice([b.ben_tre_police, b.ministry]).pk)],
                    "collective_count": str(self.rng.randint(0, 5)),
                    "individual_count": str(self.rng.randint(0, 9)),
                }
            ],
        }
        if conference is not None and self.rng.random() < 0.5:
            # An edit: the page posts back what it showed, changed.
            form["version"] = str(conference.version)
            url = reverse("entry:conference-update", args=[conference.pk])
            rows["figures"] = [
                {"id": str(f.pk), "indicator": str(f.indicator_id), "value": "7", "body": str(f.body_id)}
                for f in conference.figures.all()
            ]
            rows["commendations"] = [
                {
                    "id": str(d.pk),
                    "form": str(d.form_id),
                    "authorities": [str(a.pk) for a in d.authorities.all()],
                    "total_count": str(self.rng.randint(10, 20)),
                    "DELETE": "on" if self.rng.random() < 0.3 else None,
                }
                for d in conference.award_decisions.all()
            ]
        else:
            url = reverse("entry:conference-create")
        response = self.client.post(url, entry_post(form, rows))
        assert response.status_code == 302, response.content.decode()[:2000]

    # The admin's pages -----------------------------------------------------------------

    def _admin_login(self):
        self.client.force_login(self.world.users["admin"])

    def admin_conference(self):
        conference = self.pick(Conference.objects.all())
        if conference is None:
            return
        self._admin_login()
        url = _admin(Conference, "change", conference.pk)
        data = admin_form_data(self.client.get(url))
        data["held_on"] = self.date().strftime("%d/%m/%Y") if self.rng.random() < 0.8 else ""
        data["locality"] = str(self.rng.choice([self.world.localities.hai_phong_old, self.world.localities.ben_tre]).pk)
        data["entry_status"] = self.rng.choice(["submitted", "draft", "confirmed"])
        # One more body at the conference, through the inline.
        prefix = "body_links"
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        known = set(ConferenceBody.objects.filter(conference=conference).values_list("body", flat=True))
        new = [body for body in self.bodies if body.pk not in known]
        if new:
            data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
            data[f"{prefix}-{total}-body"] = str(self.rng.choice(new).pk)
            data[f"{prefix}-{total}-role"] = "participant"
        response = self.client.post(url, data)
        assert response.status_code == 302, response.context["errors"] if response.context else response

    def admin_delete(self):
        model = self.rng.choice([Conference, AwardDecision, ReportedFigure])
        row = self.pick(model.objects.all())
        if row is None:
            return
        self._admin_login()
        if self.rng.random() < 0.5:
            response = self.client.post(_admin(model, "delete", row.pk), {"post": "yes"})
        else:
            response = self.client.post(
                _admin(model, "changelist"),
                {"action": "delete_selected", "_selected_action": [str(row.pk)], "post": "yes"},
            )
        assert response.status_code == 302

    def admin_decision(self):
        decision = self.pick(AwardDecision.objects.all())
        if decision is None:
            return
        self._admin_login()
        url = _admin(AwardDecision, "change", decision.pk)
        data = admin_form_data(self.client.get(url))
        data["revoked_on"] = "01/02/2024" if self.rng.random() < 0.3 else ""
        data["revocation_reason"] = "Nhầm lẫn" if data["revoked_on"] else ""
        data["authorities"] = [str(self.rng.choice(self.bodies).pk)]
        conference = self.pick(Conference.objects.all())
        data["conference"] = str(conference.pk) if conference else ""
        response = self.client.post(url, data)
        assert response.status_code == 302

    def admin_figure(self):
        self._admin_login()
        data = admin_form_data(self.client.get(_admin(ReportedFigure, "add")))
        year = self.rng.randint(2019, 2025)
        conference = self.pick(Conference.objects.all())
        data.update(
            indicator=str(self.indicator.pk),
            value="12",
            body=str(self.rng.choice(self.bodies).pk),
            period_start=str(year),
            period_end=str(year),
            conference=str(conference.pk) if conference else "",
        )
        response = self.client.post(_admin(ReportedFigure, "add"), data)
        assert response.status_code == 302

    def admin_body(self):
        body = self.rng.choice(self.bodies)
        self._admin_login()
        url = _admin(Body, "change", body.pk)
        data = admin_form_data(self.client.get(url))
        data["locality"] = str(self.rng.choice(list(vars(self.world.localities).values())).pk)
        data["sector"] = str(self.rng.choice([self.world.sectors.police, self.world.sectors.union]).pk)
        response = self.client.post(url, data)
        assert response.status_code == 302

    def admin_succession(self):
        self._admin_login()
        old = make_locality(name=f"Tỉnh cũ {self.rng.randint(1, 10**6)}", valid_to=datetime.date(2025, 6, 30))
        body = self.rng.choice(self.bodies)
        with_awards = self.client.get(_admin(Body, "change", body.pk))
        data = admin_form_data(with_awards)
        data["locality"] = str(old.pk)
        assert self.client.post(_admin(Body, "change", body.pk), data).status_code == 302
        # The merger recorded on the new province's page, through its inline.
        new = self.world.localities.hai_phong
        url = _admin(type(new), "change", new.pk)
        data = admin_form_data(self.client.get(url))
        prefix = next(
            key.removesuffix("-TOTAL_FORMS")
            for key in data
            if key.endswith("-TOTAL_FORMS") and "succession_from" in key
        )
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        data[f"{prefix}-{total}-predecessor"] = str(old.pk)
        data[f"{prefix}-{total}-effective_on"] = "01/07/2025"
        response = self.client.post(url, data)
        assert response.status_code == 302
        assert LocalitySuccession.objects.filter(predecessor=old, successor=new).exists()

    # The spreadsheet import and the services --------------------------------------------

    def import_figures(self):
        conference = self.pick(Conference.objects.filter(body_links__body=self.world.bodies.ben_tre_police))
        if conference is None:
            return
        self.client.force_login(self.world.users["staff"])
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["Chỉ tiêu", "Giá trị", "Đơn vị", "Đơn vị báo cáo", "Giai đoạn", "Trích dẫn"])
        year = self.rng.randint(2019, 2025)
        sheet.append([self.indicator.name, self.rng.randint(1, 99), "", "Công an tỉnh Bến Tre", str(year), ""])
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())
        response = self.client.post(reverse("imports:figures-upload", args=[conference.pk]), {"file": upload})
        assert response.status_code == 302
        confirm = response.url.rstrip("/") + "/confirm/"
        assert self.client.post(confirm).status_code in (200, 302)

    def service_decision(self):
        decision_save(
            decision=None,
            data={
                "form": self.rng.choice(self.forms),
                "decided_on": self.date() if self.rng.random() < 0.7 else None,
                "conference": self.pick(Conference.objects.all()),
                "total_count": self.rng.randint(0, 30),
                "authorities": [self.rng.choice(self.bodies)],
            },
            recipients=[],
            submit=self.rng.random() < 0.8,
            by=self.world.users["admin"],
        )

    def operations(self):
        return [
            self.entry,
            self.entry,
            self.admin_conference,
            self.admin_delete,
            self.admin_decision,
            self.admin_figure,
            self.admin_body,
            self.import_figures,
            self.service_decision,
        ]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_derived_tables_equal_a_recount_after_random_writes_through_every_path(world, client, seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible test sequences
    writer = Writer(world, client, rng)
    operations = writer.operations()
    # Every path once, in a random order, then random ones.
    for operation in rng.sample(operations, len(operations)) + [rng.choice(operations) for _ in range(STEPS)]:
        operation()
        assert differences() == [], operation.__name__
    _dashboard_agrees(world)
    assert Conference.history.exists() and AwardDecision.history.exists()


def test_a_merger_recorded_in_the_admin_moves_the_records_of_the_old_province(world, client):
    writer = Writer(world, client, random.Random(7))  # noqa: S311
    for _ in range(3):
        writer.entry()
        writer.service_decision()
    writer.admin_succession()
    assert differences() == []


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_the_derived_tables_of_its_records(world, client, tmp_path):
    writer = Writer(world, client, random.Random(3))  # noqa: S311
    for _ in range(4):
        writer.entry()
        writer.service_decision()
    provinces = sorted(DecisionProvince.objects.values_list("decision", "province"))
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=io.StringIO())
    call_command("flush", interactive=False)

    call_command("restore", str(path), stdout=io.StringIO())

    assert differences() == []
    assert sorted(DecisionProvince.objects.values_list("decision", "province")) == provinces
    assert Indicator.objects.exists() and make_body()
