"""835 files as payers write them: every public sample read with each claim (CLP) accounted for; a file
mixing our claims with others' posts ours and lists the rest with a reason; what is not X12 is a 422."""
import pathlib
import re

import pytest
from sqlalchemy import func, select
from support.billing_835 import remittance_835, session_clp

from billing.adapters import orm

SAMPLES = pathlib.Path(__file__).parents[2] / "fixtures" / "x12" / "835"
# Public samples that are no 835 as they stand (the guide's prose written before the interchange): refused.
REFUSED = {
    "stupidedi/005010-X221-case-1.edi": "not X12: an interchange starts with an ISA segment; this text has other "
                                        "text before its ISA, which starts line 5",
    "stupidedi/005010-X221-case-3a.edi": "not X12: an interchange starts with an ISA segment; this text has other "
                                         "text before its ISA, which starts line 5",
}
FILES = sorted(p for p in SAMPLES.glob("*/*") if p.name not in ("LICENSE", "SOURCES.md")
               and f"{p.parent.name}/{p.name}" not in REFUSED)


def post(world, text, staff=None):
    return world.client.post("/v1/remittances", headers={**(staff or world.staff_a), "Content-Type": "text/plain"},
                             data=text)


def clp_count(text: str) -> int:
    """CLP segments counted apart from the reader under test: after a terminator or a line break. The
    terminator follows ISA16 (line breaks written before it aside), wherever unpadded ISA elements put it."""
    text = text.lstrip("\ufeff \t\r\n")
    element = text[3] if text.startswith("ISA") else text[2]
    after_isa16 = text.split(element, 16)[16][1:] if text.startswith("ISA") else "~"
    terminator = re.match(r"[\r\n]*([^A-Za-z0-9])", after_isa16).group(1)  # type: ignore[union-attr]
    return len(re.findall(rf"(?:^|[{re.escape(terminator)}\n])\s*CLP{re.escape(element)}", text))


def stored(world) -> int:
    with world.database.reader() as session:
        return session.execute(select(func.count()).select_from(orm.remittances)).scalar_one()


def test_there_are_at_least_ten_samples_from_three_projects():
    assert len(FILES) >= 10 and len({p.parent.name for p in FILES}) >= 3
    assert all((SAMPLES / name).is_file() for name in REFUSED)


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_every_public_sample_is_read_and_each_claim_accounted_for(world, path):
    text = path.read_bytes().decode("utf-8")  # as written: CRLF files are posted with their CRs
    answer = world.ok(post(world, text))
    assert len(answer["claims"]) == clp_count(text) > 0
    for claim in answer["claims"]:  # none of them is ours: each listed, with the reason
        assert claim["outcome"] == "unmatched" and claim["reason"], claim
        assert claim["segment"] >= 1 and claim["patient_control_number"]
    assert answer["summary"] == {"posted": 0, "duplicate": 0, "unmatched": len(answer["claims"])}
    for finding in answer["warnings"] + answer["errors"]:
        assert finding["segment"] >= 1 and finding["message"]


def test_the_samples_quirks_are_reported_with_their_positions(world):
    reversal = world.ok(post(world, (SAMPLES / "pyx12" / "835id.txt").read_text()))
    assert reversal["claims"][0]["status_code"] == "22"
    assert [(a["segment"], a["reason"], a["amount_cents"]) for a in reversal["provider_adjustments"]] == [
        (34, "CS", -100810), (34, "CS", 2421), (34, "CS", 595)]
    bare = world.ok(post(world, (SAMPLES / "edi-835-parser" / "blue_cross_nc_sample.txt").read_text()))
    assert bare["warnings"][0] == {"segment": 1, "segment_id": "ST", "element": None,
                                   "message": "no ISA/GS envelope: separators taken from the first ST segment"}
    odd = world.ok(post(world, (SAMPLES / "linuxforhealth-x12" / "managed-care.835").read_text()))
    assert {"segment": 4, "segment_id": "BPR", "element": "BPR16"}.items() <= odd["warnings"][0].items()


