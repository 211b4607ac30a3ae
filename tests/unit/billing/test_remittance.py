"""What an adjudication says about money: adjustments per group and reason, and each line's patient share."""
import datetime as dt

import pytest

from billing.domain.payments import POSTED_FIRST, payment_memo, payment_method
from billing.domain.remittance import adjustment_totals, line_decision, line_patient_share, patient_parts
from rapport_shared.pagination import NEWEST_FIRST, InvalidCursor

ADJUDICATION = {"paid_cents": 15600, "lines": [
    {"line_number": 1, "charge_cents": 15000, "paid_cents": 7800,
     "adjustments": [{"group": "CO", "reason": "45", "amount_cents": 4000},
                     {"group": "PR", "reason": "1", "amount_cents": 2000},
                     {"group": "PR", "reason": "2", "amount_cents": 1200}]},
    {"line_number": 2, "charge_cents": 15000, "paid_cents": 7800,
     "adjustments": [{"group": "CO", "reason": "45", "amount_cents": 4000},
                     {"group": "PR", "reason": "2", "amount_cents": 2700},
                     {"group": "PR", "reason": "96", "amount_cents": 500}]},
]}


def test_adjustments_are_summed_per_group_and_reason_in_the_payers_order():
    assert adjustment_totals(ADJUDICATION) == [
        {"group": "CO", "reason": "45", "amount_cents": 8000}, {"group": "PR", "reason": "1", "amount_cents": 2000},
        {"group": "PR", "reason": "2", "amount_cents": 3900}, {"group": "PR", "reason": "96", "amount_cents": 500}]
    assert adjustment_totals({"lines": [{"adjustments": []}]}) == []


def test_a_lines_patient_share_is_every_pr_adjustment_as_posting_counts_it():
    shares = [line_patient_share(line) for line in ADJUDICATION["lines"]]
    assert shares == [3200, 3200]
    assert sum(shares) == sum(patient_parts(ADJUDICATION).values())
    assert line_decision(ADJUDICATION, 2) == (7800, 3200)
    assert line_decision(ADJUDICATION, 3) is None


@pytest.mark.parametrize("method", ["card", "cash", "check", "other"])
def test_a_payments_method_is_read_back_from_its_memo(method):
    assert payment_method(payment_memo(method)) == method


def test_a_memo_not_written_for_a_payment_has_no_method():
    assert payment_method("patient share of claim R1") is None and payment_method(None) is None


def test_cursors_name_their_key():
    at = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.timezone.utc)
    cursor = POSTED_FIRST.page([{"posted_at": at, "id": "b"}, {"posted_at": at, "id": "a"}], 1).next_cursor
    assert POSTED_FIRST.position(cursor) == (at, "b")
    with pytest.raises(InvalidCursor):
        NEWEST_FIRST.position(cursor)  # a payments cursor is no charges (created_at) cursor
