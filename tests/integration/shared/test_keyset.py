"""Keyset pages in SQL walk every row exactly once, in order, on both databases."""
from __future__ import annotations

import pytest
from sqlalchemy import insert, select
from support.shared_schema import notes

from rapport_shared.keyset import keyset_query
from rapport_shared.pagination import Order, SortKey

ORDERS = [Order(SortKey("text"), SortKey("id", descending=True, parse=int)),
          Order(SortKey("text", descending=True), SortKey("id", parse=int))]


@pytest.mark.parametrize("order", ORDERS, ids=["text-then-newest", "text-descending-then-oldest"])
def test_pages_in_sql_follow_the_order_with_ties_and_mixed_directions(database, order):
    texts = ["b", "a", "c", "a", "b", "a", "d", "c", "a"]
    with database.transaction() as session:
        for text in texts:
            session.execute(insert(notes).values(text=text))
    columns = {"text": notes.c.text, "id": notes.c.id}
    seen, cursor = [], None
    with database.reader() as session:
        text_first = notes.c.text.desc() if order.keys[0].descending else notes.c.text
        id_next = notes.c.id.desc() if order.keys[1].descending else notes.c.id
        expected = [(r.text, r.id) for r in session.execute(select(notes).order_by(text_first, id_next))]
        while True:
            rows = session.execute(keyset_query(select(notes), order, columns, order.position(cursor), 2)).all()
            page = order.page([{"text": r.text, "id": r.id} for r in rows], 2)
            seen.extend((item["text"], item["id"]) for item in page.items)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
    assert seen == expected and len(seen) == len(texts)
