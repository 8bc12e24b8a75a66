"""A national-scale synthetic data set, generated in bulk, for measuring speed.

Every province (the 63 before 1 July 2025 and the 34 after), every sector, a body hierarchy
(central body → provincial body → district body per sector and province), agreement chains
of five-year periods each superseding the one before and implementing the central one, a
yearly review (sơ kết) of each agreement and a final review (tổng kết) at its end, award
decisions of every form handed out at those conferences, and reported figures for the
catalogue's indicators. Deterministic for a given ``--seed`` on an empty database.

The large tables are written as plain rows with ids assigned here, after the largest id
already in each table, through ``devtools.bulkload`` (COPY on PostgreSQL, a prepared
INSERT elsewhere); the few thousand bodies and people go through ``bulk_create``. No
change-history rows are written: this is not a record of anyone's work. The id sequences are
then reset, so later inserts through the ORM get fresh ids, and the dashboard summaries are
rebuilt from the rows.
"""

import datetime
import random
import time
from decimal import Decimal
from typing import NamedTuple

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementParty,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    Indicator,
    Locality,
    LocalitySuccession,
    Person,
    ReportedFigure,
    Sector,
)
from awards.models import AwardDecision, AwardForm, AwardRecipient
from devtools.bulkload import TableLoader, next_id, reset_sequences

MERGER = datetime.date(2025, 7, 1)
FIRST_YEAR = 2001
PERIOD = 5
CHUNK = 5000
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Sơn", "Tâm"]
REASONS = [
    "Có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc",
    "Đã có thành tích trong thực hiện Quy chế phối hợp",
    "Có thành tích xuất sắc trong công tác phòng, chống tội phạm và tệ nạn xã hội",
    "Đạt thành tích tiêu biểu trong phong trào thi đua yêu nước",
]


class SeededAgreement(NamedTuple):
    """What the later steps need of an agreement written by ``_agreements``."""

    pk: int
    period_start: int
    period_end: int
    supersedes_id: int | None


