"""Keyset pages in SQL: `WHERE (sort key) after the cursor's ORDER BY sort key LIMIT limit + 1`."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, false, or_
from sqlalchemy.sql.elements import ColumnElement

from .pagination import Order


def after_clause(order: Order, columns: dict[str, ColumnElement], after: tuple) -> ColumnElement:
    """Rows strictly after `after` in `order` (mixed directions allowed):
    (a > x) OR (a = x AND b > y) OR ..., each comparison turned for descending keys."""
    clauses = []
    for index, key in enumerate(order.keys):
        column = columns[key.name]
        beyond = column < after[index] if key.descending else column > after[index]
        equal = [columns[k.name] == after[i] for i, k in enumerate(order.keys[:index])]
        clauses.append(and_(*equal, beyond))
    if not clauses:
        return false()
    first, value = columns[order.keys[0].name], after[0]
    if value is None:
        return or_(*clauses)
    # The first key's bound alone, though implied by the OR, is what an index on that key can start from.
    return and_(first <= value if order.keys[0].descending else first >= value, or_(*clauses))


def keyset_query(query: Select, order: Order, columns: dict[str, Any], after: tuple | None, limit: int) -> Select:
    """`query` as one page in `order` after `after`, fetching one extra row to tell if more follow."""
    if after is not None:
        query = query.where(after_clause(order, columns, after))
    ordering = [columns[k.name].desc() if k.descending else columns[k.name].asc() for k in order.keys]
    return query.order_by(*ordering).limit(limit + 1)
