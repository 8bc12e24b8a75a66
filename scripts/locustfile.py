"""Locust users for scripts/load_test.py: leaders reading, staff reading and entering conferences.

Run through scripts/load_test.py, which starts the app and passes LOAD_TEST_CONTEXT (JSON:
the demo accounts, their bodies, an indicator) and LOAD_TEST_ACCEPTED (a file to which
every accepted entry's title is appended, to check afterwards that each one was saved).
"""

import json
import os
import random
import re
import uuid

from locust import HttpUser, between, task

CONTEXT = json.loads(os.environ["LOAD_TEST_CONTEXT"])
ACCEPTED = os.environ["LOAD_TEST_ACCEPTED"]
PASSWORD = "demo"  # noqa: S105 - the demo accounts' published password
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCHES = ["ben tre", "quy che phoi hop", "công đoàn", "an ninh", "hai phong", "thai binh", "2019"]


def _csrf(response):
    match = CSRF.search(response.text)
    return match.group(1) if match else ""


class _Reader(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    username = None

    def on_start(self):
        page = self.client.get("/login/", name="login page")
        with self.client.post(
            "/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page), "next": "/"},
            name="login",
            catch_response=True,
        ) as response:
            # A successful login ends on the dashboard; a refused one shows the login page again.
            if "/login/" in response.url:
                response.failure(f"login as {self.username} failed")

    @task(4)
    def dashboard(self):
        year = random.randint(2016, 2024)  # noqa: S311 - load mix, not cryptography
        self.client.get(random.choice(["/", f"/?year_from={year - 4}&year_to={year}"]), name="dashboard")  # noqa: S311

    @task(4)
    def lists(self):
        path = random.choice(["/agreements/", "/conferences/", "/awards/decisions/", "/bodies/", "/people/"])  # noqa: S311
        self.client.get(path, name="list")

    @task(3)
    def search(self):
        path = random.choice(["/agreements/", "/conferences/", "/people/"])  # noqa: S311
        self.client.get(path, params={"q": random.choice(SEARCHES)}, name="search")  # noqa: S311

    @task(1)
    def export(self):
        kind = random.choice(["agreements", "conferences", "decisions"])  # noqa: S311
        fmt = random.choice(["csv", "xlsx", "json"])  # noqa: S311
        self.client.get(f"/exports/{kind}.{fmt}", params={"q": random.choice(SEARCHES)}, name="export")  # noqa: S311


class Leader(_Reader):
    weight = 2

    def on_start(self):
        self.username = random.choice(CONTEXT["leaders"])  # noqa: S311
        super().on_start()

    @task(1)
    def report_page(self):
        self.client.get("/reports/summary/", name="report page")


class Staff(_Reader):
    weight = 3

    def on_start(self):
        self.username, self.body = random.choice(list(CONTEXT["staff"].items()))  # noqa: S311
        super().on_start()

    @task(2)
    def lookup(self):
        path = random.choice(["/lookup/bodies/", "/lookup/people/", "/lookup/agreements/"])  # noqa: S311
        self.client.get(path, params={"q": random.choice(SEARCHES)}, name="lookup")  # noqa: S311

    @task(3)
    def enter_a_conference(self):
        """The entry page, then a valid conference with two figures, as staff type it."""
        page = self.client.get("/conferences/new/", name="entry page")
        title = f"LOADTEST {uuid.uuid4().hex[:12]}"
        data = {
            "csrfmiddlewaretoken": _csrf(page),
            "title": title,
            "kind": "interim_review",
            "held_on": f"{random.randint(1, 28)}-{random.randint(1, 12)}-2024",  # noqa: S311
            "hosts": [str(self.body)],
            "reviewed_period": "năm 2023",
            "results": "Kết quả phối hợp được đánh giá tại hội nghị.",
            "action": random.choice(["draft", "submit"]),  # noqa: S311
        }
        for prefix in ("agreements", "people", "figures", "commendations"):
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        data["figures-TOTAL_FORMS"] = "2"
        for index, value in enumerate(("1.291", "126 ngàn")):
            data.update(
                {
                    f"figures-{index}-indicator": str(CONTEXT["indicator"]),
                    f"figures-{index}-value": value,
                    f"figures-{index}-body": str(self.body),
                }
            )
        with self.client.post(
            "/conferences/new/", data, name="entry post", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302 and re.search(r"/conferences/\d+/$", response.headers.get("Location", "")):
                with open(ACCEPTED, "a", encoding="utf-8") as accepted:
                    accepted.write(title + "\n")
                response.success()
            else:
                response.failure(f"entry not accepted: {response.status_code}")
