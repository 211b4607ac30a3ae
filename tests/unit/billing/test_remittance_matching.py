"""Which claim each CLP of an 835 posts to, through the service layer on fakes: the patient control number as
sent, else upper-cased, else the payer's claim number (the newest claim), and only the caller's practice's;
answered in the file's order, posted in the order of the claims' ids, looked up once per file."""
import dataclasses

import pytest
from support.billing_835 import remittance_835, session_clp
from support.billing_fakes import CLIENT, NOW, PAYER, PRACTICE, THERAPIST, FakeUnitOfWork, ready_to_bill

from billing.domain.claims import Claim
from billing.service_layer.remittances import post_835
from rapport_shared.errors import ChangedMeanwhile
from rapport_shared.principal import Principal

STAFF = Principal("staff-1", "staff", PRACTICE)
ADMIN = Principal("admin-1", "admin")
OTHER_PRACTICE = "practice-2"
ADJUSTMENTS = [("CO", "45", 4000), ("PR", "1", 5000), ("PR", "2", 1200)]
LINE = {"line_number": 1, "charge_id": "ch1", "cpt": "90834", "modifiers": ["95"], "units": 1, "charge_cents": 15000,
        "service_date": "2026-11-02", "pos": "10", "dx_pointers": [1]}


@pytest.fixture
def uow():
    return ready_to_bill(FakeUnitOfWork("rapport.billing"))


def submitted(uow, seq: int, *, practice_id: str = PRACTICE, payer_claim_number: str | None = None,
              control_number: str | None = None) -> Claim:
    claim = Claim.draft(id=f"{seq:08x}-6f1c-4000-8000-000000000000", seq=seq, practice_id=practice_id, client_id=CLIENT,
                        coverage_id="coverage-1", payer_ref=PAYER, therapist_id=THERAPIST, lines=[LINE], now=NOW)
    claim = dataclasses.replace(claim, status="submitted", submitted_at=NOW, payer_claim_number=payer_claim_number,
                                patient_control_number=control_number or claim.patient_control_number)
    uow.claims.add(claim)
    return claim


def clp(control_number: str, payer_claim_number: str = "") -> dict:
    return session_clp(control_number, payer_claim_number, 4800, ADJUSTMENTS)


def test_each_clp_finds_our_claim_by_control_number_then_upper_cased_then_the_newest_by_payer_number(uow):
    as_sent = submitted(uow, 1, payer_claim_number="PMH-7")
    upper = submitted(uow, 2)
    older, newer = submitted(uow, 3, payer_claim_number="PMH-7"), submitted(uow, 4, payer_claim_number="PMH-7")
    submitted(uow, 5, practice_id=OTHER_PRACTICE, payer_claim_number="PMH-7")  # newest of all, but not ours
    theirs = submitted(uow, 6, practice_id=OTHER_PRACTICE, control_number="r6lower")
    ours_upper = submitted(uow, 7, control_number="R6LOWER")
    text = remittance_835([
        clp(as_sent.patient_control_number, "PMH-7"),  # the control number wins over the payer's number
        clp(upper.patient_control_number.lower()),
        clp("NOT-OURS", "PMH-7"),
        clp(theirs.patient_control_number),  # another practice's as sent: ours upper-cased
        clp(submitted(uow, 8, practice_id=OTHER_PRACTICE).patient_control_number, "PMH-9"),
    ])

    answer = post_835(uow, STAFF, text)

    assert [c["claim_id"] for c in answer["claims"]] == [as_sent.id, upper.id, newer.id, ours_upper.id, None]
    assert [c["outcome"] for c in answer["claims"]] == ["posted"] * 4 + ["unmatched"]
    assert answer["claims"][4]["reason"].startswith("unknown claim: no claim of this practice has patient control "
                                                    "number 'R") and answer["claims"][4]["reason"].endswith("'PMH-9'")
    assert uow.claims.get(older.id).status == "submitted"


def test_an_admin_posts_to_any_practices_claim(uow):
    theirs = submitted(uow, 1, practice_id=OTHER_PRACTICE)
    (posted,) = post_835(uow, ADMIN, remittance_835([clp(theirs.patient_control_number)]))["claims"]
    assert (posted["claim_id"], posted["outcome"]) == (theirs.id, "posted")


