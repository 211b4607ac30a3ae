"""Server time per page of the practice console, signed in as the demo staff member, with the demo data.

`response.elapsed` runs from sending the request to reading the answer's headers: the console's own
time plus its calls to the API through the gateway. One client at a time: this is a page's time, not
the console's throughput. The goal is p95 under 100 ms per page.
"""
from __future__ import annotations

import re
import statistics
import time

import requests
from harness import Figure
from support.http import DEMO_STAFF

PAGES = ("/console/", "/console/therapists/", "/console/clients/", "/console/claims/", "/console/payments/",
         "/console/reports/")
ROUNDS = 40


def signed_in(gateway: str, who: tuple[str, str]) -> requests.Session:
    """A session signed in through the sign-in form, CSRF token included, as a browser would."""
    session = requests.Session()
    form = session.get(f"{gateway}/console/sign-in", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, "no CSRF token on the sign-in page"
    answer = session.post(f"{gateway}/console/sign-in", timeout=10, allow_redirects=False,
                          data={"csrf_token": token.group(1), "email": who[0], "password": who[1]})
    assert answer.status_code == 302, answer.text[:200]
    return session


def run(ctx) -> list[Figure]:
    session = signed_in(ctx.stack.url, DEMO_STAFF)
    figures = []
    for path in PAGES:
        session.get(ctx.stack.url + path, timeout=10)  # warm-up
        times, errors = [], 0
        started = time.perf_counter()
        for _ in range(ROUNDS):
            response = session.get(ctx.stack.url + path, timeout=10)
            errors += response.status_code != 200
            times.append(response.elapsed.total_seconds() * 1000)
        cuts = statistics.quantiles(times, n=100)
        figures.append(Figure(f"console: GET {path} (one client)", ROUNDS / (time.perf_counter() - started),
                              p50_ms=statistics.median(times), p95_ms=cuts[94], p99_ms=cuts[98],
                              requests=ROUNDS, errors=errors, note="goal: p95 < 100 ms"))
    return figures
