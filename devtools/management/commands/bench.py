"""Measure the pages' server time and query counts, in one run and in-process.

Each page is requested repeatedly through Django's test client as a logged-in
administrator (the widest scope: the most rows), each time as the first reader after a
write (the write raised the records' cache generation: nothing cached is read) and again
as a reader of what is cached. For each it prints one JSON line ({"name", "p50_ms",
"p95_ms" of the uncached requests, "cached_p50_ms", "queries", "ratio_to_reference"}), then a
table. The reference is a bare view rendering 25 rows of one table with one query, through
the same middleware, so ratios compare like with like on whatever machine runs it.

Then: recording a whole conference through the entry page (figures and commendations
included), the .xlsx export of the conferences, and the press-report extractor.
"""

import datetime
import json
import os
import statistics
import threading
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from agreements.filters import ConferenceFilter
from agreements.models import Agreement, Body, Conference, Indicator, Locality, Person, Sector
from awards.models import AwardDecision
from common.derived import touch_now

_REFERENCE = engines["django"].from_string(
    "<table>{% for row in rows %}<tr><td>{{ row.number }}</td><td>{{ row.decided_on }}</td>"
    "<td>{{ row.total_count }}</td><td>{{ row.authorities_text }}</td></tr>{% endfor %}</table>"
)


def reference(request):
    """25 rows of one table, one query: the floor any list page is compared to."""
    rows = AwardDecision.objects.order_by("-pk").values("number", "decided_on", "total_count", "authorities_text")[:25]
    return HttpResponse(_REFERENCE.render({"rows": list(rows)}, request))


urlpatterns = [
    path("__bench__/reference/", reference),
    path("", include("coordination.urls")),
]


