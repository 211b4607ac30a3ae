"""The scrubber's machine-readable errors, and every clean claim rendered as 837P that pyx12 accepts."""
import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support.billing_documents import TODAY, clean_document, dependant_document, line

from billing.adapters.x12_validation import validate_x12
from billing.domain.claim_document import ClaimLine, Party
from billing.domain.scrubber import scrub
from billing.domain.x12 import render_837p


def codes(doc, **kwargs):
    return [e["code"] for e in scrub(doc, today=kwargs.get("today", TODAY), timely_filing_days=kwargs.get("days", 180))]


def test_a_clean_claim_has_no_errors_and_pyx12_accepts_it():
    doc = clean_document()
    assert scrub(doc, today=TODAY, timely_filing_days=180) == []
    x12 = render_837p(doc)
    assert validate_x12(x12) == (True, [])
    assert "HI*ABK:F411*ABF:F331~" in x12 and "SV1*HC:90834:95*150.00*UN*1***1:2~" in x12


def test_pyx12_rejects_an_837p_missing_a_required_segment_and_says_where():
    segments = render_837p(clean_document()).split("~")
    without_subscriber = "~".join(s for s in segments if not s.startswith("SBR*"))
    valid, errors = validate_x12(without_subscriber)
    assert not valid and "IK3*SBR*12**3" in errors


def test_a_dependant_claim_and_a_replacement_pass_pyx12():
    doc = dataclasses.replace(dependant_document(), frequency="7", original_reference="PMH-778899")
    assert scrub(doc, today=TODAY, timely_filing_days=180) == []
    x12 = render_837p(doc)
    assert validate_x12(x12)[0]
    assert "PAT*19~" in x12 and "REF*F8*PMH-778899~" in x12 and ":B:7*" in x12


def test_errors_name_code_field_and_message():
    errors = scrub(clean_document(rendering=Party("Okafor", "Maren", npi="1234567890")), today=TODAY,
                   timely_filing_days=180)
    assert errors == [{"code": "npi.invalid", "field": "rendering_provider.npi",
                       "message": "rendering NPI fails its check digit"}]


@pytest.mark.parametrize("changes,code", [
    ({"diagnoses": ("F41.1", "41.1")}, "icd.format"),
    ({"diagnoses": ()}, "dx.missing"),
    ({"total_cents": 14000}, "claim.total_mismatch"),
    ({"lines": (line(1, "90834", dx_pointers=(3,)),)}, "dx.pointer"),
    ({"lines": (line(1, "90847", 17000), line(2, "90785", 2500))}, "cpt.addon_incompatible"),
    ({"lines": (line(1, "99213"),)}, "cpt.unknown"),
    ({"frequency": "8"}, "frequency.reference"),
    ({"billing": Party("Northside", npi="1999999984", address={**clean_document().billing.address, "zip": "60622"},
                       tax_id="364198752")}, "address.zip"),
    ({"billing": Party("Northside", npi="1999999984", address=clean_document().billing.address,
                       tax_id="36-4198752")}, "tax_id.invalid"),
    ({"subscriber": Party("Vale", "Robin", address={}, date_of_birth=None, sex=None, member_id="")},
     "member_id.missing"),
])
def test_the_scrubber_stops_what_pyx12_would_let_through(changes, code):
    doc = clean_document(**changes)
    if "lines" in changes:
        doc = dataclasses.replace(doc, total_cents=sum(line.charge_cents for line in doc.lines))
    assert code in codes(doc)


def test_timely_filing_is_per_payer():
    doc = clean_document()
    assert codes(doc, today=dt.date(2027, 2, 5), days=90) == ["timely_filing.expired"]
    assert codes(doc, today=dt.date(2027, 2, 5), days=365) == []


cpts = st.sampled_from(["90791", "90832", "90834", "90837", "90846", "90847", "90853"])
lines = st.lists(st.tuples(cpts, st.integers(1, 99_999_99), st.sampled_from(["11", "02", "10"]),
                           st.lists(st.sampled_from(["95", "GT", "93", "HO"]), max_size=2, unique=True)),
                 min_size=1, max_size=6)
names = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=70)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=lines, last=names, first=names, dependant=st.booleans(),
       dx=st.lists(st.sampled_from(["F41.1", "F33.1", "F43.23", "Z63.0", "F90.0"]), min_size=1, max_size=4,
                   unique=True), control=st.integers(1, 999_999_999))
def test_every_claim_the_scrubber_passes_is_valid_837p(lines, last, first, dependant, dx, control):
    base = dependant_document() if dependant else clean_document()
    claim_lines = tuple(ClaimLine(i, cpt, cents, dt.date(2026, 11, 2), pos, tuple(mods), 1,
                                  tuple(range(1, len(dx) + 1))) for i, (cpt, cents, pos, mods) in
                        enumerate(lines, start=1))
    doc = dataclasses.replace(base, lines=claim_lines, total_cents=sum(line.charge_cents for line in claim_lines),
                              diagnoses=tuple(dx), control_number=control,
                              rendering=Party(last, first, npi="1000000004"))
    assume(not scrub(doc, today=TODAY, timely_filing_days=180))  # what it stops never reaches an insurer
    valid, errors = validate_x12(render_837p(doc))
    assert valid, errors
