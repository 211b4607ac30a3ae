"""Profiles: directory search with three or more filters combined, through the gateway, at 10,000
published therapists and (full scale) again after extending the same directory to 100,000, so how
each figure changes with size can be read; matching; and the bulk import."""
from __future__ import annotations

import json
import time
from pathlib import Path

from generate_directory import generate
from harness import Figure, Request, compare, progress

SCALES = {"small": (10_000,), "full": (10_000, 100_000)}
SEARCHES = [  # every one combines three or more filters, as a directory front-end would
    "specialty=trauma&format=video&insurance=60054",
    "specialty=couples-therapy&format=in_person&insurance=62308&near=60622&radius_km=50",
    "issue=relational-trauma&language=es&accepting=true&state=CA",
    "modality=emdr&population=couples&insurance=87726&state=TX&accepting=true",
    "specialty=family-therapy&format=video&state=NY&q=relational",
    "issue=grief&format=phone&insurance=BCBSIL&accepting=true&limit=50",
]

SORTED = [
    "sort=soonest&accepting=true",
    "sort=soonest&format=video&state=CA",
    "sort=soonest&specialty=trauma&format=video&insurance=60054",
    "sort=fee&format=video",
]


def run(ctx) -> list[Figure]:
    url = ctx.stack.env.get("PROFILES_DATABASE_URL") or \
        f"sqlite:///{Path(ctx.stack.env['RAPPORT_VAR_DIR']) / 'profiles.db'}"
    figures: list[Figure] = []
    have, smaller = 0, None
    for count in SCALES[ctx.scale]:
        started = time.perf_counter()
        generate(url, count - have, first=have)
        figures.append(progress(Figure(f"profiles: generate {count - have:,} published therapists ({count // 1000}k in all)",
                              rps=(count - have) / (time.perf_counter() - started), unit="rows/s",
                              note="bench/generate_directory.py: COPY on PostgreSQL, no events; VACUUM ANALYZE after")))
        searches = _searches(ctx, url, count)
        if smaller is not None:
            compare(searches, smaller, f"at {have // 1000}k")
        figures += searches
        have, smaller = count, searches
    return [*figures, _matcher(ctx), *_bulk_import(ctx)]


def _searches(ctx, url: str, count: int) -> list[Figure]:
    size = f"{count // 1000}k"
    in_process = _in_process_search(ctx, url, size)
    mixed = ctx.load(f"profiles: search {size}, 3-5 filters (gateway)",
                     lambda i: Request("GET", f"/v1/therapists?{SEARCHES[i % len(SEARCHES)]}"), key="search-filters")
    mixed.note = f"six query shapes in turn (terms, radius, full text), at the origin; {mixed.note}"
    cache = ctx.load(f"profiles: search {size}, 3-5 filters, shared cache (gateway)",
                     lambda i: Request("GET", f"/v1/therapists?{SEARCHES[i % len(SEARCHES)]}"), cached=True)
    cache.note = f"the same, answered by the gateway's shared cache of public reads when it may; {cache.note}"
    single = ctx.load(f"profiles: search {size}, 3-5 filters, 1 client (gateway)",
                      lambda i: Request("GET", f"/v1/therapists?{SEARCHES[i % len(SEARCHES)]}"), concurrency=1)
    single.note = f"latency without queueing behind other clients on this 2-core machine; {single.note}"
    radius = ctx.load(f"profiles: search {size}, radius + 3 filters (gateway)",
                      lambda i: Request("GET", f"/v1/therapists?{SEARCHES[1]}"), key="search-radius")
    paged = ctx.load(f"profiles: search {size}, page 2 by cursor (gateway)", _second_page(ctx, SEARCHES[0]))
    soonest = ctx.load(f"profiles: search {size}, sort=soonest and by fee (gateway)",
                       lambda i: Request("GET", f"/v1/therapists?{SORTED[i % len(SORTED)]}"))
    soonest.note = f"a front end's 'soonest available' and 'lowest fee' lists, broad and narrow; {soonest.note}"
    match = ctx.load(f"profiles: POST /v1/matches over {size} (gateway)", lambda i: Request(
        "POST", "/v1/matches", body={"concerns": MATCHED[i % len(MATCHED)]["text"],
                                     "format": "video", "payer_id": "60054", "state": "IL"}), key="matches")
    match.note = f"the evaluation phrasings in turn: words -> terms, up to 150 candidates ranked in Python; {match.note}"
    return [in_process, mixed, cache, single, radius, paged, soonest, match]


PHRASINGS = [json.loads(line) for line in
             (Path(__file__).resolve().parents[2] / "tests/unit/profiles/data/phrasings.jsonl").read_text().splitlines()]
