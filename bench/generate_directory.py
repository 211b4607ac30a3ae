"""Fill a profiles database with N published therapists, fast, for the search benchmark.

    python bench/generate_directory.py --database-url postgresql+psycopg://.../profiles --count 100000

Bulk inserts straight into the tables (COPY on PostgreSQL), with the same search rows the service
writes when it publishes; no events are written (nothing reaches the outbox), so booking and billing
never hear of these made-up people. The database must be migrated first (`rapport-profiles migrate`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))

from directory_data import PAYERS, make_profile  # noqa: E402

BATCH = 5000


def generate(database_url: str, count: int, seed: int = 7, practices: int = 200, first: int = 0) -> float:
    """Insert `count` published therapists in `practices` practices; returns the seconds it took.

    `first` extends a directory generated before (10k, then 90k more to reach 100k): numbering and
    licence numbers go on from there, into the practices the first call made."""
    from sqlalchemy import create_engine, insert, text

    from profiles.adapters import orm, zips
    from profiles.domain.geo import unit_vector
    from profiles.domain.search import profile_document, profile_terms
    from profiles.domain.therapists import Therapist

    rng = random.Random(seed)
    practice_ids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(practices)]
    if first:
        rng = random.Random(f"{seed}/{first}")  # new ids, the same practices
    openings = random.Random(f"{seed}/openings/{first}")  # apart, so the profiles are as before
    started = time.perf_counter()
    places = [p for p in zips.all_places() if p.time_zone]
    engine = create_engine(database_url)
    is_pg = engine.dialect.name == "postgresql"
    now = dt.datetime.now(dt.timezone.utc)
    if not first:
        with engine.begin() as conn:
            conn.execute(insert(orm.practices), [
                {"id": pid, "name": f"Bench Practice {n}", "time_zone": "America/Chicago", "address": {},
                 "version": 1, "created_at": now, "updated_at": now} for n, pid in enumerate(practice_ids)])
    for offset in range(first, first + count, BATCH):
        therapists, licenses, terms, locations, summaries, slots = [], [], [], [], [], []
        for n in range(offset, min(first + count, offset + BATCH)):
            place = rng.choice(places)
            profile = make_profile(rng, n, place)
            therapist_id = str(uuid.UUID(int=rng.getrandbits(128)))
            view = Therapist(id=therapist_id, practice_id="", created_at=now, updated_at=now,
                             **{k: v for k, v in profile.items() if not k.startswith("_")})
            row = {**profile, "id": therapist_id, "practice_id": rng.choice(practice_ids), "status": "published",
                   "status_reason": None, "published_at": now, "version": 2, "created_at": now, "updated_at": now,
                   "shuffle": rng.randrange(2**31), "search_document": profile_document(view)}
            therapists.append(row)
            licenses.append({"id": str(uuid.UUID(int=rng.getrandbits(128))), "therapist_id": therapist_id,
                             "type": profile["_license"], "number": f"{place.state}-{n:07d}", "state": place.state,
                             "expires_on": dt.date.today() + dt.timedelta(days=rng.randrange(30, 900)),
                             "status": "active", "verified_at": now, "verified_by": "bench", "created_at": now})
            found = profile_terms(view) | {f"state:{place.state}"}
            row["terms"] = sorted(found)
            terms += [{"term": term, "therapist_id": therapist_id} for term in found]
            # Booking's summary for three in four: five free screening slots in the next two weeks, so
            # `accepting` and `sort=soonest` have real work (the others have no summary, as before a first one).
            if openings.random() < 0.75:
                hour = now.replace(minute=0, second=0, microsecond=0)
                starts = sorted({(hour + dt.timedelta(hours=openings.randrange(1, 14 * 24))).isoformat()
                                 for _ in range(5)})
                summaries.append({"therapist_id": therapist_id, "practice_id": row["practice_id"],
                                  "timezone": place.time_zone, "booking_mode": "request", "formats": profile["formats"],
                                  "next_slots": starts, "computed_at": now, "version": 1})
                slots += [{"therapist_id": therapist_id, "starts_at": start} for start in starts]
            for loc in profile["locations"]:
                x, y, z = unit_vector(loc["lat"], loc["lon"])
                locations.append({"therapist_id": therapist_id, "lat": loc["lat"], "lon": loc["lon"],
                                  "x": x, "y": y, "z": z})
        for row in therapists:
            row.pop("_license")
        with engine.begin() as conn:
            if is_pg:
                _copy(conn, orm.therapists, therapists)
                _copy(conn, orm.licenses, licenses)
                _copy(conn, orm.directory_terms, terms)
                _copy(conn, orm.directory_locations, locations)
                _copy(conn, orm.availability_summaries, summaries)
                _copy(conn, orm.summary_slots, slots)
            else:
                for table, rows in ((orm.therapists, therapists), (orm.licenses, licenses),
                                    (orm.directory_terms, terms), (orm.directory_locations, locations),
                                    (orm.availability_summaries, summaries), (orm.summary_slots, slots)):
                    if rows:
                        conn.execute(insert(table), rows)
    # Fresh tables: set the visibility map and statistics now, not in autovacuum during the benchmark.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if is_pg else "ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def _copy(conn, table, rows: list[dict]) -> None:
    """COPY rows in (the tsvector column takes the normalised words as its literal)."""
    if not rows:
        return
    columns = [c.name for c in table.c if c.name in rows[0]]
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_copy_value(c, v) for c, v in ((c, row[c]) for c in columns)])


def _copy_value(column: str, value):
    if column == "terms":
        return value  # text[]: psycopg writes the array literal
    return json.dumps(value) if isinstance(value, (list, dict)) else value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--first", type=int, default=0, help="extend a directory of this many generated before")
    args = parser.parse_args()
    seconds = generate(args.database_url, args.count, args.seed, first=args.first)
    print(f"{args.count} published therapists in {seconds:.1f} s ({PAYERS[0]} and {len(PAYERS) - 1} more payers)")


if __name__ == "__main__":
    main()
