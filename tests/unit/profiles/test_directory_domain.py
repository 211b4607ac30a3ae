"""Profiles' pure domain: NPI, taxonomy, licenses, geography, search helpers."""
from __future__ import annotations

import datetime as dt

import pytest

from profiles.domain import geo, taxonomy
from profiles.domain.licenses import License, expired_reason, verify
from profiles.domain.npi import is_valid_npi
from profiles.domain.search import query_words, rotation_salt, search_words
from rapport_shared.errors import Conflict, Forbidden, Invalid

NOW = dt.datetime(2026, 11, 22, 15, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("npi", ["1234567893", "1000000004", "1999999984"])
def test_valid_npis(npi):
    assert is_valid_npi(npi)


@pytest.mark.parametrize("npi", ["1234567890", "1234567898", "9999999999", "1093817465", "123456789", "12345678a3"])
def test_invalid_npis(npi):
    assert not is_valid_npi(npi)


def test_unknown_terms_name_the_field_and_term():
    with pytest.raises(Invalid) as raised:
        taxonomy.check_terms("issues", "issues", ["relational-trauma", "astrology"])
    assert raised.value.errors == [{"in": "json", "field": "issues", "message": "unknown term 'astrology'"}]
    assert taxonomy.check_terms("issues", "issues", ["grief", "grief"]) == ["grief"]


def test_taxonomy_document_has_nucc_codes_for_every_license_type():
    doc = taxonomy.as_document()
    codes = {t["slug"]: t["taxonomy_code"] for t in doc["license_types"]}
    assert codes["lcsw"] == "1041C0700X" and codes["lpc"] == "101YP2500X" and codes["lmhc"] == "101YM0800X"
    assert codes["psychologist"] == "103T00000X"


def license_(expires_on: dt.date, **kwargs) -> License:
    return License("l1", "t1", "lcsw", "149.0001", "IL", expires_on, NOW, **kwargs)


def test_license_verification_rules():
    lic = license_(NOW.date() + dt.timedelta(days=10))
    with pytest.raises(Forbidden):
        verify(lic, "therapist", "acct-1", "t1", NOW)
    with pytest.raises(Forbidden):  # staff who are also the holder (a therapist id on the token) cannot either
        verify(lic, "staff", "acct-1", "t1", NOW)
    verify(lic, "staff", "acct-2", None, NOW)
    assert lic.verified_at == NOW and lic.verified_by == "acct-2" and lic.is_valid_on(NOW.date())
    assert not lic.is_valid_on(NOW.date() + dt.timedelta(days=11))
    with pytest.raises(Conflict):
        verify(lic, "staff", "acct-2", None, NOW)
    with pytest.raises(Conflict):
        verify(license_(NOW.date() - dt.timedelta(days=1)), "admin", "acct-3", None, NOW)
    assert expired_reason([lic]).startswith("license expired: LCSW IL 149.0001 (expired ")


def test_haversine_and_the_chord_test_agree():
    chicago, evanston = (41.9019, -87.6779), (42.0451, -87.6877)
    distance = geo.haversine_km(*chicago, *evanston)
    assert 15 < distance < 17
    a, b = geo.unit_vector(*chicago), geo.unit_vector(*evanston)
    chord2 = sum((p - q) ** 2 for p, q in zip(a, b, strict=True))
    assert chord2 <= geo.max_chord_squared(distance + 0.01)
    assert chord2 > geo.max_chord_squared(distance - 0.01)
    box = geo.bounding_box(*chicago, distance + 0.01)
    assert box.min_lat <= evanston[0] <= box.max_lat and box.min_lon <= evanston[1] <= box.max_lon


def test_search_words_fold_case_and_accents():
    assert search_words("Inés O'Hara-Lee, LMFT") == ["ines", "o", "hara", "lee", "lmft"]
    assert query_words("  Trauma  trauma EMDR ") == ("trauma", "emdr")


def test_rotation_salt_changes_by_the_hour_not_within_it():
    assert rotation_salt(NOW) == rotation_salt(NOW + dt.timedelta(minutes=59))
    salts = {rotation_salt(NOW + dt.timedelta(hours=h)) for h in range(24)}
    assert len(salts) == 24 and all(0 <= s < 2**31 for s in salts)