def test_more_samples_quirks_are_read_as_written(world):
    # A line break before each terminator ("...^\n~GS|..."), "|" and "^" separators, SE counts that are wrong.
    tiger = world.ok(post(world, (SAMPLES / "tigershark" / "835-example.txt").read_text()))
    assert tiger["warnings"][0] == {"segment": 1, "segment_id": "ISA", "element": None,
                                    "message": "line breaks before the segment terminators: '~' taken as the terminator"}
    assert [(a["segment"], a["reason"], a["amount_cents"]) for a in tiger["provider_adjustments"]] == [(48, "WO", -36119)]
    # Unpadded ISA, three ST/SE in one interchange (one with only a PLB), denials, negative PLB amounts.
    nevada = world.ok(post(world, (SAMPLES / "affect-edi-835-parser" / "nevada_medicaid.txt").read_text()))
    assert [c["status_code"] for c in nevada["claims"]] == ["4", "2", "4"]
    assert sum(a["amount_cents"] for a in nevada["provider_adjustments"]) == -181227
    # Placeholders where amounts should be, and a PLB whose amount was written into its reason.
    placeholders = world.ok(post(world, (SAMPLES / "affect-edi-835-parser" / "sample_835.txt").read_text()))
    assert [(e["segment"], e["element"], e["message"]) for e in placeholders["errors"]] == [
        (23, "CAS03", "not an amount: 'amount'"), (38, "CAS03", "not an amount: 'amount'"), (162, "PLB04", "no amount")]


def test_newer_samples_quirks_are_read_as_written(world):
    # "|" as the component separator (SVC*AD|D1110), a predetermination (CLP02 25), CR LF line ends.
    dental = world.ok(post(world, (SAMPLES / "zentist-tigershark" / "5010-835-example-1.txt").read_bytes().decode()))
    assert [(c["patient_control_number"], c["status_code"]) for c in dental["claims"]] == [
        ("PRECERTIFICATION", "25"), ("EDI PAID", "1"), ("EDI DENIED", "1")]
    assert dental["errors"] == []
    # A zero-pay notification (BPR*H*0) of a secondary claim adjusted at claim level only, no service lines.
    notice = world.ok(post(world, (SAMPLES / "aws-b2bi-toolkit" / "835X211.edi").read_text()))
    assert [(c["status_code"], c["charge_cents"], c["paid_cents"]) for c in notice["claims"]] == [("2", 50000, 0)]
    # 4010 with "|" and "^", an ISA06 thirty characters long, a PLB of 0.00.
    old = world.ok(post(world, (SAMPLES / "stupidedi" / "004010-X091A1-case-1.edi").read_text()))
    assert [(a["segment"], a["reason"], a["amount_cents"]) for a in old["provider_adjustments"]] == [(18, "L6", 0)]
    assert old["warnings"][0]["element"] == "ISA06"
    # 837 groups before the 835's in one interchange; a payment that is not what the claims paid.
    mixed = world.ok(post(world, (SAMPLES / "vgi-x12" / "multi_group.edi").read_text()))
    assert [c["patient_control_number"] for c in mixed["claims"]] == ["PCNZ"]
    assert [(w["segment"], w["message"]) for w in mixed["warnings"] if w["element"] in ("ST01", "BPR02")] == [
        (3, "a 837 transaction set, not an 835: skipped"), (6, "a 837 transaction set, not an 835: skipped"),
        (12, "payment 30000 != claims paid 25000 - provider adjustments 0")]
    # Payer and payee named in NM1 segments, not N1: read, the payer unknown.
    nm1 = world.ok(post(world, (SAMPLES / "vgi-x12" / "era_835.835").read_text()))
    assert [(c["status_code"], c["payer"]) for c in nm1["claims"]] == [("1", None), ("4", None)]
    assert {"segment": 4, "segment_id": "BPR", "element": "BPR02",
            "message": "payment 150000 != claims paid 40000 - provider adjustments 0"} in nm1["warnings"]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_public_sample_that_is_no_835_is_refused_naming_why_and_nothing_is_stored(world, name):
    text = (SAMPLES / name).read_bytes().decode("utf-8")
    response = post(world, text)
    assert (response.status_code, response.mimetype) == (422, "application/problem+json")
    problem = response.get_json()
    assert problem["type"] == "urn:rapport:problem:invalid-835"
    assert problem["errors"] == [{"in": "body", "field": "835", "segment": 1, "segment_id": None, "element": None,
                                  "message": REFUSED[name]}]
    assert stored(world) == 0


def test_a_processed_claim_paying_nothing_and_leaving_nothing_to_the_patient_posts_as_denied(world):
    # Payers send denials as CLP02 1 paying 0 with every line adjusted away (TigerShark's 5010-835-example-2.txt).
    claim_id = world.submit_session(world.add_client())
    pcn = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["patient_control_number"]
    answer = world.ok(post(world, remittance_835([session_clp(pcn, "PMH-D", 0, [("CO", "16", 15000)])])))
    assert [(c["claim_id"], c["outcome"], c["status_code"]) for c in answer["claims"]] == [(claim_id, "posted", "1")]
    assert world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["status"] == "denied"


@pytest.fixture
def two_of_ours_and_one_of_theirs(world):
    ours = world.add_client()
    theirs = world.add_client(world.practice_b)
    return (world.submit_session(ours), world.submit_session(ours),
            world.submit_session(theirs, practice_id=world.practice_b))


