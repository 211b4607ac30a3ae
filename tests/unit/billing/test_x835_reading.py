"""Reading 835s leniently: what each CLP says, and each problem at its segment and element."""
import pytest
from support.billing_835 import remittance_835

from billing.adapters.x12_reader import read_segments
from billing.domain.x12_segments import NotX12
from billing.domain.x835 import read_835

CLAIM = {"pcn": "R1", "status": "1", "charge": 15000, "paid": 8800, "patient": 2200, "payer_claim_number": "P-1",
         "member_id": "M1", "lines": [{"cpt": "90834", "charge": 15000, "paid": 8800, "service_date": "2026-11-02",
                                        "adjustments": [("CO", "45", 4000), ("PR", "2", 2200)]}]}


def read(text):
    segments, warnings = read_segments(text)
    return read_835(segments), warnings


def test_a_clean_835_reads_without_findings():
    remittance, warnings = read(remittance_835([CLAIM]))
    (claim,) = remittance.claims
    assert (claim.segment, claim.patient_control_number, claim.status, claim.paid_cents) == (13, "R1", "paid", 8800)
    assert claim.lines[0]["adjustments"][1] == {"group": "PR", "reason": "2", "amount_cents": 2200}
    assert (remittance.errors, remittance.warnings, warnings) == ([], [], [])


def test_an_amount_that_is_not_one_is_an_error_at_its_element_and_the_claim_is_kept():
    remittance, _ = read(remittance_835([CLAIM]).replace("CLP*R1*1*150.00", "CLP*R1*1*15O.00"))
    (claim,) = remittance.claims
    assert [e.as_json() for e in remittance.errors] == [
        {"segment": 13, "segment_id": "CLP", "element": "CLP03", "message": "not an amount: '15O.00'"}]
    assert claim.not_posted_because == "CLP03: not an amount: '15O.00'"


@pytest.mark.parametrize("written", ["1E+999998", "1E+5000", "1e30", "1234567890123456789", "99999999999999.99"])
def test_an_amount_out_of_any_payers_range_is_an_error_not_an_overflow(written):
    remittance, _ = read(remittance_835([CLAIM]).replace("CLP*R1*1*150.00", f"CLP*R1*1*{written}"))
    (claim,) = remittance.claims
    (error,) = remittance.errors
    assert (error.element, error.message.endswith("is out of range")) == ("CLP03", True)
    assert claim.not_posted_because.startswith("CLP03: not an amount")


@pytest.mark.parametrize("segment, written, element", [
    ("CLP*R1*1*150.00*88.00*22.00", "CLP*R1*1*150.00**22.00", "CLP04"),
    ("CLP*R1*1*150.00*88.00", "CLP*R1*1**88.00", "CLP03"),
    ("SVC*HC:90834*150.00*88.00", "SVC*HC:90834*150.00*", "SVC03"),
    ("CAS*CO*45*40.00", "CAS*CO*45*", "CAS03")])
def test_a_required_amount_left_out_is_an_error_and_the_claim_is_not_posted_as_paying_nothing(segment, written,
                                                                                               element):
    text = remittance_835([CLAIM])
    assert segment in text
    remittance, _ = read(text.replace(segment, written))
    (claim,) = remittance.claims
    assert [(e.element, e.message) for e in remittance.errors] == [(element, "no amount")]
    assert claim.not_posted_because == f"{element}: no amount"


def test_reversals_are_read_but_not_posted():
    remittance, _ = read(remittance_835([{**CLAIM, "status": "22"}]))
    assert "reversal" in remittance.claims[0].not_posted_because


def test_separators_padding_and_line_breaks_are_taken_as_written():
    text = remittance_835([CLAIM]).replace("*", "|").replace(":", ">").replace("~", "~\r\n")
    text = text.replace("|ZZ|RPM01          |", "|ZZ|RPM01|")  # an ISA not padded to its fixed widths
    remittance, warnings = read(text)
    assert remittance.claims[0].lines[0]["cpt"] == "90834"
    assert [w.message for w in warnings] == ["ISA elements not padded to their fixed widths"]


@pytest.mark.parametrize("terminators, warned", [
    ("\n~", ["line breaks before the segment terminators: '~' taken as the terminator"]),  # TigerShark's samples
    ("\n", []),  # the line break is the terminator: the next segment starts right after it
])
def test_line_breaks_before_or_instead_of_terminators_are_read(terminators, warned):
    text = remittance_835([CLAIM]).replace("*", "|").replace(":", "^").replace("~", terminators)
    remittance, warnings = read(text)
    (claim,) = remittance.claims
    assert (claim.segment, claim.paid_cents, claim.lines[0]["cpt"]) == (13, 8800, "90834")
    assert [w.message for w in warnings] == warned


