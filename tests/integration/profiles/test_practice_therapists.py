"""A practice's own list of its therapists: drafts and unpublished ones included, by name, for its staff only."""
from __future__ import annotations

from support.profiles import bearer, create_admin, login, make_practice


def test_staff_list_their_practices_therapists_whatever_their_status(profiles, client):
    admin = login(client, create_admin(profiles))
    mine, theirs = make_practice(client, admin, "mine"), make_practice(client, admin, "theirs")
    staff = bearer(mine.staff_token)
    for first, last in (("Ada", "Zeller"), ("Bea", "Albers"), ("Cy", "Mbeki"), ("Dov", "Albers")):
        created = client.post("/v1/therapists", headers=staff, json={"first_name": first, "last_name": last})
        assert created.status_code == 201, created.get_json()
    client.post("/v1/therapists", headers=bearer(theirs.staff_token), json={"first_name": "Eve", "last_name": "Other"})

    url = f"/v1/practices/{mine.id}/therapists"
    names, statuses, cursor = [], set(), ""
    while True:
        page = client.get(f"{url}?limit=2" + (f"&cursor={cursor}" if cursor else ""), headers=staff).get_json()
        names += [t["display_name"] for t in page["items"]]
        statuses |= {t["status"] for t in page["items"]}
        if not (cursor := page["next_cursor"]):
            break
    assert names == ["Bea Albers", "Dov Albers", "Cy Mbeki", "Avery Quill-mine, LCSW", "Ada Zeller"]
    assert statuses == {"draft"}

    assert [t["last_name"] for t in client.get(f"{url}?name=alb", headers=staff).get_json()["items"]] == [
        "Albers", "Albers"]
    assert client.get(f"{url}?status=published", headers=staff).get_json()["items"] == []
    # Another practice's staff learn nothing, not even that the practice exists; the public neither.
    assert client.get(url, headers=bearer(theirs.staff_token)).status_code == 404
    assert client.get(url).status_code == 401
    assert client.get(f"{url}?status=archived", headers=staff).status_code == 422