# The match figure's requests stay the phrasings it was first measured with (batches up to 10), so it
# compares across runs; later batches, with longer texts and more concerns each, would change the load.
MATCHED = [row for row in PHRASINGS if row.get("batch", 0) <= 10]


def _matcher(ctx) -> Figure:
    """A client's words -> terms, in process: latency per phrasing, and the evaluation set's score."""
    from profiles.domain.understanding import scored, understand

    understand("warm up")  # builds the lexicon once, as the first request would
    counter = iter(range(10**9))
    figure = ctx.timed("profiles: matcher, client words -> terms (in process)",
                       lambda: understand(PHRASINGS[next(counter) % len(PHRASINGS)]["text"]), 1000,
                       unit="texts/s")
    scores = []
    for split in ("dev", "holdout"):
        recall, precision = scored([row for row in PHRASINGS if row["split"] == split])
        trained = " (the second reading is trained on it)" if split == "dev" else ""
        scores.append(f"{split}{trained}: recall {recall:.1%}, spurious {1 - precision:.1%}")
    # The honest figure for words never seen: the held-out rows of the batches written blind.
    recall, precision = scored([row for row in PHRASINGS if row.get("batch", 0) >= 11 and row["split"] == "holdout"])
    scores.append(f"written blind, holdout: recall {recall:.1%}, spurious {1 - precision:.1%}")
    figure.note = "goal p95 < 50 ms; " + "; ".join(scores)
    return figure


IMPORT_ROWS = 1000


def _bulk_import(ctx) -> list[Figure]:
    """`POST /v1/therapists/import` of 1,000 therapists with licenses: checking only, then creating."""
    counter = iter(range(10**9))

    def rows() -> list[dict]:
        batch = next(counter)
        return [{"first_name": "Bench", "last_name": f"Import-{batch}-{n}", "credentials": "LCSW",
                 "specialties": ["couples-therapy"], "formats": ["video"],
                 "license": {"type": "lcsw", "number": f"B{batch}-{n}", "state": "IL", "expires_on": "2030-01-01"}}
                for n in range(IMPORT_ROWS)]

    def post(dry_run: bool):
        def one() -> None:
            response = ctx.gateway.post("/v1/therapists/import", ctx.staff_token,
                                        json={"rows": rows(), "dry_run": dry_run})
            assert response.status_code in (200, 201), response.text[:300]
        return one

    figures = []
    for dry_run, what in ((True, "check"), (False, "create")):
        figure = ctx.timed(f"profiles: import {IMPORT_ROWS:,} therapists, {what} (gateway)", post(dry_run), 5,
                           unit="rows/s", key="import-create" if not dry_run else None)
        figure.rps *= IMPORT_ROWS  # timed() counts imports; a row is the unit people reason in
        figure.note = f"latencies are per import of {IMPORT_ROWS:,} rows, one transaction each"
        figures.append(figure)
    return figures


def _second_page(ctx, query: str):
    cursor = ctx.gateway.get(f"/v1/therapists?{query}").json()["next_cursor"]
    return lambda i: Request("GET", f"/v1/therapists?{query}&cursor={cursor}")


def _in_process_search(ctx, url: str, size: str) -> Figure:
    """The same searches through the service layer, no HTTP: what the database and Python cost."""
    from urllib.parse import parse_qsl

    from profiles.api.profile_schemas import SearchArgs
    from profiles.config import ProfilesSettings
    from profiles.service_layer.search import search_directory
    from profiles.service_layer.unit_of_work import UnitOfWork
    from rapport_shared.db import Database

    database = Database(url, ProfilesSettings.CUSTOM_PLANS)
    schema = SearchArgs()  # the arguments exactly as the API hands them to the service layer
    queries = []
    for query in SEARCHES:
        raw: dict[str, list[str]] = {}
        for name, value in parse_qsl(query):
            raw.setdefault(name, []).append(value)
        queries.append(schema.load({name: _typed(schema.fields[name], values) for name, values in raw.items()}))
    counter = iter(range(10**9))

    def one() -> None:
        args = queries[next(counter) % len(queries)]
        with database.reader() as session:
            search_directory(UnitOfWork(session, "bench"), dict(args), args["limit"])

    for _ in range(len(queries)):
        one()  # warm caches and the connection pool
    figure = ctx.timed(f"profiles: search {size}, 3-5 filters (in process)", one, 300, unit="searches/s",
                       note="service layer + SQL, one connection, no HTTP")
    database.dispose()
    return figure


def _typed(field, values: list[str]):
    """A query string's values as the API's parser passes them to its schema."""
    from marshmallow import fields

    if isinstance(field, fields.List):
        return values
    if isinstance(field, fields.Boolean):
        return values[0] == "true"
    if isinstance(field, fields.Number):
        return float(values[0]) if isinstance(field, fields.Float) else int(values[0])
    return values[0]