def test_a_bare_transaction_sets_component_separator_is_not_taken_from_an_element_ending_a_segment():
    text = remittance_835([{**CLAIM, "member_id": "AB"}]).replace("HC:", "HC>")  # NM1*QC*...*MI*AB~, SVC*HC>90834
    bare = "~".join(text.split("~")[2:-3]) + "~"
    remittance, _ = read(bare)
    assert remittance.claims[0].lines[0]["cpt"] == "90834"


def test_a_provider_adjustment_without_its_amount_is_an_error_not_zero():
    text = remittance_835([CLAIM], provider_adjustments=(("WO", "X1", 100),)).replace("WO:X1*1.00", "WO:X1>5**")
    remittance, _ = read(text)
    assert [(a["reason"], a["amount_cents"]) for a in remittance.provider_adjustments] == [("WO", 0)]
    assert [e.as_json() for e in remittance.errors] == [
        {"segment": 20, "segment_id": "PLB", "element": "PLB04", "message": "no amount"}]


def test_claim_level_adjustments_and_unbalanced_amounts_are_warned_about():
    text = remittance_835([CLAIM]).replace("NM1*QC", "CAS*CO*A2*10.00~NM1*QC")
    remittance, _ = read(text)
    assert remittance.claims[0].adjustments == [{"group": "CO", "reason": "A2", "amount_cents": 1000}]
    assert [w.message for w in remittance.warnings] == ["claim charge 15000 != paid 8800 + adjustments 7200"]


@pytest.mark.parametrize("text", ["", "not x12", "ISA*too*short~", "GS*HP~ST*835*1~"])
def test_what_is_not_x12_says_where_reading_stopped(text):
    with pytest.raises(NotX12) as caught:
        read(text)
    assert caught.value.finding.segment == 1


def test_an_isa_element_past_its_fixed_width_is_read_with_a_warning_at_the_element():
    # Public samples (x12-parser's example835One.txt) write a ten-digit ISA13 and a short ISA08.
    text = remittance_835([CLAIM]).replace("*000000123*", "*0000000123*").replace("*RAPPORT        *", "*RAPPORT       *")
    remittance, warnings = read(text)
    assert (remittance.claims[0].segment, remittance.claims[0].paid_cents) == (13, 8800)
    assert [(w.element, w.message) for w in warnings] == [
        ("ISA13", "'0000000123' is longer than the element's fixed width of 9: read as '000000123'"),
        (None, "ISA elements not padded to their fixed widths")]


def test_a_separator_outside_ascii_is_a_separator():
    text = remittance_835([CLAIM]).replace("*", "\u00d6")  # x12-parser's example835nonasciielemsep.txt
    remittance, warnings = read(text)
    (claim,) = remittance.claims
    assert (claim.patient_control_number, claim.paid_cents, claim.lines[0]["cpt"]) == ("R1", 8800, "90834")
    assert warnings == []


def test_a_functional_group_without_its_isa_is_read_with_positions_from_the_gs():
    text = remittance_835([CLAIM])
    group = text[text.index("GS*"):]  # GS..GE and the IEA, no ISA (x12-parser's example835NoISA.txt)
    remittance, warnings = read(group)
    (claim,) = remittance.claims
    assert (claim.segment, claim.patient_control_number, claim.paid_cents) == (12, "R1", 8800)
    assert [(w.segment, w.segment_id, w.message) for w in warnings] == [
        (1, "GS", "no ISA segment: separators taken from the GS segment")]
    without_iea = read(group[:group.index("IEA*")])[0]
    assert without_iea.claims[0].paid_cents == 8800


@pytest.mark.parametrize("adjustments, status", [
    ([("PR", "1", 11000), ("CO", "45", 4000)], "paid"),  # paid nothing: the allowed 110.00 went to the deductible
    ([("CO", "50", 15000)], "partially_paid"),  # paid nothing and allowed nothing: denied
])
def test_a_line_paid_nothing_is_denied_only_when_the_patient_owes_nothing_on_it(adjustments, status):
    second = {"cpt": "90834", "charge": 15000, "paid": 0, "service_date": "2026-11-09", "adjustments": adjustments}
    claim = {**CLAIM, "charge": 30000, "patient": 2200 + (11000 if status == "paid" else 0),
             "lines": [*CLAIM["lines"], second]}
    remittance, _ = read(remittance_835([claim]))
    assert remittance.claims[0].status == status