class Command(BaseCommand):
    help = "Generate a national-scale synthetic data set in bulk (for bench and performance work)."

    def add_arguments(self, parser):
        parser.add_argument("--figures", type=int, default=1_000_000)
        parser.add_argument("--awards", type=int, default=500_000, help="Award decisions (award lines).")
        parser.add_argument("--conferences", type=int, default=100_000)
        parser.add_argument("--agreements", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if Agreement.objects.exists() or Conference.objects.exists():
            raise CommandError("seed_scale fills an empty database; use a fresh one (see docs/performance.md).")
        self.rng = random.Random(options["seed"])  # noqa: S311 - synthetic data, reproducible by design
        self.today = timezone.localdate()
        started = time.monotonic()
        call_command("load_reference", stdout=self.stdout)
        self.loaded = []  # models written by a TableLoader, whose id sequences need a reset
        with transaction.atomic():
            self._reference()
            self._bodies()
            self._step("bodies", started)
            self._agreements(options["agreements"])
            self._step("agreements", started)
            self._conferences(options["conferences"])
            self._step("conferences", started)
            self._decisions(options["awards"])
            self._step("award decisions", started)
            self._figures(options["figures"])
            self._step("figures", started)
            reset_sequences(self.loaded)
        call_command("rebuild_summaries", stdout=self.stdout)
        self._step("summaries", started)
        # Fresh statistics for the query planner: without them PostgreSQL guessed a few hundred
        # rows where there were a hundred thousand and chose its plans accordingly.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self._step("statistics (ANALYZE)", started)

    def _step(self, what, started):
        self.stdout.write(f"{what}: done at {time.monotonic() - started:.1f} s")

    def _loader(self, model, columns):
        """A TableLoader for ``model`` and the first id to give its rows."""
        self.loaded.append(model)
        return TableLoader(model, columns), next_id(model)

    # Reference rows -------------------------------------------------------------------------

    def _reference(self):
        self.sectors = list(Sector.objects.order_by("order", "code"))
        self.forms = list(AwardForm.objects.order_by("rank_order"))
        self.indicators = list(Indicator.objects.order_by("name"))
        self.old_provinces = list(
            Locality.objects.filter(level=Locality.Level.PROVINCE, valid_to__isnull=False).order_by("key")
        )
        self.new_provinces = list(
            Locality.objects.filter(level=Locality.Level.PROVINCE, valid_to__isnull=True).order_by("key")
        )
        if not self.sectors or not self.forms or not self.indicators or not self.old_provinces:
            raise CommandError("Reference data is missing (load_reference).")
        self.successor = dict(LocalitySuccession.objects.values_list("predecessor", "successor"))

    def _bodies(self):
        central = [
            Body(
                name=f"Cơ quan Trung ương {s.short_name or s.name}", short_name=s.short_name, sector=s, level="central"
            )
            for s in self.sectors
        ]
        Body.objects.bulk_create(central)
        self.central = {b.sector_id: b for b in central}
        provincial = []
        for province in self.old_provinces + self.new_provinces:
            for sector in self.sectors:
                provincial.append(
                    Body(
                        name=f"{sector.short_name or sector.name} {province.name}",
                        short_name=f"{sector.short_name} {province.short_name}",
                        sector=sector,
                        level=Body.Level.PROVINCE,
                        parent=self.central[sector.pk],
                        locality=province,
                        valid_from=province.valid_from,
                        valid_to=province.valid_to,
                    )
                )
        Body.objects.bulk_create(provincial)
        self.provincial = {(b.locality_id, b.sector_id): b for b in provincial}
        district = [
            Body(
                name=f"{b.sector.short_name} huyện số {n} {b.locality.short_name}",
                sector=b.sector,
                level=Body.Level.DISTRICT,
                parent=b,
                locality=b.locality,
                valid_to=b.valid_to,
            )
            for b in provincial
            for n in (1, 2)
        ]
        Body.objects.bulk_create(district)
        self.district = {}
        for b in district:
            self.district.setdefault((b.locality_id, b.sector_id), []).append(b)

    # Agreements -----------------------------------------------------------------------------

    def _agreements(self, count):
        """Chains of five-year agreements between two sectors of a province (or centrally).

        A chain runs from 2001 to 2030 (six agreements); one in five stops in 2025, so some
        successors and final reviews are due. The 2026–2030 agreements are signed by the
        bodies of the merged province.
        """
        rng = self.rng
        self.agreements = []
        periods = [(start, start + PERIOD - 1) for start in range(FIRST_YEAR, 2031, PERIOD)]
        police = self.sectors[0]
        others = self.sectors[1:]
        specs = []  # (locality or None, sector pair, period, supersedes index, implements index)
        central_heads = {}
        for sector in others:
            previous = None
            for period in periods:
                specs.append((None, (police, sector), period, previous, None))
                previous = len(specs) - 1
                central_heads[(sector.pk, period)] = previous
        chain = 0
        while len(specs) < count:
            province = self.old_provinces[chain % len(self.old_provinces)]
            sector = others[(chain // len(self.old_provinces)) % len(others)]
            stop = 2025 if rng.random() < 0.2 else 2030
            previous = None
            for period in periods:
                if period[1] > stop or len(specs) >= count:
                    break
                specs.append((province, (police, sector), period, previous, central_heads[(sector.pk, period)]))
                previous = len(specs) - 1
            chain += 1
        loader, first = self._loader(
            Agreement,
            [
                "id",
                "kind",
                "number",
                "title",
                "signed_on",
                "period_start",
                "period_end",
                "supersedes_id",
                "implements_id",
                "key_tasks",
            ],
        )
        rows, parties = [], []
        for index, (province, pair, (start, end), supersedes, implements) in enumerate(specs):
            signed_on = datetime.date(start - 1, 12, rng.randint(1, 28))
            if province is None:
                bodies = [self.central[s.pk] for s in pair]
                place = "Trung ương"
            else:
                locality = self.successor.get(province.pk, province.pk) if signed_on >= MERGER else province.pk
                bodies = [self.provincial[(locality, s.pk)] for s in pair]
                place = province.short_name
            # Ids are given here, so a chain's links are written with the rows themselves.
            supersedes_id = None if supersedes is None else first + supersedes
            rows.append(
                (
                    first + index,
                    Agreement.Kind.REGULATION if index % 4 else Agreement.Kind.PROGRAMME,
                    f"{index % 97 + 1:02d}/QCPH-CA-{pair[1].code.upper()[:6]}",
                    f"Quy chế phối hợp giữa {bodies[0].name} và {bodies[1].name} ({place}) {start}–{end}",
                    signed_on,
                    start,
                    end,
                    supersedes_id,
                    None if implements is None else first + implements,
                    "Tuyên truyền, phổ biến pháp luật\nPhòng, chống tội phạm",
                )
            )
            parties.append(bodies)
            self.agreements.append(SeededAgreement(first + index, start, end, supersedes_id))
        loader.write(rows)
        links = [
            (first + index, body.pk, order) for index, bodies in enumerate(parties) for order, body in enumerate(bodies)
        ]
        loader, first = self._loader(AgreementParty, ["id", "agreement_id", "body_id", "order"])
        loader.write((first + n, *link) for n, link in enumerate(links))
        self.agreement_parties = parties

    # Conferences ----------------------------------------------------------------------------

    def _conferences(self, count):
        """A sơ kết for each year of each agreement's period but the last (one in twenty is
        missing, so reviews fall due), a tổng kết at its end where the successor is signed,
        then briefings to reach ``count``; only meetings held by today."""
        rng = self.rng
        specs = []  # (agreement index, kind, held_on, reviewed period, signs successor index)
        next_of = {}
        for index, agreement in enumerate(self.agreements):
            if agreement.supersedes_id:
                next_of[agreement.supersedes_id] = index
        for index, agreement in enumerate(self.agreements):
            for year in range(agreement.period_start, agreement.period_end):
                held = datetime.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
                if held <= self.today and rng.random() > 0.05:
                    specs.append((index, Conference.Kind.INTERIM_REVIEW, held, (year, year), None))
            held = datetime.date(agreement.period_end, 12, rng.randint(1, 20))
            if held <= self.today and rng.random() > 0.05:
                specs.append(
                    (
                        index,
                        Conference.Kind.FINAL_REVIEW,
                        held,
                        (agreement.period_start, agreement.period_end),
                        next_of.get(agreement.pk),
                    )
                )
        rng.shuffle(specs)
        specs = specs[:count]
        while len(specs) < count:
            index = rng.randrange(len(self.agreements))
            agreement = self.agreements[index]
            year = rng.randint(agreement.period_start, min(agreement.period_end, self.today.year))
            held = min(datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), self.today)
            specs.append((index, Conference.Kind.BRIEFING, held, (None, None), None))
        specs.sort(key=lambda spec: (spec[2], spec[0]))
        loader, first = self._loader(
            Conference,
            [
                "id",
                "title",
                "kind",
                "held_on",
                "held_on_text",
                "place",
                "locality_id",
                "reviewed_period_start",
                "reviewed_period_end",
                "results",
            ],
        )
        rows = []
        for n, (index, kind, held, (start, end), _successor) in enumerate(specs):
            hosts = self.agreement_parties[index]
            label = {"interim_review": "sơ kết", "final_review": "tổng kết"}.get(kind, "giao ban")
            period = f"năm {start}" if start == end and start else (f"giai đoạn {start}–{end}" if start else "")
            undated = rng.random() < 0.03
            rows.append(
                (
                    first + n,
                    f"Hội nghị {label} {period} Quy chế phối hợp giữa {hosts[0].name} và {hosts[1].name}",
                    kind,
                    None if undated else held,
                    f"Sáng {held.day}-{held.month}" if undated else "",
                    f"Hội trường {hosts[0].name}",
                    hosts[0].locality_id,
                    start,
                    end,
                    f"Tổ chức {rng.randint(5, 300)} buổi tuyên truyền; phát hiện {rng.randint(1, 50)} vụ việc.",
                )
            )
        loader.write(rows)
        bodies, agreements, extra = [], [], []
        for (conference_id, *_row), (index, kind, _held, _period, successor) in zip(rows, specs, strict=True):
            hosts = self.agreement_parties[index]
            for body in hosts:
                bodies.append((conference_id, body.pk, ConferenceBody.Role.HOST))
            districts = self.district.get((hosts[0].locality_id, hosts[0].sector_id))
            if districts and rng.random() < 0.5:
                bodies.append((conference_id, rng.choice(districts).pk, ConferenceBody.Role.PARTICIPANT))
            role = ConferenceAgreement.Role.REFERENCED if kind == "briefing" else ConferenceAgreement.Role.REVIEWED
            agreements.append((conference_id, self.agreements[index].pk, role))
            if successor is not None:
                agreements.append((conference_id, self.agreements[successor].pk, ConferenceAgreement.Role.SIGNED))
                extra.append((conference_id, Conference.Kind.SIGNING))
        for model, columns, links in [
            (ConferenceBody, ["id", "conference_id", "body_id", "role"], bodies),
            (ConferenceAgreement, ["id", "conference_id", "agreement_id", "role"], agreements),
            (ConferenceExtraKind, ["id", "conference_id", "kind"], extra),
        ]:
            loader, first_link = self._loader(model, columns)
            loader.write((first_link + n, *link) for n, link in enumerate(links))
        self._people(rows, specs)
        # (id, hosts, held on, reviewed from, reviewed to, agreement id) of each conference.
        self.conferences = [
            (row[0], self.agreement_parties[spec[0]], row[3], row[7], row[8], self.agreements[spec[0]].pk)
            for row, spec in zip(rows, specs, strict=True)
        ]

    def _people(self, conferences, specs):
        """Leaders chairing the final reviews: a few thousand people, an appearance each time."""
        rng = self.rng
        names = sorted({f"{s} {m} {g}" for s in SURNAMES for m in MIDDLES for g in GIVEN})
        people = [Person(full_name=name, gender="") for name in names]
        Person.objects.bulk_create(people, batch_size=CHUNK)
        appearances = []
        for (conference_id, *_row), (index, kind, *_rest) in zip(conferences, specs, strict=True):
            if kind != Conference.Kind.FINAL_REVIEW:
                continue
            for order, body in enumerate(self.agreement_parties[index]):
                appearances.append(
                    (
                        rng.choice(people).pk,
                        conference_id,
                        Appearance.Role.CHAIR if order == 0 else Appearance.Role.SPEAKER,
                        Appearance.Honorific.DONG_CHI,
                        f"Lãnh đạo {body.name}",
                        body.pk,
                        order,
                    )
                )
        loader, first = self._loader(
            Appearance, ["id", "person_id", "conference_id", "role", "honorific", "positions", "body_id", "order"]
        )
        loader.write((first + n, *appearance) for n, appearance in enumerate(appearances))

    # Award decisions ------------------------------------------------------------------------

    def _decisions(self, count):
        """Decisions handed out at the conferences: every form, lower honours more often, one
        in fifty with named recipients, one in two hundred revoked."""
        rng = self.rng
        forms = self.forms
        weights = [1 + i * i for i in range(len(forms))]
        decisions, decision_id = self._loader(
            AwardDecision,
            [
                "id",
                "number",
                "decided_on",
                "form_id",
                "authorities_text",
                "reason",
                "conference_id",
                "agreement_id",
                "total_count",
                "collective_count",
                "individual_count",
                "revoked_on",
                "revocation_reason",
            ],
        )
        authorities, authority_id = self._loader(
            AwardDecision.authorities.through, ["id", "awarddecision_id", "body_id"]
        )
        recipients, recipient_id = self._loader(AwardRecipient, ["id", "decision_id", "kind", "name"])
        # Generated a chunk at a time: a chunk's named recipients are drawn after its decisions.
        for chunk_start in range(0, count, CHUNK):
            size = min(CHUNK, count - chunk_start)
            rows, picks = [], []
            for _ in range(size):
                conference = rng.choice(self.conferences)
                conference_id, hosts, held, _start, _end, agreement_id = conference
                form = rng.choices(forms, weights)[0]
                named = rng.random() < 0.02
                if named:
                    collectives, individuals = rng.randint(0, 2), rng.randint(1, 3)
                    total = collectives + individuals
                else:
                    collectives, individuals = rng.randint(0, 20), rng.randint(0, 40)
                    total = collectives + individuals + (rng.randint(0, 10) if rng.random() < 0.2 else 0)
                    if rng.random() < 0.1:
                        collectives = individuals = None
                revoked = rng.random() < 0.005
                authority = hosts[0] if rng.random() < 0.7 else hosts[1]
                rows.append(
                    (
                        decision_id,
                        f"{rng.randint(1, 9999)}/QĐ-{form.short_name[:4].upper() or 'KT'}",
                        held if rng.random() < 0.9 else None,
                        form.pk,
                        authority.name,
                        rng.choice(REASONS),
                        conference_id,
                        agreement_id if rng.random() < 0.3 else None,
                        total,
                        collectives,
                        individuals,
                        (held or datetime.date(2020, 1, 1)) + datetime.timedelta(days=90) if revoked else None,
                        "Thu hồi do sai sót hồ sơ" if revoked else "",
                    )
                )
                picks.append((decision_id, authority, named, collectives, individuals))
                decision_id += 1
            decisions.write(rows)
            through, named_rows = [], []
            for decision, authority, named, collectives, individuals in picks:
                through.append((authority_id, decision, authority.pk))
                authority_id += 1
                if named:
                    for n in range(collectives):
                        named_rows.append((recipient_id, decision, "collective", f"Tập thể {n + 1} {authority.name}"))
                        recipient_id += 1
                    for _n in range(individuals):
                        given = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
                        named_rows.append((recipient_id, decision, "individual", given))
                        recipient_id += 1
            authorities.write(through)
            recipients.write(named_rows)

    # Reported figures -----------------------------------------------------------------------

    def _figures(self, count):
        """Figures reported at the conferences by their hosts, for the period reviewed: yearly
        at a sơ kết, over the whole period at a tổng kết (not added again on the dashboard)."""
        rng = self.rng
        indicators = self.indicators
        conferences = [c for c in self.conferences if c[3] is not None]
        loader, first = self._loader(
            ReportedFigure,
            ["id", "indicator_id", "value", "body_id", "period_start", "period_end", "conference_id"],
        )
        for chunk_start in range(0, count, CHUNK):
            size = min(CHUNK, count - chunk_start)
            rows = []
            for n in range(chunk_start, chunk_start + size):
                conference_id, hosts, _held, start, end, _agreement = rng.choice(conferences)
                indicator = rng.choice(indicators)
                value = Decimal(rng.randint(1, 5000) * (end - start + 1))
                body = hosts[0] if rng.random() < 0.6 else hosts[1]
                rows.append((first + n, indicator.pk, value, body.pk, start, end, conference_id))
            loader.write(rows)
