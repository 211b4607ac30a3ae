"""The pure ranking function behind POST /v1/matches."""
from __future__ import annotations

import datetime as dt

from profiles.domain.matching import Candidate, MatchRequest, rank, related_terms, render_slot
from profiles.domain.therapists import Therapist

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone.utc)  # a Monday


def therapist(id_: str, **fields) -> Therapist:
    return Therapist(id=id_, practice_id="p", first_name=id_.title(), last_name="X", created_at=NOW,
                     updated_at=NOW, status="published", **fields)


def test_overlap_payer_format_and_language_rank_with_reasons():
    a = therapist("a", issues=["relational-trauma", "attachment"], formats=["video"], payer_ids=["60054"],
                  languages=["en", "es"])
    b = therapist("b", issues=["relational-trauma"], formats=["video"], payer_ids=[], self_pay_fee_cents=15000,
                  sliding_scale=True)
    c = therapist("c", issues=["grief"], formats=["phone"])
    request = MatchRequest(concern_terms=("issue:relational-trauma", "issue:attachment"), format="video",
                           payer_id="60054", language="es")
    ranked = rank([Candidate(c), Candidate(b), Candidate(a)], request, NOW, limit=3)
    assert [m.therapist.id for m in ranked] == ["a", "b", "c"]
    # The payer's name comes from the vocabulary's insurers when the client gave only the id.
    assert ranked[0].reasons == ["works with relational trauma", "works with attachment", "offers video",
                                 "in network with Aetna", "speaks Spanish"]
    assert "self-pay $150 per session (sliding scale)" in ranked[1].reasons
    assert 0 <= ranked[2].score < ranked[1].score < ranked[0].score <= 100


def test_a_medicare_client_is_in_network_with_a_therapist_enrolled_through_any_states_contractor():
    enrolled_in_ohio = therapist("oh", issues=["grief"], payer_ids=["15202"])
    aetna_only = therapist("aetna", issues=["grief"], payer_ids=["60054"])
    request = MatchRequest(concern_terms=("issue:grief",), payer_id="12502")  # the client's Pennsylvania contractor
    ranked = rank([Candidate(aetna_only), Candidate(enrolled_in_ohio)], request, NOW, limit=2)
    assert [m.therapist.id for m in ranked] == ["oh", "aetna"]
    assert "in network with Medicare" in ranked[0].reasons
    assert not any(reason.startswith("in network") for reason in ranked[1].reasons)
    # a payer id no insurer of the vocabulary has counts as itself only
    assert MatchRequest(payer_id="ZZ999").in_network_ids == {"ZZ999"} and not MatchRequest().in_network_ids


def test_speaking_the_clients_language_outweighs_every_concern_that_fits():
    fits_all = therapist("all", issues=["anxiety", "insomnia", "grief"], formats=["video"], payer_ids=["60054"])
    speaks = therapist("speaks", issues=["anxiety"], languages=["en", "es"])
    request = MatchRequest(concern_terms=("issue:anxiety", "issue:insomnia", "issue:grief"), format="video",
                           payer_id="60054", language="es")
    ranked = rank([Candidate(fits_all), Candidate(speaks)], request, NOW, limit=2)
    assert [m.therapist.id for m in ranked] == ["speaks", "all"]  # the other still follows


def test_a_specialty_covers_its_issues_and_says_so():
    specialist = therapist("s", specialties=["trauma"])
    ranked = rank([Candidate(specialist)], MatchRequest(concern_terms=("issue:neglect",)), NOW, limit=1)
    assert ranked[0].reasons == ["specialises in trauma and PTSD"] and ranked[0].score > 0
    assert "specialty:trauma" in related_terms(["issue:neglect"])


def test_age_groups_and_populations_read_as_plain_words():
    teen_therapist = therapist("t", populations=["adolescents"], issues=["self-harm"])
    request = MatchRequest(concern_terms=("issue:self-harm", "population:adolescents"))
    assert rank([Candidate(teen_therapist)], request, NOW, 1)[0].reasons == [
        "works with self-harm", "works with teens (14-19)"]


def test_a_sooner_screening_slot_breaks_ties_and_is_shown_in_the_clients_zone():
    same = dict(issues=["grief"], formats=["video"])
    later = Candidate(therapist("later", **same), {"next_slots": ["2026-12-20T16:00:00Z"], "timezone": "UTC"})
    sooner = Candidate(therapist("sooner", **same),
                       {"next_slots": ["2026-11-20T16:00:00Z", "2026-11-24T16:00:00Z"], "timezone": "America/Chicago"})
    request = MatchRequest(concern_terms=("issue:grief",), time_zone="America/New_York")
    ranked = rank([later, sooner], request, NOW, limit=2)
    assert [m.therapist.id for m in ranked] == ["sooner", "later"]
    # The past slot is skipped; Tuesday 16:00 UTC is 11:00 the next day in New York.
    assert "free screening call tomorrow at 11:00" in ranked[0].reasons
    assert "free screening call Sun 20 Dec at 11:00" in ranked[1].reasons


def test_ties_keep_the_incoming_order_and_limit_applies():
    candidates = [Candidate(therapist(str(i), issues=["grief"])) for i in range(8)]
    ranked = rank(candidates, MatchRequest(concern_terms=("issue:grief",)), NOW, limit=5)
    assert [m.therapist.id for m in ranked] == ["0", "1", "2", "3", "4"]


def test_render_slot_says_today_tomorrow_or_the_day_and_names_the_therapists_zone_when_needed():
    start = dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.timezone.utc)
    assert render_slot(start, NOW, None, "America/Chicago") == "tomorrow at 10:00 CST"
    assert render_slot(start, NOW, "America/Chicago", None) == "tomorrow at 10:00"
    assert render_slot(NOW + dt.timedelta(hours=2), NOW, "UTC", None) == "today at 17:00"
    assert render_slot(start + dt.timedelta(days=2), NOW, "UTC", None) == "Thu at 16:00"


def test_candidates_are_drawn_by_the_concerns_that_narrow_not_by_what_everyone_lists():
    from profiles.domain.matching import drawing_terms

    assert drawing_terms(["issue:hoarding", "population:adults"]) == ["issue:hoarding", *related_terms(["issue:hoarding"])]
    assert drawing_terms(["population:adults"]) == ["population:adults"]  # nothing narrower: everyone who fits


def test_only_the_matches_returned_are_put_into_words(monkeypatch):
    # Every candidate of a pool is weighed, but a slot said in words, in a time zone, is said only for those shown.
    from profiles.domain import matching

    rendered = []
    render = matching.render_slot
    monkeypatch.setattr(matching, "render_slot", lambda *args: rendered.append(args) or render(*args))
    slot = {"next_slots": ["2026-11-24T16:00:00Z"], "timezone": "UTC"}
    candidates = [Candidate(therapist(str(i), issues=["grief"]), slot) for i in range(40)]
    request = MatchRequest(concern_terms=("issue:grief",))
    ranked = rank(candidates, request, NOW, limit=3)
    assert [m.reasons for m in ranked] == [["works with grief and loss", "free screening call tomorrow at 16:00 UTC"]] * 3
    assert len(rendered) == 3
    assert [(m.score, m.reasons) for m in ranked] == \
        [(m.score, m.reasons) for m in rank(candidates[:3], request, NOW, limit=3)]
