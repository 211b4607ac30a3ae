"""Made-up names, statements and profile choices for the 100,000-therapist benchmark directory."""
from __future__ import annotations

import random

from profiles.domain import taxonomy

FIRST = ("Avery Blake Casey Dana Elliot Frankie Gray Harper Indi Jordan Kai Lane Morgan Noor Oakley Parker Quinn "
         "Reese Sage Tatum Umi Vesper Wren Xen Yael Zion Amara Bodhi Cleo Dario Esme Farah Gideon Halle Ilse Joaquin "
         "Kenji Liesel Marisol Nikolai Odile Pilar Rafferty Saoirse Teodor Ulla Viggo Wilhelmina Ximena Yusuf Zora").split()
LAST = ("Abernathy Bellweather Castellane Dunmore Everhart Fairweather Galloway Hollister Ingleby Jessup Kettering "
        "Lindqvist Marchetti Northcott Okonjo Pennington Quarles Ravensworth Sunderland Thackeray Underhill "
        "Vanterpool Whitcombe Yarborough Zeller Achterberg Brightwater Coldwell Delacroix Eastwood Fenwick "
        "Greenhalgh Haverford Ironside Jolliffe Kingsley Lockhart Merriweather Nightingale Oakenfold").split()
OPENERS = ("I work relationally and at your pace.", "Therapy is a collaboration between us.",
           "Change happens in relationship.", "You do not have to carry this alone.",
           "We start where you are, not where you think you should be.")
FOCUS = ("couples who feel stuck in the same argument", "adults healing from relational trauma",
         "teens and families finding their footing", "people rebuilding self-esteem after loss",
         "anyone whose closest bonds feel unsafe", "clients recovering from eating disorders",
         "partners repairing trust after an affair")
PAYERS = ("60054", "62308", "87726", "00192", "39026", "61101", "94999", "00431", "23222", "47198", "BCBSIL", "MCDIL")
LICENSES = ("lcsw", "lmft", "lpc", "lpcc", "lmhc", "psychologist")


def _some(rng: random.Random, values, low: int, high: int) -> list[str]:
    return rng.sample(list(values), rng.randint(low, high))


def make_profile(rng: random.Random, n: int, place) -> dict:
    """One made-up profile at `place` (a ZipPlace), as therapists' columns."""
    specialties = _some(rng, taxonomy.SPECIALTIES, 1, 3)
    formats = _some(rng, taxonomy.FORMATS, 1, 3)
    languages = ["en"] + (_some(rng, [c for c in taxonomy.LANGUAGES if c != "en"], 1, 1) if rng.random() < 0.25 else [])
    license_type = rng.choice(LICENSES)
    return {
        "first_name": rng.choice(FIRST), "last_name": f"{rng.choice(LAST)}{'' if n % 3 else '-' + rng.choice(LAST)}",
        "credentials": license_type.upper() if license_type != "psychologist" else "PsyD",
        "pronouns": rng.choice(["she/her", "he/him", "they/them", None]), "npi": None, "photo_url": None,
        "taxonomy_code": taxonomy.LICENSE_TYPES[license_type].taxonomy_code,
        "specialties": specialties, "issues": _some(rng, taxonomy.ISSUES, 2, 5),
        "modalities": _some(rng, taxonomy.MODALITIES, 1, 3), "populations": _some(rng, taxonomy.POPULATIONS, 1, 3),
        "formats": formats, "languages": languages,
        "identities": _some(rng, taxonomy.IDENTITIES, 0, 2), "payer_ids": _some(rng, PAYERS, 0, 4),
        "self_pay_fee_cents": rng.randrange(80, 250) * 100, "sliding_scale": rng.random() < 0.3,
        "sliding_scale_min_cents": None,
        "locations": [{"line1": f"{rng.randint(1, 9999)} Example St", "city": place.city, "state": place.state,
                       "zip": place.zip, "lat": place.lat, "lon": place.lon}] if "in_person" in formats else [],
        "teletherapy_states": [place.state] if {"video", "phone"} & set(formats) else [],
        "accepting_new_clients": rng.random() < 0.8,
        "approach_statement": f"{rng.choice(OPENERS)} I mostly see {rng.choice(FOCUS)}.",
        "specialty_statements": {specialties[0]: f"My work on {taxonomy.SPECIALTIES[specialties[0]].label.lower()} "
                                                 f"is with {rng.choice(FOCUS)}."},
        "booking_mode": rng.choice(["instant", "request"]), "supervisor_id": None,
        "_license": license_type,
    }
