"""The simulated users of bench/load.py (run through it: it writes the plan this reads).

Case workers (the bulk) look at their worklist and cases, add notes, register reports and
record the first triage step (the safety assessment) on reports they registered; policy
officers open the regional dashboard; a partner system sends reports through the API;
an anonymous client requests `/health/`, the framework floor. Every request goes to the
`--host` given by bench/load.py (127.0.0.1). All data sent is synthetic. Every response
time is kept and written, per request name, to VEILIGNET_LOAD_SAMPLES when locust quits:
bench/load.py computes exact percentiles and their uncertainty from them.
"""

import datetime
import itertools
import json
import os
import random
import secrets
from collections import defaultdict

from locust import FastHttpUser, HttpUser, between, constant, events, task

PLAN = json.loads(open(os.environ["VEILIGNET_LOAD_PLAN"]).read())  # noqa: SIM115
SAMPLES = defaultdict(list)  # request name -> response times (ms), failures included
CONCERNS = [
    "Buren horen regelmatig geschreeuw en harde klappen, kinderen huilen.",
    "Leerkracht ziet blauwe plekken bij een leerling en de leerling is stil.",
    "Politie is twee keer uitgerukt na een ruzie tussen ex-partners.",
    "Huisarts maakt zich zorgen over de oudere moeder die door haar zoon wordt verzorgd.",
]


@events.request.add_listener
def _keep_sample(name, response_time, **_kwargs):
    SAMPLES[name].append(response_time)


@events.quitting.add_listener
def _write_samples(**_kwargs):
    with open(os.environ["VEILIGNET_LOAD_SAMPLES"], "w") as handle:
        json.dump(SAMPLES, handle)


def _names(count):
    return random.sample(PLAN["names"], count)


class LoggedInUser(HttpUser):
    """A browser session that passed password and second factor (made by bench/load.py)."""

    abstract = True

    def log_in(self, session_key):
        self.csrf = secrets.token_hex(16)
        self.client.cookies.set("sessionid", session_key, domain="127.0.0.1")
        self.client.cookies.set("csrftoken", self.csrf, domain="127.0.0.1")

    def post_form(self, path, data, name):
        """POST a form; a redirect (302) means the service accepted it."""
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": self.csrf, **data},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")
                return None
            return response.headers["Location"]


class CaseWorker(LoggedInUser):
    """A Veilig Thuis case worker with open cases of her own."""

    weight = 1
    wait_time = between(1, 3)
    accounts = itertools.count()

    def on_start(self):
        self.account = PLAN["case_workers"][next(self.accounts) % len(PLAN["case_workers"])]
        self.log_in(self.account["session"])
        self.registered = []

    @task(4)
    def worklist(self):
        self.client.get("/reports/", name="worklist")

    @task(3)
    def open_case(self):
        self.client.get(f"/cases/{random.choice(self.account['cases'])}/", name="case page")

    @task(1)
    def assign_form(self):
        """'Change' in a worklist row: htmx loads the assign form (colleagues) into it."""
        if self.account["reports"]:
            report = random.choice(self.account["reports"])
            headers = {"HX-Request": "true"}
            self.client.get(f"/reports/{report}/assign/", headers=headers, name="assign form")

    @task(1)
    def add_note(self):
        case = random.choice(self.account["cases"])
        text = "Gesprek gevoerd met moeder; afspraken uit het veiligheidsplan besproken."
        self.post_form(f"/cases/{case}/notes/new/", {"text": text}, "add note")

    @task(1)
    def register_report(self):
        received = datetime.datetime.now() - datetime.timedelta(hours=2)
        (victim_first, victim_last), (child_first, _child_last) = _names(2)
        data = {
            "kind": "report",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "channel": random.choice(PLAN["channels"]),
            "municipality": random.choice(self.account["municipalities"]),
            "reporter_sector": random.choice(PLAN["sectors"]),
            "reporter_anonymous": "on",
            "violence_forms": random.sample(PLAN["violence_forms"], random.choice((1, 2))),
            "concern": random.choice(CONCERNS),
            "persons-TOTAL_FORMS": "2",
            "persons-INITIAL_FORMS": "0",
            "persons-MIN_NUM_FORMS": "0",
            "persons-MAX_NUM_FORMS": "12",
            "persons-0-role": "victim",
            "persons-0-first_name": victim_first,
            "persons-0-last_name": victim_last,
            "persons-1-role": "child",
            "persons-1-first_name": child_first,
            "persons-1-last_name": victim_last,
        }
        location = self.post_form("/reports/new/", data, "register report")
        if location:
            self.registered.append(location)

    @task(1)
    def triage(self):
        if not self.registered:
            return self.register_report()
        report = self.registered.pop()
        data = {
            "risk_factors": random.sample(PLAN["risk_factors"], 2),
            "children_present": "on",
            "judgement": random.choice(PLAN["judgements"]),
            "rationale": "Zorgen over herhaling; kinderen aanwezig bij de incidenten.",
        }
        self.post_form(f"{report}assessments/new/", data, "triage")
        return None


class PolicyOfficer(LoggedInUser):
    """A municipality's policy officer reading the regional dashboard."""

    fixed_count = 2
    wait_time = between(2, 5)

    def on_start(self):
        self.log_in(PLAN["policy_officer"])

    @task
    def dashboard(self):
        self.client.get("/monitoring/", name="dashboard")


def intake(user):
    """A partner organisation's system sends a report in through the API, on a household
    outside the measured region: at the load test's rate (far above the country's, about
    one report a minute) the reports would otherwise pile up on the measured case
    workers' worklist, so that no two runs would measure the same worklist."""
    (first, last), (child, _) = _names(2)
    received = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)
    payload = {
        "kind": "report",
        "received_at": received.isoformat(),
        "channel": "web",
        "municipality": random.choice(PLAN["intake_municipalities"]),
        "reporter": {"sector": "police", "anonymous": False, "name": "Wijkagent"},
        "violence_forms": random.sample(PLAN["violence_forms"], 1),
        "persons": [
            {"role": "victim", "first_name": first, "last_name": last},
            {"role": "child", "first_name": child, "last_name": last},
        ],
        "concern": random.choice(CONCERNS),
    }
    with user.client.post(
        "/api/v1/reports/",
        json=payload,
        headers={"Authorization": f"Token {PLAN['api_token']}"},
        name="api intake",
        catch_response=True,
    ) as response:
        if response.status_code != 201:
            response.failure(f"status {response.status_code}: {response.text[:200]}")


class ApiClient(HttpUser):
    """In the mix: a report every one or two seconds."""

    tasks = [intake]
    fixed_count = 2
    wait_time = between(1, 2)


class ApiIntake(FastHttpUser):
    """Without pauses, on the lighter HTTP client: sustained intake (run on its own)."""

    tasks = [intake]
    wait_time = constant(0)


class Floor(HttpUser):
    """The framework floor: an anonymous request to a view that does no database work."""

    fixed_count = 2
    wait_time = between(1, 3)

    @task
    def health(self):
        self.client.get("/health/", name="floor")