def _text(length=10_000):
    paragraph = (
        "Sáng 17-1, Công an tỉnh Bến Tre phối hợp với Liên đoàn Lao động tỉnh tổ chức Hội nghị sơ kết 5 năm "
        "thực hiện Quy chế phối hợp số 03/QC-CA-LĐLĐ giai đoạn 2019–2023. Dự hội nghị có Thiếu tướng Nguyễn "
        "Văn Hùng, Giám đốc Công an tỉnh. Các cấp công đoàn đã tổ chức 1.291 buổi tuyên truyền cho 85.000 "
        "lượt đoàn viên. Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể và 10 cá nhân. "
    )
    return (paragraph * (length // len(paragraph) + 1))[:length]


QUICK_EXPORT_ROWS = 10_000


def _conference_post(index, host, bodies, indicators, forms):
    """What a staff member posts from "Record a conference": a yearly review with three
    figures and two commendations (the page's own form and formsets)."""
    day = datetime.date(2025, 1, 1) + datetime.timedelta(days=index % 300)
    data = {
        "title": f"Hội nghị sơ kết (bench {index})",
        "kind": "interim_review",
        "held_on": day.strftime("%d/%m/%Y"),
        "hosts": [str(pk) for pk in bodies],
        "reviewed_period": "năm 2024",
        "results": "Kết quả phối hợp được đánh giá tại hội nghị.",
        "action": "submit",
    }
    rows = {
        "agreements": [],
        "people": [],
        "figures": [
            {"indicator": str(indicator.pk), "value": f"{(index + 1) * 37}", "body": str(host)}
            for indicator in indicators
        ],
        "commendations": [
            {"form": str(form.pk), "authorities": [str(host)], "collective_count": "3", "individual_count": "5"}
            for form in forms
        ],
    }
    for prefix, prefix_rows in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(prefix_rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for position, row in enumerate(prefix_rows):
            for key, value in row.items():
                data[f"{prefix}-{position}-{key}"] = value
    return data


def _rss_mb():
    """This process's resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


class RssSampler:
    """The peak resident memory of the process while the ``with`` block runs."""

    def __enter__(self):
        self.start_mb = self.peak_mb = round(_rss_mb(), 1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak_mb = max(self.peak_mb, round(_rss_mb(), 1))

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, round(_rss_mb(), 1))


class Command(BaseCommand):
    help = "Measure server time and query counts of every page kind (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--quick", action="store_true", help="Fewer repetitions; under a minute.")
        parser.add_argument("--repeat", type=int, default=None)

    def handle(self, *args, **options):
        # No setup_test_environment(): it instruments every template render for the tests'
        # assertions, which would be measured too.
        self.repeat = options["repeat"] or (5 if options["quick"] else 20)
        self.quick = options["quick"]
        user_model = get_user_model()
        user = user_model.objects.filter(username="bench").first() or user_model.objects.create_superuser(
            "bench", "bench@example.invalid", None
        )
        self.client = Client()
        self.client.force_login(user)
        self.results = []
        # An administrator reads everything (the most rows); the one-time code is not what is measured.
        with override_settings(
            ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], DEBUG=False, OTP_REQUIRED_FOR_SUPERUSERS=False
        ):
            self.measure("reference", "/__bench__/reference/")
            for name, url in self.pages():
                self.measure(name, url)
            self.export()
            self.extractor()
            self.record_conferences()
        self.table()

    def pages(self):
        province = Locality.objects.filter(valid_to__isnull=True, level="province").order_by("key").first()
        sector = Sector.objects.order_by("pk").last()
        agreement = Agreement.objects.order_by("pk").last()
        indicator = Indicator.objects.filter(is_main=True).order_by("pk").first()
        pages = [
            ("dashboard", "/"),
            ("dashboard province", f"/?province={province.pk}" if province else "/"),
            (
                "dashboard province+sector+years",
                f"/?province={getattr(province, 'pk', '')}"
                f"&sector={getattr(sector, 'pk', '')}&year_from=2010&year_to=2024",
            ),
            ("dashboard as recorded+indicator", f"/?as_recorded=on&indicator={getattr(indicator, 'pk', '')}"),
            ("dashboard agreement", f"/?agreement={agreement.pk}" if agreement else "/"),
            ("todo", "/todo/"),
        ]
        for name, url, count in (
            ("agreements", "/agreements/", Agreement.objects.count()),
            ("conferences", "/conferences/", Conference.objects.count()),
            ("decisions", "/awards/decisions/", AwardDecision.objects.count()),
            ("bodies", "/bodies/", Body.objects.count()),
            ("people", "/people/", Person.objects.count()),
        ):
            late = max(1, min(count // 25 - 1, 2000))
            pages += [
                (f"{name} list", url),
                (f"{name} list filtered", f"{url}?province={getattr(province, 'pk', '')}"),
                (f"{name} list search", f"{url}?q=ben+tre"),
                (f"{name} list page {late}", f"{url}?page={late}"),
            ]
        for name, model, prefix in (
            ("agreement", Agreement, "/agreements/"),
            ("conference", Conference, "/conferences/"),
            ("decision", AwardDecision, "/awards/decisions/"),
            ("body", Body, "/bodies/"),
            ("person", Person, "/people/"),
        ):
            row = model.objects.order_by("pk").first()
            if row is not None:
                pages.append((f"{name} detail", f"{prefix}{row.pk}/"))
        return pages

    def _time(self, url, before=None):
        if before is not None:
            before()
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = self.client.get(url)
            if getattr(response, "streaming", False):
                for _chunk in response.streaming_content:
                    pass
            elapsed = (time.perf_counter() - started) * 1000
        return response, elapsed, len(captured.captured_queries)

    def measure(self, name, url):
        """The page as the first reader after a write gets it (``touch_now`` before each
        request: nothing cached is read), then as a reader of what the dashboard caches."""
        self._time(url)  # the session's last activity and per-process caches, not measured
        uncached, cached = [], []
        queries = None
        for _ in range(self.repeat):
            response, elapsed, queries = self._time(url, before=touch_now)
            uncached.append(elapsed)
            if response.status_code != 200:
                self.stderr.write(f"{name}: {url} answered {response.status_code}")
        for _ in range(self.repeat):
            cached.append(self._time(url)[1])
        self.report(name, uncached, queries, cached_p50_ms=round(statistics.median(cached), 1))

    def record_conferences(self):
        """Recording a whole conference through the entry page, as staff of a province: the
        conference, two bodies, three figures and two commendations, saved and submitted."""
        from agreements.models import Body, Indicator, Membership
        from awards.models import AwardForm

        host = Body.objects.filter(level=Body.Level.PROVINCE, locality__isnull=False).order_by("pk").first()
        partner = (
            Body.objects.filter(locality=host.locality).exclude(pk=host.pk).order_by("pk").first() if host else None
        )
        indicators = list(Indicator.objects.order_by("pk")[:3])
        forms = list(AwardForm.objects.order_by("rank_order")[:2])
        if host is None or len(indicators) < 3 or len(forms) < 2:
            self.stderr.write("record a conference: no provincial body, indicators or forms to record with")
            return
        user_model = get_user_model()
        staff = user_model.objects.filter(username="bench.staff").first() or user_model.objects.create_user(
            "bench.staff", "bench.staff@example.invalid", None
        )
        Membership.objects.get_or_create(user=staff, body=host, role=Membership.Role.STAFF)
        client = Client()
        client.force_login(staff)
        bodies = [host.pk] + ([partner.pk] if partner else [])
        times = []
        for index in range(self.repeat):
            data = _conference_post(index, host.pk, bodies, indicators, forms)
            started = time.perf_counter()
            response = client.post("/conferences/new/", data)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                self.stderr.write(f"record a conference answered {response.status_code}")
                break
        self.report("record a conference (entry page)", times, None)
        # What was recorded goes again, through the same write path, so that runs do not add up.
        from agreements.models import Conference
        from entry.services import conference_delete

        for conference in Conference.objects.filter(title__startswith="Hội nghị sơ kết (bench "):
            conference_delete(conference=conference, by=staff)

    def report(self, name, times, queries, **extra):
        times = sorted(times)
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        reference = self.results[0]["p50_ms"] if self.results else p50
        result = {
            "name": name,
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "queries": queries,
            "ratio_to_reference": round(p50 / reference, 2) if reference else None,
            **extra,
        }
        self.results.append(result)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def export(self):
        """The conference list as .xlsx (100k rows at full scale): time and peak memory.

        Memory is the process's resident size, sampled every 20 ms during the export (the
        rise over the size before it, and the peak). ``tracemalloc`` would trace every
        allocation and made the export seven times slower than it is.
        """
        url, rows = "/exports/conferences.xlsx", Conference.objects.count()
        if self.quick and rows > QUICK_EXPORT_ROWS:
            # --quick stays under a minute: the conferences of one year instead of all of them.
            year = Conference.objects.filter(held_on__isnull=False).latest("held_on").held_on.year - 1
            url = f"{url}?year={year}"
            rows = ConferenceFilter({"year": year}, queryset=Conference.objects.all()).qs.count()
        sampler = RssSampler()
        with sampler:
            started = time.perf_counter()
            response = self.client.get(url)
            size = 0
            chunks = response.streaming_content if response.streaming else [response.content]
            for chunk in chunks:
                size += len(chunk)
            elapsed = (time.perf_counter() - started) * 1000
        self.report(
            "export conferences.xlsx",
            [elapsed],
            None,
            rows=rows,
            bytes=size,
            peak_rss_mb=sampler.peak_mb,
            rss_rise_mb=round(sampler.peak_mb - sampler.start_mb, 1),
            streamed=bool(getattr(response, "streaming", False)),
        )

    def extractor(self):
        from pressimport.extraction.extract import extract

        text = _text()
        times = []
        for _ in range(3 if self.quick else 10):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                extract(text)
                times.append((time.perf_counter() - started) * 1000)
        self.report("extractor 10k chars", times, len(captured.captured_queries))

    def table(self):
        self.stdout.write("")
        self.stdout.write(
            f"{'page (uncached: first reader after a write)':45} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'cached':>8} {'queries':>8} {'× ref':>7}"
        )
        for row in self.results:
            queries = "" if row["queries"] is None else row["queries"]
            cached = row.get("cached_p50_ms")
            self.stdout.write(
                f"{row['name']:45} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
                f"{'' if cached is None else f'{cached:.1f}':>8} {queries!s:>8} {row['ratio_to_reference']:7.2f}"
            )
