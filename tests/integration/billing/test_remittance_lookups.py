"""An 835's claims are looked up with a fixed number of statements per file, not per claim, so a file of
thousands of claims holds billing's write transaction only as long as posting them takes. Those it names only by
the payer's number are found by that number's index; each claim is saved by an UPDATE built once, its values as
parameters; each coverage is read once and written at most twice, however many of its claims the file holds.
Both databases."""
import re
import uuid
from typing import Any

import pytest
from sqlalchemy import Update, event, func, insert, inspect, select
from support.billing_835 import remittance_835, session_clp

from billing.adapters import orm
from billing.adapters.repositories import IN_CHUNK, ClaimRepository, CoverageRepository
from billing.domain.claims import patient_control_number
from rapport_shared.errors import ChangedMeanwhile

ADJUSTMENTS = [("CO", "45", 4000), ("PR", "1", 5000), ("PR", "2", 1200)]


def copies_of(world, claim_id: str, n: int) -> list[dict]:
    """n more submitted claims like this one, each with a payer claim number (written as rows: the API would
    take minutes for hundreds)."""
    with world.database.transaction() as session:
        row = session.execute(select(orm.claims).where(orm.claims.c.id == claim_id)).one()._asdict()
        top = session.scalar(select(func.max(orm.claims.c.seq)))
        rows = []
        for seq in range(top + 1, top + 1 + n):
            id_ = str(uuid.uuid4())
            rows.append({**row, "id": id_, "seq": seq, "patient_control_number": patient_control_number(id_),
                         "payer_claim_number": f"PMH-{seq}"})
        session.execute(insert(orm.claims), rows)
    return rows


def statements_while(world, act, *args) -> tuple[Any, list[str]]:
    """What act(*args) returns, and the statements it ran."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(world.database.engine, "before_cursor_execute", record)
    try:
        return act(*args), seen
    finally:
        event.remove(world.database.engine, "before_cursor_execute", record)


def post(world, text: str) -> dict:
    return world.ok(world.client.post("/v1/remittances", headers={**world.staff_a, "Content-Type": "text/plain"},
                                      data=text))


def claim_lookups(statements: list[str]) -> list[str]:
    """Reads of claims by patient control number or payer claim number (not by id)."""
    return [s for s in statements if re.search(r"\bFROM claims\b", s)
            and re.search(r"claims\.(patient_control_number|payer_claim_number)\b", s.partition("WHERE")[2])]


def file_of(rows: list[dict]) -> str:
    """Every other claim named by its control number, the rest only by the payer's number; one unknown."""
    clps = [session_clp(row["patient_control_number"] if n % 2 else f"X{n}", row["payer_claim_number"], 4800,
                        ADJUSTMENTS) for n, row in enumerate(rows)]
    return remittance_835(clps + [session_clp("UNKNOWN", "NOPE", 4800, ADJUSTMENTS)])


def test_the_lookups_per_file_do_not_grow_with_its_claims(world):
    rows = copies_of(world, world.submit_session(world.add_client()), 210)
    lookups = {}
    for few_or_many in (rows[:10], rows[10:]):
        answer, statements = statements_while(world, post, world, file_of(few_or_many))
        assert answer["summary"] == {"posted": len(few_or_many), "duplicate": 0, "unmatched": 1}
        assert [c["claim_id"] for c in answer["claims"]] == [row["id"] for row in few_or_many] + [None]
        lookups[len(few_or_many)] = len(claim_lookups(statements))
    # Per claim, the old way: one statement (found by control number) to three (found by payer number).
    assert lookups[200] == lookups[10] <= 2, lookups