def at_their_segments(segments, findings):
    """Each finding's segment id is that of the segment at its position."""
    ids = {segment.index: segment.id for segment in segments}
    return [(f.segment, f.segment_id, ids.get(f.segment)) for f in findings if f.segment_id != ids.get(f.segment)]


def test_segment_ids_in_lower_case_are_read_with_one_warning_at_the_first():
    text = remittance_835([CLAIM], provider_adjustments=(("WO", "X1", 100),))
    segments, warnings = read_segments(text.replace("CLP*", "clp*").replace("CAS*", "cas*"))
    remittance = read_835(segments)
    (claim,) = remittance.claims  # every CLP is answered
    assert (claim.segment, claim.paid_cents, claim.lines[0]["adjustments"][0]["group"]) == (13, 8800, "CO")
    assert [w.as_json() for w in warnings + remittance.warnings] == [
        {"segment": 13, "segment_id": "CLP", "element": None,
         "message": "segment id 'clp' is not in upper case: read as 'CLP', as is any later one"}]


def test_a_finding_pyx12_makes_where_it_noticed_it_names_that_segment():
    # A PLB where the claim's loop was due: pyx12 files "loop 2100 missing" under a CLP at the PLB's position.
    text = remittance_835([], provider_adjustments=(("WO", "X1", 100),))
    segments, warnings = read_segments(text)
    missing = [w for w in warnings if "Claim Payment Information" in w.message]
    assert [(w.segment, w.segment_id) for w in missing] == [(13, "PLB")]
    assert missing[0].message.endswith("a CLP segment was expected before this one")
    assert at_their_segments(segments, warnings) == []


def test_a_reader_finding_is_at_the_segment_it_concerns():
    text = remittance_835([CLAIM]).replace("NM1*QC", "N_1*QC")  # not a segment id: pyx12's reader says so
    segments, warnings = read_segments(text)
    invalid = [w for w in warnings if "is invalid" in w.message]
    assert [(w.segment, w.segment_id) for w in invalid] == [(14, "N_1")]
    assert at_their_segments(segments, warnings) == []


def _repeated(text: str, start: str, times: int) -> str:
    """The ISA once, then the rest from `start` on `times` times (an interchange's IEA closes only the first)."""
    isa, rest = text.split("~", 1)
    envelope_start = rest[:rest.index(start)]
    return f"{isa}~{envelope_start}{rest[rest.index(start):] * times}"


@pytest.mark.parametrize("start, warned", [
    ("GS*", [(23, "GS", "a GS with no ISA open before it: read all the same"),
             (43, "IEA", "an IEA closing no open ISA: left out, as is any later one")]),
    ("ST*", [(23, "ST", "an ST with no GS open before it: read all the same, not checked against the guide from "
                        "here on"),
             (41, "GE", "a GE closing no open GS: left out, as is any later one"),
             (42, "IEA", "an IEA closing no open ISA: left out, as is any later one")]),
])
def test_sets_repeated_after_one_isa_are_read_and_the_trailers_closing_nothing_left_out(start, warned):
    # pyx12's reader indexed past its list of open envelopes at an IEA or GE closing none ("list index out of range").
    segments, warnings = read_segments(_repeated(remittance_835([CLAIM]), start, 50))
    remittance = read_835(segments)
    assert [claim.paid_cents for claim in remittance.claims] == [8800] * 50
    assert [(w.segment, w.segment_id, w.message) for w in warnings if "not unique" not in w.message] == warned
    kept = {segment.index for segment in segments}
    assert [w for w in warnings if w.segment not in kept and w.segment_id not in ("GE", "IEA")] == []


def test_where_pyx12_stops_the_finding_is_ours_never_an_exceptions_text(monkeypatch):
    class Breaking:
        def __init__(self, _document):
            pass

        def __iter__(self):
            raise RuntimeError("list index out of range")

        def get_cur_line(self):
            return 0

    monkeypatch.setattr("billing.adapters.x12_reader.pyx12.x12file.X12Reader", Breaking)
    with pytest.raises(NotX12) as caught:
        read(remittance_835([CLAIM]))
    assert caught.value.finding.as_json() == {"segment": 1, "segment_id": "ISA", "element": None,
                                              "message": "not readable as X12 from this segment on"}


