"""The vocabulary over HTTP: served with an ETag, old slugs resolved to their successors, stored ones migrated."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import sqlalchemy as sa
from support.databases import migrations_dir
from support.profiles_directory import listed_therapist, search_ids

from rapport_shared.migrations import upgrade


def test_taxonomy_is_served_with_an_etag_and_answers_304_when_unchanged(client):
    first = client.get("/v1/taxonomy")
    assert first.status_code == 200 and first.headers["ETag"].startswith('"')
    body = first.get_json()
    assert len(body["issues"]) >= 90 and len(body["modalities"]) >= 67 and len(body["languages"]) >= 37
    assert body["aliases"]["issues"]["chronic-pain-or-illness"] == "chronic-illness"
    aetna = next(t for t in body["insurers"] if t["slug"] == "aetna")
    assert aetna["payer_id"] == "60054"
    grief = next(t for t in body["issues"] if t["slug"] == "grief")
    assert grief["icd10"] and grief["description"] and "bereavement" in grief["synonyms"]
    again = client.get("/v1/taxonomy", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == first.headers["ETag"]
    stale = client.get("/v1/taxonomy", headers={"If-None-Match": '"an-older-vocabulary"'})
    assert stale.status_code == 200


def test_old_slugs_are_written_and_filtered_as_their_successors(client, practice_a):
    therapist = listed_therapist(client, practice_a.staff_token, "Ada", "Renamed",
                                 issues=["chronic-pain-or-illness", "chronic-illness"], languages=["en", "zh"],
                                 identities=["latinx"])
    assert therapist["issues"] == ["chronic-illness"]
    assert therapist["languages"] == ["en", "cmn"] and therapist["identities"] == ["hispanic-latino"]
    assert search_ids(client, "issue=chronic-illness") == [therapist["id"]]


def test_the_migration_rewrites_stored_profiles_to_the_successors(databases, backend):
    url = databases.empty("profiles_renames", backend)
    upgrade(migrations_dir("profiles"), url, "0002")
    engine = sa.create_engine(url)
    therapist_id, now = str(uuid.uuid4()), dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    terms = ["issue:chronic-pain-or-illness", "language:zh", "specialty:trauma"]
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO practices (id, name, time_zone, address, version, created_at, updated_at) "
                             "VALUES (:id, 'P', 'America/Chicago', '{}', 1, :now, :now)"),
                     {"id": "p1", "now": now})
        therapists = sa.Table("therapists", sa.MetaData(), autoload_with=conn)
        conn.execute(sa.insert(therapists).values(
            id=therapist_id, practice_id="p1", first_name="Old", last_name="Slugs", credentials="", status="published",
            version=1, created_at=now, updated_at=now, shuffle=1, specialties=["trauma"],
            issues=["chronic-pain-or-illness", "grief"], modalities=[], populations=[], formats=[],
            languages=["en", "zh"], identities=["latinx"], payer_ids=[], locations=[], teletherapy_states=[],
            specialty_statements={}, terms=terms, accepting_new_clients=True, sliding_scale=False,
            booking_mode="request"))
        conn.execute(sa.text("INSERT INTO directory_terms (term, therapist_id) VALUES (:t, :id)"),
                     [{"t": t, "id": therapist_id} for t in terms])
    upgrade(migrations_dir("profiles"), url)
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT issues, languages, identities FROM therapists")).one()
        stored = [value if isinstance(value, list) else json.loads(value) for value in row]
        listed = sorted(conn.execute(sa.text("SELECT term FROM directory_terms")).scalars())
    engine.dispose()
    assert stored == [["chronic-illness", "grief"], ["en", "cmn"], ["hispanic-latino"]]
    assert listed == ["issue:chronic-illness", "language:cmn", "specialty:trauma"]
