"""Server time per console page, for `make bench`: a signed-in browser's requests, timed to the answer.

    from support.console_bench import page_times
    page_times(stack.url, DEMO_STAFF)  # {"/console/": 41.2, ...}: p95 milliseconds per page

`response.elapsed` runs from sending the request to parsing the answer's headers: the console's
own time plus its calls to the API through the gateway (the page body is not downloaded twice).
"""
from __future__ import annotations

import re
import statistics

import requests

PAGES = ("/console/", "/console/therapists/", "/console/clients/", "/console/claims/", "/console/payments/",
         "/console/reports/")


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


def page_times(gateway: str, who: tuple[str, str], pages: tuple[str, ...] = PAGES, rounds: int = 40) -> dict[str, float]:
    """p95 milliseconds of each page over `rounds` requests, after one warm-up request each."""
    session = signed_in(gateway, who)
    figures = {}
    for path in pages:
        session.get(gateway + path, timeout=10)
        times = []
        for _ in range(rounds):
            response = session.get(gateway + path, timeout=10)
            assert response.status_code == 200, (path, response.status_code)
            times.append(response.elapsed.total_seconds() * 1000)
        figures[path] = statistics.quantiles(times, n=20)[-1]
    return figures