def clp(world, claim_id, status="1", number="PMH-1"):
    """A CLP paying 48.00 of one of our claims (or of a claim nobody has, without one)."""
    pcn = world.ok(world.client.get(f"/v1/claims/{claim_id}", headers=world.staff_a))["patient_control_number"] \
        if claim_id else "R0000000000000000000"
    return session_clp(pcn, number, 4800, [("CO", "45", 4000), ("PR", "1", 6200)], status=status)


def test_a_file_mixing_our_claims_and_others_posts_ours_and_lists_the_rest(world, two_of_ours_and_one_of_theirs):
    first, second, foreign = two_of_ours_and_one_of_theirs
    foreign_pcn = world.ok(world.client.get(f"/v1/claims/{foreign}", headers=world.staff_b))["patient_control_number"]
    foreign_clp = {**clp(world, None, number="PMH-3"), "pcn": foreign_pcn}
    unbalanced = {**clp(world, second, number="PMH-2"), "paid": 5000}
    text = remittance_835([clp(world, first), foreign_clp, clp(world, None, number="PMH-4"),
                           clp(world, second, status="22", number="PMH-0"), unbalanced],
                          provider_adjustments=(("WO", "OVERPAY1", 2500),))
    answer = world.ok(post(world, text))
    outcomes = [(c["claim_id"], c["outcome"]) for c in answer["claims"]]
    assert outcomes == [(first, "posted"), (None, "unmatched"), (None, "unmatched"), (second, "unmatched"),
                        (second, "unmatched")]
    reasons = [c["reason"] for c in answer["claims"]]
    # Another practice's claim is as unknown as one that does not exist: the answer tells nothing of it.
    assert reasons[0] is None and reasons[1] == ("unknown claim: no claim of this practice has patient control number "
                                                 f"{foreign_pcn!r} or payer claim number 'PMH-3'")
    assert reasons[2].startswith("unknown claim") and "reversal" in reasons[3]
    assert "paid amount is not the sum" in reasons[4]
    assert answer["summary"] == {"posted": 1, "duplicate": 0, "unmatched": 4}
    (plb,) = answer["provider_adjustments"]
    assert (plb["reason"], plb["reference"], plb["amount_cents"]) == ("WO", "OVERPAY1", 2500)
    claims = {c: world.ok(world.client.get(f"/v1/claims/{c}", headers=world.staff_a))["status"] for c in (first, second)}
    assert claims == {first: "paid", second: "submitted"}
    assert world.ok(world.client.get(f"/v1/claims/{foreign}", headers=world.staff_b))["status"] == "submitted"
    again = world.ok(post(world, text))
    assert [c["outcome"] for c in again["claims"]][0] == "duplicate"
    # The other practice's staff post their own claim from the same file, and are told ours is not theirs.
    theirs = world.ok(post(world, text, world.staff_b))
    assert [c["outcome"] for c in theirs["claims"]][:2] == ["unmatched", "posted"]


def test_a_bare_transaction_set_with_line_breaks_is_read(world, two_of_ours_and_one_of_theirs):
    first, _second, _foreign = two_of_ours_and_one_of_theirs
    text = remittance_835([clp(world, first)])
    bare = "\r\n".join(text.split("~")[2:-3]) + "\r\n"  # ST..SE, one segment a line, no ~
    answer = world.ok(post(world, bare))
    assert [c["outcome"] for c in answer["claims"]] == ["posted"]


@pytest.mark.parametrize("body, segment", [
    ("hello, this is not X12", 1),
    ("ISA*00*short~", 1),
    ("ISA*00*          *00*          *ZZ*A              *ZZ*B              *261120*1200*^*00501*000000001*0*T*:~"
     "GS*HC*A*B*20261120*1200*1*X*005010X222A1~ST*837*0001~SE*2*0001~GE*1*1~IEA*1*000000001~", 3),
    (remittance_835([]).replace("ST*835*0001", "ST*835*0\x001"), 3),
])
def test_text_that_is_no_835_is_a_problem_with_its_position(world, body, segment):
    response = post(world, body)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    (error,) = response.get_json()["errors"]
    assert error["segment"] == segment and error["message"]


def test_an_unpaired_surrogate_is_refused_before_anything_is_stored(world):
    text = remittance_835([]).replace("N1*PR*PRAIRIE", "N1*PR*PRAIRIE\ud800")
    response = world.client.post("/v1/remittances", headers=world.staff_a, json={"835": text})
    assert response.status_code == 422 and response.get_json()["errors"][0]["segment"] == 7  # N1*PR