def test_numbers_are_looked_up_in_chunks_the_database_takes(world):
    rows = copies_of(world, world.submit_session(world.add_client()), IN_CHUNK * 2 + 100)
    numbers = [row["patient_control_number"] for row in rows] + ["NOPE"]
    with world.database.reader() as session:
        claims = ClaimRepository(session)
        found, statements = statements_while(world, claims.with_control_numbers, numbers, world.practice_a)
        assert sorted(c.id for c in found) == sorted(row["id"] for row in rows)
        assert len(claim_lookups(statements)) == 3
        assert claims.with_control_numbers(numbers, world.practice_b) == []
        assert len(claims.with_control_numbers(numbers, None)) == len(rows)
        by_payer = claims.with_payer_claim_numbers([row["payer_claim_number"] for row in reversed(rows)],
                                                   world.practice_a)
        assert [c.id for c in by_payer] == [row["id"] for row in rows]  # oldest (seq) first


def updates_while(world, act, *args) -> dict:
    """The UPDATE statements (the objects executed) of each table while act(*args) runs."""
    seen: dict = {}

    def record(conn, clauseelement, multiparams, params, execution_options):
        if isinstance(clauseelement, Update):
            seen.setdefault(clauseelement.table.name, []).append(clauseelement)

    event.listen(world.database.engine, "before_execute", record)
    try:
        act(*args)
    finally:
        event.remove(world.database.engine, "before_execute", record)
    return seen


def test_a_files_claims_are_saved_by_one_update_built_once_and_their_coverage_written_twice(world):
    claim_id = world.submit_session(world.add_client())
    rows = copies_of(world, claim_id, 20)  # all of one coverage
    coverage_id = rows[0]["coverage_id"]
    answers = []
    updates = updates_while(world, lambda: answers.append(post(world, file_of(rows))))
    assert answers[0]["summary"] == {"posted": 20, "duplicate": 0, "unmatched": 1}
    # Built per row, each UPDATE made a bound literal of every value and its cache key again.
    assert len(updates["claims"]) == 20 and len({id(statement) for statement in updates["claims"]}) == 1
    assert len(updates["coverages"]) == 2  # over the version read, as the first claim posts; then the rest at once
    with world.database.reader() as session:
        coverage = CoverageRepository(session).get(coverage_id)
        assert coverage is not None
        assert (coverage.deductible_met_cents, coverage.oop_met_cents) == (20 * 5000, 20 * 6200)
        assert {c.status for c in ClaimRepository(session).among(row["id"] for row in rows)} == {"paid"}


def test_a_claim_or_coverage_saved_over_a_version_no_longer_stored_is_refused(world):
    claim_id = world.submit_session(world.add_client())
    with world.database.transaction() as session:
        claims, coverages = ClaimRepository(session), CoverageRepository(session)
        claim = claims.get(claim_id)
        assert claim is not None
        coverage = coverages.get(claim.coverage_id)
        assert coverage is not None
        for repository, stored in ((claims, claim), (coverages, coverage)):
            loaded = stored.version
            stored.version += 1
            repository.save(stored, loaded)
            with pytest.raises(ChangedMeanwhile):
                repository.save(stored, loaded)  # as another request holding the version it loaded would
            assert repository.get(stored.id).version == loaded + 1


def test_the_claims_named_only_by_the_payers_number_are_found_by_its_index(world, backend):
    rows = copies_of(world, world.submit_session(world.add_client()), 30)
    with world.database.reader() as session:
        indexes = {ix["name"]: ix["column_names"] for ix in inspect(session.connection()).get_indexes("claims")}
    assert indexes.get("ix_claims_payer_claim_number") == ["payer_claim_number"]
    if backend != "sqlite":
        return  # PostgreSQL chooses by its statistics
    with world.database.reader() as session:
        claims = ClaimRepository(session)
        numbers = [row["payer_claim_number"] for row in rows]
        found, statements = statements_while(world, claims.with_payer_claim_numbers, numbers, world.practice_a)
        (statement,) = claim_lookups(statements)
        assert [c.id for c in found] == [row["id"] for row in rows]
        plan = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, tuple(numbers)).all()
    # With the practice in the statement, SQLite (no statistics) walked all of the practice's claims instead.
    assert [step[-1] for step in plan] == ["SEARCH claims USING INDEX ix_claims_payer_claim_number "
                                           "(payer_claim_number=?)"]
