"""A relay's batch walks the unsent rows only: the sent ones, kept a week for inspection, are not in its way."""
from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import event, insert, text
from support.shared_schema import outbox

from rapport_shared.db import utcnow
from rapport_shared.outbox import OutboxRelay


def _plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_batch_is_read_in_order_from_the_unsent_rows_alone(database):
    now = utcnow()
    with database.transaction() as session:
        session.execute(insert(outbox), [
            {"event_id": str(uuid.uuid4()), "event_type": "t", "exchange": "x", "routing_key": "k",
             "aggregate": f"notes/{n % 50}", "body": "{}", "created_at": now, "attempts": 0,
             "next_attempt_at": now, "sent_at": now if n < 20_000 else None}
            for n in range(20_600)])
        session.execute(text("ANALYZE outbox"))
    relay = OutboxRelay(database, outbox, publisher=None, batch_size=500)  # type: ignore[arg-type]
    statements: list[tuple[str, dict]] = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, params, context, many: statements.append((statement, params)))
    with database.writer() as session, session.begin():
        rows = relay._due_rows(session, utcnow())
        assert [r.seq for r in rows] == sorted(r.seq for r in rows) and len(rows) == 500
        statement, params = statements[-1]
        plan = session.connection().exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", params).scalar()
    nodes = list(_plan_nodes((plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]))
    scans = [n for n in nodes if n.get("Relation Name") == "outbox" and n.get("Alias") == "outbox"]
    assert [n.get("Index Name") for n in scans] == ["ix_outbox_due"], scans
    assert not [n for n in nodes if n["Node Type"] == "Sort"]
