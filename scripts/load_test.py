"""Load test: the app under gunicorn on PostgreSQL, 50 concurrent users for 60 seconds.

    make load          # or: .venv/bin/python scripts/load_test.py [--users 50] [--seconds 60]

1. Creates a fresh PostgreSQL database ``coordination_load`` on 127.0.0.1 (dropped first if
   it exists), migrates it, loads the demo data and generates further records.
2. Starts gunicorn on 127.0.0.1 with production settings (DEBUG off, static files collected).
3. Runs locust headless (scripts/locustfile.py, installed from requirements-load.txt into
   .venv-load): leaders and staff mixing the dashboard, lists, searches, lookups, exports, the
   report page and staff posting valid conferences with their CSRF token.
4. Stops gunicorn, then checks that every accepted entry (each 302 of an entry post) is in the
   database, and prints the figures as Markdown for docs/load-test.md.

Traffic goes to 127.0.0.1 only: the address is fixed here and cannot be set from outside.
Everything is bounded in time: locust stops after --seconds, the whole run after ten minutes.
Exits non-zero on any failed request or any accepted entry missing from the database.
"""

import argparse
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else: this is a load test of a server started here
DATABASE = "coordination_load"
DATABASE_URL = f"postgres://postgres@{HOST}:5432/{DATABASE}"
LOCUST = ROOT / ".venv-load" / "bin" / "locust"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
RUN_LIMIT = 600  # seconds, the whole run


def _free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _environment(static_root):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=DATABASE_URL,
        DEBUG="false",
        SECRET_KEY="load-test-" + os.urandom(24).hex(),
        ALLOWED_HOSTS=HOST,
        # Plain HTTP on the loopback: no redirect to https, cookies sent over http.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(static_root.parent / "media"),
        LOG_LEVEL="ERROR",
    )
    return env