def test_claims_are_posted_in_id_order_and_answered_in_the_files_order(uow):
    claims = [submitted(uow, seq) for seq in (3, 1, 2)]
    answer = post_835(uow, STAFF, remittance_835([clp(c.patient_control_number) for c in claims]))
    assert [c["claim_id"] for c in answer["claims"]] == [c.id for c in claims]
    assert [a["claim_id"] for a in uow.answers.rows] == sorted(c.id for c in claims)


def test_the_claims_are_looked_up_once_per_file_however_many_it_lists(uow):
    lookups = []
    for name in ("with_control_numbers", "with_payer_claim_numbers"):
        def counted(numbers, practice_id, real=getattr(uow.claims, name), name=name):
            lookups.append(name)
            return real(numbers, practice_id)
        setattr(uow.claims, name, counted)
    claims = [submitted(uow, seq, payer_claim_number=f"PMH-{seq}") for seq in range(1, 31)]
    answer = post_835(uow, STAFF, remittance_835([clp(c.patient_control_number if c.seq % 2 else "X", c.payer_claim_number)
                                                  for c in claims]))
    assert answer["summary"] == {"posted": 30, "duplicate": 0, "unmatched": 0}
    assert lookups == ["with_control_numbers", "with_payer_claim_numbers"]


def test_a_file_that_lost_a_race_is_looked_up_and_posted_again(uow):
    claim = submitted(uow, 1)
    save, lost = uow.claims.save, []

    def lose_once(obj, expected_version):
        if not lost:
            lost.append(obj.id)
            raise ChangedMeanwhile("another request posted meanwhile")
        save(obj, expected_version)

    uow.claims.save = lose_once
    (posted,) = post_835(uow, STAFF, remittance_835([clp(claim.patient_control_number)]))["claims"]
    assert (posted["claim_id"], posted["outcome"], lost) == (claim.id, "posted", [claim.id])
    assert uow.claims.get(claim.id).status == "paid" and uow.committed == 1


def counting(uow, store: str, *names: str) -> list[str]:
    """The calls of these methods of uow.<store>, by name, from now on."""
    calls: list[str] = []
    repository = getattr(uow, store)
    for name in names:
        def counted(*args, real=getattr(repository, name), name=name):
            calls.append(name)
            return real(*args)
        setattr(repository, name, counted)
    return calls


def test_a_coverage_is_read_once_and_written_twice_per_file_however_many_of_its_claims_it_holds(uow):
    calls = counting(uow, "coverages", "get", "save")
    claims = [submitted(uow, seq) for seq in range(1, 7)]
    answer = post_835(uow, STAFF, remittance_835([clp(c.patient_control_number) for c in claims]))
    assert answer["summary"] == {"posted": 6, "duplicate": 0, "unmatched": 0}
    # Saved over the version read as the first claim posts (a race lost there is lost as before), then the rest once.
    assert calls == ["get", "save", "save"]
    coverage = uow.coverages.get("coverage-1")
    assert (coverage.deductible_met_cents, coverage.oop_met_cents, coverage.version) == (6 * 5000, 6 * 6200, 1 + 6)


@pytest.mark.parametrize("lost_at", [0, 1], ids=["its-first-write", "the-files-last-write"])
def test_a_coverage_changed_meanwhile_sends_the_file_again(uow, lost_at):
    claims = [submitted(uow, seq) for seq in range(1, 4)]
    save, expected = uow.coverages.save, []

    def lose_once(obj, expected_version):
        expected.append(expected_version)
        if len(expected) == lost_at + 1:
            raise ChangedMeanwhile("another request posted to this coverage meanwhile")
        save(obj, expected_version)

    uow.coverages.save = lose_once
    answer = post_835(uow, STAFF, remittance_835([clp(c.patient_control_number) for c in claims]))
    assert answer["summary"] == {"posted": 3, "duplicate": 0, "unmatched": 0} and uow.committed == 1
    # Written over the version the file read, then over the one it wrote itself; posted anew, it reads again.
    assert expected == [1, 2][:lost_at + 1] + [1, 2]
    coverage = uow.coverages.get("coverage-1")
    assert (coverage.deductible_met_cents, coverage.oop_met_cents, coverage.version) == (3 * 5000, 3 * 6200, 1 + 3)
