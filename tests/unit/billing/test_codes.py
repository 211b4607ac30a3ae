import pytest

from billing.domain.codes import add_on_errors, billable_code, icd10_for_x12, icd10_valid, npi_valid


@pytest.mark.parametrize("npi", ["1234567893", "1000000004", "1999999984"])
def test_valid_npis_pass_the_check_digit(npi):
    assert npi_valid(npi)


@pytest.mark.parametrize("npi", ["1234567890", "1234567898", "9999999999", "1093817465", "", None, "12345"])
def test_invalid_npis_fail(npi):
    assert not npi_valid(npi)


@pytest.mark.parametrize("code", ["F41.1", "F33.1", "Z63.0", "F43.23", "F90.0", "F32.A"])
def test_icd10_codes(code):
    assert icd10_valid(code)


@pytest.mark.parametrize("code", ["F411.", "41.1", "F4", "f41.1", "U07.1X", "F41.12345", ""])
def test_malformed_icd10_codes(code):
    assert not icd10_valid(code)


def test_x12_carries_no_decimal():
    assert icd10_for_x12("F43.23") == "F4323"


@pytest.mark.parametrize("minutes,code", [(15, None), (16, "90832"), (37, "90832"), (38, "90834"), (52, "90834"),
                                          (53, "90837"), (90, "90837")])
def test_psychotherapy_code_follows_the_minutes(minutes, code):
    assert billable_code("90834", minutes) == code


def test_family_codes_need_26_minutes():
    assert billable_code("90847", 25) is None
    assert billable_code("90847", 26) == "90847"


def test_add_ons_and_unknown_codes_are_not_billed_alone():
    assert billable_code("90785", 50) is None
    assert billable_code("99999", 50) is None


def test_interactive_complexity_rules():
    assert add_on_errors(["90834", "90785"]) == []
    assert [c for c, _ in add_on_errors(["90847", "90785"])] == ["cpt.addon_without_primary", "cpt.addon_incompatible"]
    assert "cpt.addon_incompatible" in [c for c, _ in add_on_errors(["90846", "90834", "90785"])]
    assert [c for c, _ in add_on_errors(["90840"])] == ["cpt.addon_without_primary"]


def test_a_fee_schedule_is_keyed_by_five_digit_codes_exactly():
    import marshmallow as ma

    from billing.api.schemas import CentsPerCpt

    assert CentsPerCpt().load({"90837": 15000}) == {"90837": 15000}
    for key in ("90837\n", " 90837", "9083", "908370"):
        with pytest.raises(ma.ValidationError):
            CentsPerCpt().load({key: 15000})
