"""835 files as payers write them: every public sample read with each claim (CLP) accounted for; a file
mixing our claims with others' posts ours and lists the rest with a reason; what is not X12 is a 422."""
import pathlib
import re

import pytest
from support.billing_835 import remittance_835, session_clp

SAMPLES = pathlib.Path(__file__).parents[2] / "fixtures" / "x12" / "835"
FILES = sorted(p for p in SAMPLES.glob("*/*") if p.name not in ("LICENSE", "SOURCES.md"))


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


def test_there_are_at_least_ten_samples_from_three_projects():
    assert len(FILES) >= 10 and len({p.parent.name for p in FILES}) >= 3


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
