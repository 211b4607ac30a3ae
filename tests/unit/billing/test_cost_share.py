"""Cost share per line, in cents: the worked examples of billing.md, and its invariants."""
from hypothesis import given
from hypothesis import strategies as st

from billing.domain.cost_share import Benefits, after, apply_rate, cost_share, not_covered


def test_deductible_then_coinsurance():
    # charge 150, allowed 110, deductible remaining 50, 20% -> patient 62, plan 48, CO-45 40
    share = cost_share(15000, 11000, Benefits(deductible_remaining=5000, oop_remaining=300000, coinsurance_bp=2000))
    assert (share.patient, share.plan, share.write_off) == (6200, 4800, 4000)
    assert (share.deductible, share.coinsurance) == (5000, 1200)


def test_copay_that_waives_the_deductible():
    share = cost_share(15000, 11000, Benefits(deductible_remaining=5000, oop_remaining=300000, copay=3000,
                                              copay_waives_deductible=True))
    assert (share.patient, share.plan, share.copay, share.deductible) == (3000, 8000, 3000, 0)


def test_out_of_pocket_cap_limits_the_patient_share():
    share = cost_share(15000, 11000, Benefits(deductible_remaining=0, oop_remaining=1500, coinsurance_bp=2000))
    assert (share.patient, share.plan, share.oop_reduction) == (1500, 9500, 700)


def test_copay_above_the_allowed_amount():
    share = cost_share(15000, 2500, Benefits(deductible_remaining=0, oop_remaining=300000, copay=3000,
                                             copay_waives_deductible=True))
    assert (share.patient, share.plan, share.write_off) == (2500, 0, 12500)


def test_copay_after_deductible_when_not_waived():
    share = cost_share(15000, 11000, Benefits(deductible_remaining=5000, oop_remaining=300000, copay=3000))
    assert (share.deductible, share.copay, share.patient, share.plan) == (5000, 3000, 8000, 3000)


def test_out_of_network_balance_bills_instead_of_writing_off():
    share = cost_share(15000, 11000, Benefits(deductible_remaining=0, oop_remaining=300000, coinsurance_bp=3000,
                                              in_network=False))
    assert share.write_off == 0 and share.balance_bill == 4000
    assert (share.patient, share.plan) == (3300 + 4000, 7700)


def test_coinsurance_rounds_half_up_to_the_cent():
    assert apply_rate(12345, 2000) == 2469  # 24.69
    assert apply_rate(2, 2500) == 1  # 0.5 cent rounds up


def test_accumulators_carry_across_lines():
    benefits = Benefits(deductible_remaining=5000, oop_remaining=6500, coinsurance_bp=2000)
    first = cost_share(15000, 11000, benefits)
    benefits = after(benefits, first)
    assert (benefits.deductible_remaining, benefits.oop_remaining) == (0, 300)
    second = cost_share(15000, 11000, benefits)
    assert (second.patient, second.plan) == (300, 10700)


def test_not_covered_is_charged_at_the_self_pay_rate():
    share = not_covered(17000, 14000)
    assert (share.patient, share.plan, share.write_off, share.covered) == (14000, 0, 3000, False)


amounts = st.integers(min_value=0, max_value=5_000_00)


@given(charge=amounts, allowed=amounts, ded=amounts, oop=amounts, rate=st.integers(0, 10000),
       copay=st.one_of(st.none(), amounts), waives=st.booleans())
def test_in_network_shares_always_add_up_and_respect_the_cap(charge, allowed, ded, oop, rate, copay, waives):
    share = cost_share(charge, allowed, Benefits(ded, oop, rate, copay, waives))
    assert share.patient + share.plan + share.write_off == charge
    assert min(share.patient, share.plan, share.write_off, share.deductible, share.coinsurance, share.copay) >= 0
    assert share.patient <= oop
    assert share.deductible + share.coinsurance + share.copay == share.patient


@given(charge=amounts, allowed=amounts, ded=amounts, oop=amounts, rate=st.integers(0, 10000))
def test_out_of_network_shares_add_up(charge, allowed, ded, oop, rate):
    share = cost_share(charge, allowed, Benefits(ded, oop, rate, in_network=False))
    assert share.patient + share.plan + share.write_off == charge
    assert min(share.patient, share.plan, share.balance_bill) >= 0
    assert share.cost_share <= oop


@given(charge=amounts, rate=st.one_of(st.none(), amounts))
def test_not_covered_adds_up(charge, rate):
    share = not_covered(charge, rate)
    assert share.patient + share.plan + share.write_off == charge and min(share.patient, share.write_off) >= 0