@pytest.mark.parametrize("text, finding", [
    ("", (1, None, None, "not X12: the text is empty")),
    (" \r\n\t ", (1, None, None, "not X12: the text is empty")),
    (remittance_835([]).split("~")[0] + "~", (1, "ISA", None, "no 835 transaction set in the interchange: it has "
                                                                "no ST segment")),
    (remittance_835([]).replace("*00501*", "*00601*"),
     (1, "ISA", "ISA12", "interchange version '00601' is not one read here (00401 or 00501)")),
    (remittance_835([]) + "ISA*00*A~", (16, "ISA", None, "an ISA segment needs 16 elements")),
])
def test_what_cannot_be_read_is_a_finding_at_its_segment(text, finding):
    with pytest.raises(NotX12) as caught:
        read(text)
    found = caught.value.finding
    assert (found.segment, found.segment_id, found.element, found.message) == finding


def test_when_the_validator_stops_its_message_is_not_passed_on(monkeypatch):
    """pyx12's exceptions can quote the file: a member's name must not travel into a warning (or a log)."""
    def stops(*_args, **_kwargs):
        raise KeyError("DOE, JANE M1")

    monkeypatch.setattr("pyx12.x12n_document.x12n_document", stops)
    remittance, warnings = read(remittance_835([CLAIM]))
    assert [claim.patient_control_number for claim in remittance.claims] == ["R1"]
    (stopped,) = warnings
    assert "KeyError" in stopped.message and "JANE" not in stopped.message


DENIED_LINE = {"cpt": "90834", "charge": 15000, "paid": 0, "service_date": "2026-11-02",
               "adjustments": [("CO", "16", 15000)]}


@pytest.mark.parametrize("code, lines, claim_level, status", [
    ("1", [DENIED_LINE], "", "denied"),  # TigerShark's 5010-835-example-2.txt: every line adjusted away
    ("1", [], "CAS*CO*16*150.00~", "denied"),  # no service lines, the claim adjusted away as a whole
    ("1", [], "CAS*PR*1*150.00~", "paid"),  # paid nothing: it all went to the deductible
    ("2", [], "CAS*OA*23*150.00~", "paid"),  # a secondary payer leaving it to the primary's payment
])
def test_a_claim_processed_as_primary_paying_nothing_and_leaving_nothing_to_the_patient_is_denied(code, lines,
                                                                                                  claim_level, status):
    claim = {**CLAIM, "status": code, "paid": 0, "patient": 0, "lines": lines}
    remittance, _ = read(remittance_835([claim]).replace("NM1*QC", claim_level + "NM1*QC"))
    assert (remittance.claims[0].status_code, remittance.claims[0].status) == (code, status)


def test_a_payment_that_is_not_the_claims_paid_less_the_provider_adjustments_is_warned_about_at_the_bpr():
    # BPR02 = sum of CLP04 - sum of PLB amounts; vgi-x12's era_835.835 states 1500.00 for claims paying 400.00.
    text = remittance_835([CLAIM], provider_adjustments=(("WO", "X1", 100),))
    assert "BPR*I*87.00*C" in text
    remittance, _ = read(text.replace("BPR*I*87.00*C", "BPR*I*150.00*C"))
    assert [w.as_json() for w in remittance.warnings] == [
        {"segment": 4, "segment_id": "BPR", "element": "BPR02",
         "message": "payment 15000 != claims paid 8800 - provider adjustments 100"}]
    assert remittance.claims[0].not_posted_because is None  # each claim still posts on its own amounts


@pytest.mark.parametrize("bpr", ["BPR*I*-1.00*C", "BPR*I*1.00*D"])  # a recoupment: minus, or a debit (BPR03 D)
def test_a_payment_that_adds_up_is_not_warned_about_per_transaction_set(bpr):
    text = remittance_835([], provider_adjustments=(("WO", "X1", 100),))
    assert "BPR*I*-1.00*C" in text
    twice = _repeated(text.replace("BPR*I*-1.00*C", bpr), "ST*", 2)
    remittance, _ = read(twice)
    assert [w for w in remittance.warnings if w.segment_id == "BPR"] == []


def test_text_before_the_isa_is_named_in_the_refusal():
    # stupidedi's X221 business scenarios: the guide's prose, then the interchange on line 5.
    text = "Business Scenario 1\r\n\r\nDollars and data sent together.\r\n\r\n" + remittance_835([CLAIM])
    with pytest.raises(NotX12) as caught:
        read(text)
    assert caught.value.finding.as_json() == {
        "segment": 1, "segment_id": None, "element": None,
        "message": "not X12: an interchange starts with an ISA segment; this text has other text before its ISA, "
                   "which starts line 5"}