def _fresh_database():
    import psycopg2

    connection = psycopg2.connect(host=HOST, port=5432, user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def _setup_django(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordination.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _generate(extra):
    """``extra`` conferences (each with two figures) and agreements, through the services."""
    from django.contrib.auth import get_user_model

    from agreements.models import Agreement, Body, Conference, Indicator, Membership
    from agreements.services import AgreementEntry, agreement_save
    from entry.services import ConferenceRecord, conference_record

    staff = list(Membership.objects.filter(role=Membership.Role.STAFF).select_related("user", "body"))
    indicator = Indicator.objects.filter(is_main=True).first() or Indicator.objects.first()
    partners = list(Body.objects.exclude(pk__in=[m.body_id for m in staff])[:20])
    for n in range(extra):
        member = staff[n % len(staff)]
        partner = partners[n % len(partners)]
        year = 2016 + n % 9
        agreement = agreement_save(
            agreement=None,
            entry=AgreementEntry(
                data={
                    "kind": Agreement.Kind.PLAN,
                    "number": f"{n + 1}/KH-LT",
                    "title": f"Kế hoạch liên ngành số {n + 1} về bảo đảm an ninh trật tự",
                    "signed_on": datetime.date(year, 1 + n % 12, 1 + n % 28),
                    "period": (year, year + 4),
                    "parties": [member.body, partner],
                }
            ),
            by=member.user,
        )
        conference_record(
            conference=None,
            entry=ConferenceRecord(
                data={
                    "title": f"Hội nghị sơ kết kế hoạch liên ngành số {n + 1} năm {year}",
                    "kind": Conference.Kind.INTERIM_REVIEW,
                    "held_on": datetime.date(year + 1, 1, 1 + n % 28),
                    "hosts": [member.body],
                    "participants": [partner],
                    "reviewed_period": (year, year),
                    "results": "Kết quả phối hợp được đánh giá tại hội nghị.",
                },
                agreements=[{"role": "reviewed", "agreement": agreement}],
                figures=[
                    {"indicator": indicator, "value": 100 + n, "body": member.body},
                    {"indicator": indicator, "value": 1291, "body": partner},
                ],
                submit=True,
            ),
            by=member.user,
        )
    users = get_user_model().objects.filter(memberships__isnull=False).distinct()
    return {
        "leaders": sorted(u.username for u in users.filter(memberships__role=Membership.Role.LEADER)),
        "staff": {m.user.username: m.body_id for m in staff},
        "indicator": indicator.pk,
    }


def _counts():
    from agreements.models import Agreement, Conference, ReportedFigure

    return {model.__name__: model.objects.count() for model in (Agreement, Conference, ReportedFigure)}


def _wait_until_up(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            with urllib.request.urlopen(url + "/login/", timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within a minute")


def _percentile(response_times, share):
    """The response time (ms) under which ``share`` of the requests finished (locust's buckets)."""
    times = sorted((float(ms), count) for ms, count in response_times.items())
    total, seen = sum(count for _ms, count in times), 0
    for ms, count in times:
        seen += count
        if seen >= share * total:
            return ms
    return 0.0


def _stats(path, seconds):
    """``[(name, requests, failures, p50, p99, max, per second)]`` per request kind, then all."""
    path = Path(path)
    path = path if path.exists() else path.with_suffix("")
    entries = json.loads(path.read_text(encoding="utf-8"))
    rows, merged = [], {}
    for entry in sorted(entries, key=lambda e: (e["name"], e["method"])):
        times = entry["response_times"]
        for ms, count in times.items():
            merged[ms] = merged.get(ms, 0) + count
        rows.append(
            (
                f"{entry['method']} {entry['name']}",
                entry["num_requests"],
                entry["num_failures"],
                _percentile(times, 0.5),
                _percentile(times, 0.99),
                entry["max_response_time"],
                entry["num_requests"] / seconds,
            )
        )
    requests = sum(row[1] for row in rows)
    failures = sum(row[2] for row in rows)
    top = max((row[5] for row in rows), default=0)
    rows.append(
        ("**all**", requests, failures, _percentile(merged, 0.5), _percentile(merged, 0.99), top, requests / seconds)
    )
    return rows


def _report(rows, accepted, saved, stray, before, after, args, seconds):
    lines = [
        f"Run of {datetime.datetime.now():%Y-%m-%d %H:%M}: {args.users} users (spawned {args.spawn_rate}/s), "
        f"{args.seconds} s, gunicorn {args.workers} workers on PostgreSQL ({seconds:.0f} s in all, setup included).",
        "",
        "| request | requests | failures | p50 ms | p99 ms | max ms | requests/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, requests, failures, p50, p99, top, rate in rows:
        lines.append(f"| {name} | {requests} | {failures} | {p50:.0f} | {p99:.0f} | {top:.0f} | {rate:.1f} |")
    lines += [
        "",
        f"Entry posts accepted (302): {len(accepted)}; found in the database afterwards: {saved}; "
        f"saved without a 302: {stray}.",
        "Rows before → after: " + ", ".join(f"{k} {before[k]} → {after[k]}" for k in before),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--extra", type=int, default=200, help="conferences and agreements generated beyond the demo")
    args = parser.parse_args()
    if not LOCUST.exists():
        raise SystemExit(f"{LOCUST} is missing: make load installs it (requirements-load.txt)")
    started = time.monotonic()
    signal.alarm(RUN_LIMIT)  # the whole run is bounded, whatever happens

    work = Path(tempfile.mkdtemp(prefix="load-test-"))
    env = _environment(work / "static")
    print(f"== fresh database {DATABASE} on {HOST}", flush=True)
    _fresh_database()
    _setup_django(env)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"== generating {args.extra} more agreements and conferences", flush=True)
    context = _generate(args.extra)
    before = _counts()
    from django.db import connections

    connections.close_all()

    port = _free_port()
    url = f"http://{HOST}:{port}"
    accepted_file = work / "accepted.txt"
    accepted_file.touch()
    print(f"== gunicorn on {url}", flush=True)
    gunicorn = subprocess.Popen(  # noqa: S603 - fixed command line
        [str(GUNICORN), "coordination.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(args.workers)]
        + ["--timeout", "120", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(url, gunicorn)
        print(f"== locust: {args.users} users for {args.seconds} s", flush=True)
        locust_env = {
            **env,
            "LOAD_TEST_CONTEXT": json.dumps(context),
            "LOAD_TEST_ACCEPTED": str(accepted_file),
        }
        subprocess.run(  # noqa: S603 - fixed command line
            [str(LOCUST), "-f", str(ROOT / "scripts" / "locustfile.py"), "--headless", "--host", url]
            + ["--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.seconds}s"]
            + ["--stop-timeout", "10", "--json-file", str(work / "stats"), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT,
            env=locust_env,
            timeout=args.seconds + 120,
            check=False,
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    rows = _stats(work / "stats.json", args.seconds)
    accepted = [line for line in accepted_file.read_text(encoding="utf-8").splitlines() if line]
    from agreements.models import Conference

    saved = Conference.objects.filter(title__in=accepted).count()
    stray = Conference.objects.filter(title__startswith="LOADTEST").exclude(title__in=accepted).count()
    after = _counts()
    print()
    print(_report(rows, accepted, saved, stray, before, after, args, time.monotonic() - started))
    problems = []
    if rows[-1][2]:
        problems.append(f"{rows[-1][2]} requests failed")
    if saved != len(accepted) or stray:
        problems.append(f"accepted {len(accepted)}, saved {saved}, saved but not acknowledged {stray}")
    if after["Conference"] - before["Conference"] != len(accepted):
        problems.append("the number of new conferences differs from the number of accepted entries")
    if problems:
        raise SystemExit("FAILED: " + "; ".join(problems))
    print("\nOK: no failed request; every accepted entry is in the database.")


if __name__ == "__main__":
    main()
