"""``manage.py bench`` measures every page kind and prints one JSON object per line."""

import io
import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_bench_reports_every_page_kind_uncached_and_cached_with_queries_and_ratio():
    call_command("seed_scale", figures=300, awards=200, conferences=80, agreements=60, seed=3, stdout=io.StringIO())
    out, err = io.StringIO(), io.StringIO()
    call_command("bench", quick=True, repeat=1, stdout=out, stderr=err)
    results = [json.loads(line) for line in out.getvalue().splitlines() if line.startswith("{")]
    by_name = {result["name"]: result for result in results}
    expected = {
        "reference",
        "dashboard",
        "dashboard province",
        "todo",
        "agreements list",
        "conferences list search",
        "decisions list filtered",
        "agreement detail",
        "conference detail",
        "decision detail",
        "body detail",
        "person detail",
        "record a conference (entry page)",
        "export conferences.xlsx",
        "extractor 10k chars",
    }
    assert expected <= set(by_name)
    assert err.getvalue() == ""
    for result in results:
        assert {"name", "p50_ms", "p95_ms", "queries", "ratio_to_reference"} <= set(result)
        assert result["p50_ms"] > 0
    # Every page is measured as the first reader after a write gets it, and cached.
    assert all("cached_p50_ms" in by_name[name] for name in expected if "list" in name or "detail" in name)
    assert by_name["reference"]["ratio_to_reference"] == 1.0
    assert by_name["reference"]["queries"] >= 1
    export = by_name["export conferences.xlsx"]
    assert export["rows"] == 80 and export["bytes"] > 0 and export["streamed"] is True
    assert export["peak_rss_mb"] >= export["rss_rise_mb"] >= 0
    # The summary table follows the JSON lines.
    assert "page" in out.getvalue().split("\n{")[-1] and "× ref" in out.getvalue()


@pytest.mark.django_db
def test_bench_quick_exports_one_year_when_the_list_is_long(monkeypatch):
    from devtools.management.commands import bench

    call_command("seed_scale", figures=100, awards=50, conferences=80, agreements=60, seed=4, stdout=io.StringIO())
    monkeypatch.setattr(bench, "QUICK_EXPORT_ROWS", 10)
    out = io.StringIO()
    call_command("bench", quick=True, repeat=1, stdout=out, stderr=io.StringIO())
    export = next(json.loads(line) for line in out.getvalue().splitlines() if '"export conferences.xlsx"' in line)
    assert 0 < export["rows"] < 80
