"""Measure the pages' server time and query counts, in one run and in-process.

Each page is requested repeatedly through Django's test client as a logged-in
administrator (the widest scope: the most rows). For each it prints one JSON line
({"name", "p50_ms", "p95_ms", "queries", "ratio_to_reference"}), then a table. The
reference is a bare view rendering 25 rows of one table with one query, through the same
middleware, so ratios compare like with like on whatever machine runs it.
"""

import json
import os
import statistics
import threading
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
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
            pages = self.pages()
            for name, url in pages:
                self.measure(name, url)
            # The dashboard, the to-do page and the data parts of lists and record pages are
            # cached until the next write (coordination/freshness.py, pagecache.py):
            # measured again as the first reader after a write gets them.
            for name, url in pages:
                if name in ("dashboard", "dashboard province") or not name.startswith("dashboard"):
                    self.measure(f"{name} after a write", url, before=touch_now)
            self.export()
            self.extractor()
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

    def measure(self, name, url, repeat=None, before=None):
        times = []
        queries = None
        for index in range(repeat or self.repeat):
            if before is not None:
                before()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = self.client.get(url)
                if getattr(response, "streaming", False):
                    for _chunk in response.streaming_content:
                        pass
                times.append((time.perf_counter() - started) * 1000)
            # The queries of the last request: the first one also refreshes the session's
            # last activity and fills per-process caches.
            queries = len(captured.captured_queries)
            if index == 0 and response.status_code != 200:
                self.stderr.write(f"{name}: {url} answered {response.status_code}")
        self.report(name, times, queries)

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
        self.stdout.write(f"{'page':45} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8} {'× ref':>7}")
        for row in self.results:
            queries = "" if row["queries"] is None else row["queries"]
            self.stdout.write(
                f"{row['name']:45} {row['p50_ms']:9.1f} {row['p95_ms']:9.1f} "
                f"{queries!s:>8} {row['ratio_to_reference']:7.2f}"
            )
