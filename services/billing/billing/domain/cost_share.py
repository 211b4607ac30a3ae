"""Who pays what for one service line, in integer cents (billing.md "Cost share per line").

Pure arithmetic: no I/O. The invariant every result keeps is
`patient + plan + write_off == charge`, with nothing negative, and (in network) the patient's
cost share never above the out-of-pocket maximum still remaining.
"""
from __future__ import annotations

from dataclasses import dataclass, replace


def apply_rate(amount: int, basis_points: int) -> int:
    """`amount * rate`, rounded half up to the cent (rates in basis points: 2000 = 20%)."""
    return (amount * basis_points + 5000) // 10000


@dataclass(frozen=True)
class Benefits:
    """A plan's cost-share rules for one service, and what the member has left this year."""

    deductible_remaining: int
    oop_remaining: int
    coinsurance_bp: int = 0
    copay: int | None = None  # a copay service pays the copay instead of coinsurance
    copay_waives_deductible: bool = False
    in_network: bool = True


@dataclass(frozen=True)
class LineShare:
    charge: int
    allowed: int
    write_off: int  # CO-45: charge above the contracted allowed amount (in network only)
    deductible: int  # PR-1
    coinsurance: int  # PR-2
    copay: int  # PR-3
    oop_reduction: int  # how much the out-of-pocket cap took off the patient's share
    balance_bill: int  # out of network: charge above allowed, billed to the patient
    patient: int
    plan: int
    covered: bool = True

    @property
    def cost_share(self) -> int:
        """The patient's share that counts towards the out-of-pocket maximum."""
        return self.patient - self.balance_bill


def cost_share(charge: int, allowed: int, benefits: Benefits) -> LineShare:
    """Split one covered line's charge between write-off, patient and plan."""
    if charge < 0 or allowed < 0:
        raise ValueError("amounts are never negative")
    allowed = min(allowed, charge)  # payers pay on the lesser of billed and allowed
    b = benefits
    ded_rem, oop_rem = max(0, b.deductible_remaining), max(0, b.oop_remaining)
    deductible = coinsurance = copay = 0
    if b.copay is not None and b.copay_waives_deductible:
        copay = min(b.copay, allowed)
    else:
        deductible = min(allowed, ded_rem)
        rest = allowed - deductible
        if b.copay is not None:
            copay = min(b.copay, rest)
        else:
            coinsurance = apply_rate(rest, b.coinsurance_bp)
    share = deductible + coinsurance + copay
    capped = min(share, oop_rem)
    reduction = share - capped
    # The cap comes off the last-applied parts first, so the PR groups still add up.
    take = min(reduction, copay)
    copay, reduction = copay - take, reduction - take
    take = min(reduction, coinsurance)
    coinsurance, reduction = coinsurance - take, reduction - take
    deductible -= reduction
    in_network = b.in_network
    write_off = charge - allowed if in_network else 0
    balance_bill = 0 if in_network else charge - allowed
    patient = capped + balance_bill
    return LineShare(
        charge=charge, allowed=allowed, write_off=write_off, deductible=deductible, coinsurance=coinsurance,
        copay=copay, oop_reduction=share - capped, balance_bill=balance_bill, patient=patient,
        plan=allowed - capped,
    )


def not_covered(charge: int, self_pay_rate: int | None) -> LineShare:
    """A service the plan does not cover: the client pays the self-pay rate; the rest is written off."""
    patient = charge if self_pay_rate is None else min(self_pay_rate, charge)
    return LineShare(charge=charge, allowed=0, write_off=charge - patient, deductible=0, coinsurance=0, copay=0,
                     oop_reduction=0, balance_bill=0, patient=patient, plan=0, covered=False)


def after(benefits: Benefits, line: LineShare) -> Benefits:
    """The member's remaining deductible and out-of-pocket once `line` is applied."""
    return replace(
        benefits,
        deductible_remaining=max(0, benefits.deductible_remaining - line.deductible),
        oop_remaining=max(0, benefits.oop_remaining - line.cost_share),
    )
