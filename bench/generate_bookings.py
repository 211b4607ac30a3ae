"""Fill a booking database with clients and screening calls, fast, for the booking benchmark at scale.

    python bench/generate_bookings.py --database-url postgresql+psycopg://.../booking \\
        --consultations 1000000 --clients 100000 --phi-key-file var/keys/booking-phi.key

Bulk inserts straight into the tables (COPY on PostgreSQL, executemany on SQLite) with the rows the
service itself writes when a call is booked: the client, the consultation, its primary attendee, and
the reservation of the therapist's time while the call holds it (requested, confirmed; completed and
no-show calls keep theirs, as the service does). Each therapist's calls sit on distinct 15-minute
slots, so the exclusion constraint (PostgreSQL) and the slot claims (SQLite) accept every row.

Nothing reaches the outbox and no reminder is scheduled: billing, profiles and the mail sink never
hear of these made-up people. The made-up therapists are unlisted, so the periodic summary job
leaves them alone; `history_for` adds past calls to therapists that exist already (the ones a
benchmark measures) without touching their future, so the figures measured before and after the
load answer the same question over bigger tables. The database must be migrated first.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

BATCH = 50_000
SLOT_MIN = 15
SLOTS_PER_DAY = 40  # 08:00-18:00 UTC, the calls' grid
PAST_DAYS, FUTURE_DAYS = 730, 60
FIRST = ("Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jules", "Kendall", "Linden", "Marlow",
         "Noel", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Tatum", "Wren", "Yael")
LAST = ("Ashdown", "Brightwater", "Coldridge", "Dunmore", "Elsworth", "Fairbank", "Greyholt", "Hollins", "Ivesdale",
        "Kestrel", "Larchmont", "Merriweather", "Northam", "Oldcastle", "Pemberly", "Quarrington", "Rookwood",
        "Stillwater", "Thornbury", "Underhill")
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
PAST = (("completed", 70), ("cancelled", 10), ("no_show", 5), ("declined", 5), ("expired", 10))
FUTURE = (("confirmed", 70), ("requested", 15), ("cancelled", 15))
HOLDING = {"requested", "confirmed", "completed", "no_show"}  # statuses whose reservation the service keeps


def generate(database_url: str, consultations: int = 1_000_000, clients: int = 100_000, therapists: int = 500,
             practices: int = 50, history_for: Sequence[tuple[str, str]] = (), sealed_concerns: str | None = None,
             seed: int = 11) -> float:
    """Insert `clients` clients and `consultations` calls over `therapists` made-up therapists (plus past
    calls for each (therapist_id, practice_id) of `history_for`); returns the seconds it took."""
    from sqlalchemy import create_engine, insert, text

    from booking.adapters import orm
    from booking.adapters.reservations import buckets

    rng = random.Random(seed)
    started = time.perf_counter()
    engine = create_engine(database_url)
    is_pg = engine.dialect.name == "postgresql"
    now = dt.datetime.now(dt.timezone.utc)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    grid_start = today - dt.timedelta(days=PAST_DAYS)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    practice_ids = [new_id() for _ in range(practices)]
    made_up = [(new_id(), practice_ids[n % practices]) for n in range(therapists)]
    with engine.begin() as conn:
        conn.execute(insert(orm.therapists), [
            {"id": tid, "practice_id": pid, "display_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}, LMFT",
             "time_zone": "America/Chicago", "listed": False, "version": 1, "updated_at": now}
            for tid, pid in made_up])
        conn.execute(insert(orm.availability), [
            {"therapist_id": tid, "timezone": "America/Chicago", "exceptions": [], "version": 1, "updated_at": now,
             "weekly": [{"weekday": d, "start": "09:00", "end": "17:00"} for d in range(5)],
             "settings": {"duration_min": SLOT_MIN, "buffer_min": 5, "min_notice_min": 720, "horizon_days": 28,
                          "daily_cap": None, "formats": ["video", "phone"], "booking_mode": "instant",
                          "request_hold_min": 1440, "cancel_notice_min": 240, "reschedule_notice_min": 240}}
            for tid, _ in made_up])

    everyone = made_up + list(history_for)
    per_practice: dict[str, list[str]] = {}
    for _, pid in everyone:
        per_practice.setdefault(pid, [])
    # Clients in proportion to each practice's therapists, so every call's client is of its practice.
    weights = {pid: sum(1 for _, p in everyone if p == pid) for pid in per_practice}
    client_rows = []
    for pid, weight in weights.items():
        for _ in range(max(1, clients * weight // len(everyone))):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            cid = new_id()
            per_practice[pid].append(cid)
            created = grid_start + dt.timedelta(minutes=rng.randrange(PAST_DAYS * 24 * 60))
            client_rows.append({
                "id": cid, "practice_id": pid, "first_name": first, "last_name": last,
                "email": f"client-{cid[:8]}@example.com", "phone": None, "timezone": rng.choice(ZONES),
                "date_of_birth": None, "sex": None, "address": None, "consent_email": True, "consent_sms": False,
                "consent_voicemail": False, "version": 1, "created_at": created, "updated_at": created,
                "registered_at": created if rng.random() < 0.6 else None})
    _write(engine, is_pg, orm.clients, client_rows)
    names = {row["id"]: (f"{row['first_name']} {row['last_name']}", row["email"], row["timezone"])
             for row in client_rows}
    del client_rows

    per_therapist = consultations // len(everyone)
    rows: dict[str, list[dict]] = {"consultations": [], "attendees": [], "reservations": [], "slot_claims": []}
    written = 0
    for index, (tid, pid) in enumerate(everyone):
        past_only = index >= len(made_up)  # a measured therapist: its future stays as the benchmark left it
        days = PAST_DAYS if past_only else PAST_DAYS + FUTURE_DAYS
        count = per_therapist + (1 if index < consultations - per_therapist * len(everyone) else 0)
        for slot in rng.sample(range(days * SLOTS_PER_DAY), count):
            day, position = divmod(slot, SLOTS_PER_DAY)
            start = grid_start + dt.timedelta(days=day, hours=8, minutes=SLOT_MIN * position)
            future = start > now
            status = _pick(rng, FUTURE if future else PAST)
            created = start - dt.timedelta(hours=rng.randrange(12, 24 * 20))
            cid = rng.choice(per_practice[pid])
            name, email, zone = names[cid]
            consultation_id = new_id()
            written += 1
            rows["consultations"].append({
                "id": consultation_id, "practice_id": pid, "therapist_id": tid, "client_id": cid,
                "start_at": start, "end_at": start + dt.timedelta(minutes=SLOT_MIN),
                "format": "video" if rng.random() < 0.8 else "phone", "status": status,
                "hold_expires_at": now + dt.timedelta(days=2) if status == "requested" else None,
                "status_reason": None, "suggested_therapist_id": None, "concerns_sealed": sealed_concerns,
                "manage_token_hash": hashlib.sha256(f"bench-{seed}-{written}".encode()).hexdigest(),
                "version": 1 if status in ("requested", "confirmed") else 2,
                "created_at": created, "updated_at": min(now, start) if not future else created})
            rows["attendees"].append({
                "id": new_id(), "consultation_id": consultation_id, "position": 0, "is_primary": True, "name": name,
                "email": email, "phone": None, "timezone": zone, "relationship": None, "consent_email": True,
                "consent_sms": False, "consent_voicemail": False})
            if status in HOLDING:
                reservation_id = new_id()
                end = start + dt.timedelta(minutes=SLOT_MIN)
                rows["reservations"].append({
                    "id": reservation_id, "therapist_id": tid, "start_at": start, "end_at": end,
                    "holder": "consultation", "holder_id": consultation_id})
                if not is_pg:
                    rows["slot_claims"] += [{"therapist_id": tid, "minute_bucket": b, "reservation_id": reservation_id}
                                            for b in buckets(start, end)]
            if len(rows["consultations"]) >= BATCH:
                _flush(engine, is_pg, orm, rows)
    _flush(engine, is_pg, orm, rows)
    # Fresh tables: set the visibility map and statistics now, not in autovacuum during the benchmark.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if is_pg else "ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([s for s, _ in weighted], [w for _, w in weighted])[0]


def _flush(engine, is_pg: bool, orm, rows: dict[str, list[dict]]) -> None:
    tables = (orm.consultations, orm.attendees, orm.reservations, orm.slot_claims)
    with engine.begin() as conn:
        for table in tables:
            _insert(conn, is_pg, table, rows[table.name])
    for table in tables:
        rows[table.name].clear()


def _write(engine, is_pg: bool, table, rows: list[dict]) -> None:
    for offset in range(0, len(rows), BATCH):
        with engine.begin() as conn:
            _insert(conn, is_pg, table, rows[offset:offset + BATCH])


def _insert(conn, is_pg: bool, table, rows: list[dict]) -> None:
    from sqlalchemy import insert

    if not rows:
        return
    if not is_pg:
        conn.execute(insert(table), rows)
        return
    columns = list(rows[0])
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def seal_concerns(key: bytes) -> str:
    """One sealed concerns value, as a booking form would leave it, for every generated call."""
    from booking.adapters.sealing import Sealer

    return Sealer(key).seal({"concerns": "Feeling stuck at work and sleeping badly; would like to talk it through.",
                             "questions": ["how_you_may_help", "process"], "other_questions": None})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--consultations", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--therapists", type=int, default=500)
    parser.add_argument("--phi-key-file", type=Path, help="booking's PHI key, to seal each call's concerns")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    sealed = seal_concerns(args.phi_key_file.read_bytes().strip()) if args.phi_key_file else None
    seconds = generate(args.database_url, args.consultations, args.clients, args.therapists,
                       sealed_concerns=sealed, seed=args.seed)
    print(f"{args.consultations} consultations, {args.clients} clients in {seconds:.1f} s")


if __name__ == "__main__":
    main()
