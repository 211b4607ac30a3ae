"""How booking's lists are ordered: the sort keys their page cursors carry."""
from __future__ import annotations

from rapport_shared.pagination import Order, SortKey, aware_datetime

BY_START = Order(SortKey("start_at", parse=aware_datetime), SortKey("id"))  # consultations, appointments
OLDEST_FIRST = Order(SortKey("created_at", parse=aware_datetime), SortKey("id"))  # clients
