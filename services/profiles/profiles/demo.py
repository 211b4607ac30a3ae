"""The demo directory `make run` seeds into an empty database (made-up people only).

A hand-written practice in Chicago (booking and billing seed its therapists' calendars and fees), and a
few hundred generated therapists across the vocabulary in practices around the country, so every
filter and the matcher have something to show. Generated surnames are invented words, never real people.
"""
from __future__ import annotations

import datetime as dt
import random
import uuid

from rapport_shared.config import Settings
from rapport_shared.db import Database, utcnow
from rapport_shared.principal import Principal
from rapport_shared.topology import producer_exchange

from .adapters.passwords import hash_password
from .domain import taxonomy
from .domain.accounts import Account
from .service_layer import licenses, practices, therapists
from .service_layer.unit_of_work import UnitOfWork

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@rapport.example", "demo-admin-pass"
STAFF_EMAIL, STAFF_PASSWORD = "staff@northside.example", "demo-staff-pass"

# Fixed ids, so the other services' demo seeds (availability, fee schedules) can refer to the
# same practice and therapists without calling profiles: uuid5 of a readable name.
def demo_id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://rapport.example/demo/{name}"))


DEMO_PRACTICE_ID = demo_id("practice/northside")
CHICAGO_OFFICE = {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "60622"}
DEMO_THERAPISTS = [
    {"first_name": "Maren", "last_name": "Okafor", "credentials": "LMFT", "pronouns": "she/her", "npi": "1234567893",
     "license": ("lmft", "IL"), "specialties": ["couples-therapy", "relational-therapy", "trauma"],
     "issues": ["relationship-distress", "relational-trauma", "attachment", "infidelity", "communication"],
     "modalities": ["eft", "relational", "attachment-based"], "populations": ["couples", "individuals"],
     "formats": ["in_person", "video"], "languages": ["en", "es"], "payer_ids": ["60054", "62308"],
     "self_pay_fee_cents": 16000, "sliding_scale": True, "sliding_scale_min_cents": 9000,
     "locations": [CHICAGO_OFFICE], "teletherapy_states": ["IL", "WI"], "identities": ["lgbtq-affirming"],
     "booking_mode": "instant",
     "approach_statement": "Couples often arrive stuck in the same argument. Together we slow it down, find the "
                           "longing underneath it, and practise new ways of reaching for each other.",
     "specialty_statements": {
         "couples-therapy": "I help partners who feel like roommates or adversaries find their way back: we map "
                            "the cycle you are caught in, then practise stepping out of it together.",
         "trauma": "Relational trauma shows up in our closest bonds. I work gently and at your pace."}},
    {"first_name": "Tobias", "last_name": "Lindqvist", "credentials": "LCSW", "pronouns": "he/him",
     "npi": "1000000004", "license": ("lcsw", "IL"), "specialties": ["trauma", "attachment"],
     "issues": ["complex-ptsd", "ptsd", "abuse", "neglect", "abandonment"],
     "modalities": ["emdr", "psychodynamic", "mindfulness-based"], "populations": ["individuals", "adolescents"],
     "formats": ["video", "phone"], "languages": ["en"], "payer_ids": ["62308"], "self_pay_fee_cents": 14000,
     "locations": [{"line1": "820 W Example St", "city": "Chicago", "state": "IL", "zip": "60657"}],
     "teletherapy_states": ["IL"], "booking_mode": "request",
     "approach_statement": "Trauma lives in the body and in our relationships. I offer steady, paced EMDR and "
                           "psychodynamic work for adults and teens carrying complex trauma.",
     "specialty_statements": {
         "trauma": "Complex PTSD from childhood abuse or neglect is my focus; we build safety before we process.",
         "attachment": "Fear of abandonment often echoes early bonds; we look at those patterns with care."}},
]
# More made-up clinicians, so search and matching demos have something to choose between.
MORE_THERAPISTS = [
    {"first_name": "Priya", "last_name": "Castellanos", "credentials": "LCPC", "pronouns": "she/they",
     "license": ("lpc", "IL"), "specialties": ["eating-disorders", "mood-disorders"],
     "issues": ["eating-disorders", "body-image", "low-self-esteem", "anxiety", "depression"],
     "modalities": ["dbt", "cbt", "person-centered"], "populations": ["individuals", "adolescents"],
     "formats": ["video"], "languages": ["en", "hi"], "payer_ids": ["60054"], "self_pay_fee_cents": 13000,
     "teletherapy_states": ["IL", "IN"], "identities": ["woman", "asian", "lgbtq-affirming"],
     "approach_statement": "Recovery from an eating disorder is relational work: with food, your body and the "
                           "people around you. I bring DBT skills and a lot of warmth.",
     "specialty_statements": {"eating-disorders": "I work with teens and adults on restriction, bingeing and "
                                                  "body image, alongside their families when that helps."}},
    {"first_name": "Desmond", "last_name": "Achterberg", "credentials": "LMFT", "pronouns": "he/him",
     "license": ("lmft", "IL"), "specialties": ["family-therapy", "child-and-adolescent"],
     "issues": ["enmeshment", "communication", "grief"], "modalities": ["family-systems", "play-therapy"],
     "populations": ["families", "children", "adolescents"], "formats": ["in_person", "video"],
     "languages": ["en", "pl"], "payer_ids": ["62308", "60054"], "self_pay_fee_cents": 15000,
     "locations": [{"line1": "1 Example Plaza", "city": "Evanston", "state": "IL", "zip": "60201"}],
     "approach_statement": "Families get stuck in patterns nobody chose. I help each member be heard and "
                           "find new ways to be together.",
     "specialty_statements": {"family-therapy": "From enmeshment to estrangement, I work with the whole "
                                                "system: parents, children and the space between them."}},
    {"first_name": "Rosa", "last_name": "Villanueva-Pike", "credentials": "AMFT", "pronouns": "she/her",
     "license": ("amft", "IL"), "supervised_by": "Maren-Okafor", "specialties": ["couples-therapy"],
     "issues": ["relationship-distress", "communication", "infidelity"], "modalities": ["gottman", "eft"],
     "populations": ["couples"], "formats": ["video", "phone"], "languages": ["en", "es"], "payer_ids": [],
     "self_pay_fee_cents": 9000, "sliding_scale": True, "sliding_scale_min_cents": 5000,
     "identities": ["hispanic-latino", "culturally-responsive"],
     "approach_statement": "Bilingual couples therapy at a lower fee, under supervision: practical tools and "
                           "a place to be understood in either language."},
]


def seed_demo(settings: Settings) -> bool:
    """Create the demo admin, practice, staff and therapists; False if accounts already exist."""
    database = Database(settings.database_url)
    exchange = producer_exchange(settings.amqp_namespace, "profiles")
    with database.writer() as session:
        uow = UnitOfWork(session, exchange)
        if uow.accounts.by_email(ADMIN_EMAIL) is not None:
            return False
        admin = Account(str(uuid.uuid4()), ADMIN_EMAIL, hash_password(ADMIN_PASSWORD), "admin", None, None, utcnow())
        uow.accounts.add(admin)
        uow.commit()
        as_admin = Principal(subject=admin.id, role="admin")
        practice = practices.register_practice(uow, as_admin, {
            "name": "Northside Relational Therapy",
            "time_zone": "America/Chicago",
            "phone": "+1 312 555 0100",
            "group_npi": "1999999984",
            "tax_id": "364198752",
            "address": {"line1": "1200 N Example Ave", "city": "Chicago", "state": "IL", "zip": "60622"},
        }, practice_id=DEMO_PRACTICE_ID)
        practices.add_member(uow, as_admin, practice.id,
                             {"email": STAFF_EMAIL, "password": STAFF_PASSWORD, "role": "staff"})
        for fields in DEMO_THERAPISTS + MORE_THERAPISTS:
            _listed_therapist(uow, as_admin, practice.id, dict(fields))
        _generated_directory(uow, as_admin)
    database.dispose()
    return True


GENERATED = 300
# (city, state, ZIP, time zone): practices around the country, offices at made-up street numbers.
DEMO_CITIES = [
    ("New York", "NY", "10001", "America/New_York"), ("Los Angeles", "CA", "90012", "America/Los_Angeles"),
    ("Houston", "TX", "77002", "America/Chicago"), ("Denver", "CO", "80202", "America/Denver"),
    ("Seattle", "WA", "98101", "America/Los_Angeles"), ("Atlanta", "GA", "30303", "America/New_York"),
    ("Miami", "FL", "33130", "America/New_York"), ("Boston", "MA", "02108", "America/New_York"),
    ("Phoenix", "AZ", "85004", "America/Phoenix"), ("Minneapolis", "MN", "55401", "America/Chicago"),
    ("Philadelphia", "PA", "19103", "America/New_York"), ("Portland", "OR", "97205", "America/Los_Angeles"),
    ("Austin", "TX", "78701", "America/Chicago"), ("Nashville", "TN", "37203", "America/Chicago"),
    ("Detroit", "MI", "48226", "America/Detroit"), ("Chicago", "IL", "60622", "America/Chicago"),
]
FIRST_NAMES = ("Avery Blake Casey Dana Eden Farrah Gale Harper Imani Jules Kai Lane Marlow Noor Oakley Perrin Quinn "
               "Rowan Sage Tamsin Umber Vale Wren Xiomara Yael Zuri Alma Bodhi Cyrus Delphine Emeric Fenna Idris "
               "Leontine Matthias Nadia Osei Paloma Ravi Solveig Teodor Ulla Viggo Wilhelmina").split()
# Invented surnames: two made-up halves, so no generated name is a real clinician's.
SURNAME_HALVES = (("Amber", "Brindle", "Cloud", "Dapple", "Ember", "Fennel", "Gossamer", "Hollow", "Inkle",
                   "Juniper", "Kestrel", "Larch", "Moss", "Nettle", "Orrin", "Pebble", "Quill", "Rowan"),
                  ("brook", "crest", "dell", "fold", "gate", "hurst", "ley", "mere", "ridge", "shaw", "thorn",
                   "vale", "wick", "worth"))
LICENSES = (("lcsw", "LCSW"), ("lmft", "LMFT"), ("lpc", "LPC"), ("psychologist", "PhD"), ("lmhc", "LMHC"))
PRONOUNS = {"woman": "she/her", "man": "he/him", "non-binary": "they/them"}


def _generated_directory(uow: UnitOfWork, as_admin: Principal) -> None:
    """GENERATED published therapists spread over DEMO_CITIES and the whole vocabulary (seeded: the same each run)."""
    rng = random.Random(14)
    practice_ids = []
    for city, state, zip_code, zone in DEMO_CITIES:
        practice_id = demo_id(f"practice/{city.lower().replace(' ', '-')}")
        practices.register_practice(uow, as_admin, {
            "name": f"{city} Demo Collective", "time_zone": zone, "phone": "+1 312 555 0199",
            "address": {"line1": "1 Example Plaza", "city": city, "state": state, "zip": zip_code}},
            practice_id=practice_id)
        practice_ids.append((practice_id, city, state, zip_code))
    for n in range(GENERATED):
        practice_id, city, state, zip_code = practice_ids[n % len(practice_ids)]
        _listed_therapist(uow, as_admin, practice_id, _generated_profile(rng, n, city, state, zip_code))


def _speaks_spanish(n: int) -> bool:
    """About one in five: the language most US clients ask for after English. Drawn apart from the profile's
    own draws, so the rest of each generated profile stays as it was."""
    return random.Random(f"spanish/{n}").random() < 0.2


def _generated_profile(rng: random.Random, n: int, city: str, state: str, zip_code: str) -> dict:
    specialties = rng.sample(list(taxonomy.SPECIALTIES), rng.randint(1, 3))
    # Mostly issues their specialties cover, plus a few others: the matcher's reasons then read true.
    covered = sorted({i for s in specialties for i in taxonomy.SPECIALTIES[s].covers})
    issues = rng.sample(covered, min(len(covered), rng.randint(2, 5))) + rng.sample(list(taxonomy.ISSUES), 2)
    gender = rng.choice(["woman", "woman", "man", "non-binary"])
    groups: dict[str, list[str]] = {t.group: [] for t in taxonomy.IDENTITIES.values()}
    for term in taxonomy.IDENTITIES.values():
        groups[term.group].append(term.slug)
    identities = [gender, rng.choice(groups["ethnicity"])] + rng.sample(groups["faith"], rng.choice([0, 0, 1]))
    identities += ["lgbtq-affirming"] * (rng.random() < 0.6) + ["lgbtq"] * (rng.random() < 0.15)
    ages = [t.slug for t in taxonomy.POPULATIONS.values() if t.group == "age"]
    populations = ["individuals"] + rng.sample(["couples", "families", "groups"], rng.randint(0, 2))
    populations += rng.sample(ages, rng.randint(1, 3)) + rng.sample(
        [t.slug for t in taxonomy.POPULATIONS.values() if t.group == "community"], rng.randint(0, 2))
    license_type, credentials = rng.choice(LICENSES)
    fee = rng.randrange(9000, 22001, 500)
    sliding = rng.random() < 0.4
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAME_HALVES[0]) + rng.choice(SURNAME_HALVES[1])
    labels = [taxonomy.ISSUES[i].label.lower() for i in issues[:3]]
    return {
        "first_name": first, "last_name": f"{last}-{n}", "credentials": credentials, "pronouns": PRONOUNS[gender],
        "license": (license_type, state), "specialties": specialties, "issues": list(dict.fromkeys(issues)),
        "modalities": rng.sample(list(taxonomy.MODALITIES), rng.randint(2, 4)),
        "populations": list(dict.fromkeys(populations)),
        "formats": rng.choice([["video"], ["in_person", "video"], ["in_person"], ["video", "phone"]]),
        "languages": list(dict.fromkeys(
            ["en"] + ["es"] * _speaks_spanish(n) + rng.sample([code for code in taxonomy.LANGUAGES if code != "en"],
                                                             rng.choice([0, 0, 0, 1, 2])))),
        "identities": list(dict.fromkeys(identities)),
        "payer_ids": [payer for payer in (insurer.payer_for(state) for insurer in rng.sample(
            list(taxonomy.INSURERS.values()), rng.randint(0, 5))) if payer],
        "self_pay_fee_cents": fee, "sliding_scale": sliding,
        **({"sliding_scale_min_cents": fee // 2} if sliding else {}),
        "locations": [{"line1": f"{100 + n} Example St", "city": city, "state": state, "zip": zip_code}],
        "teletherapy_states": [state], "booking_mode": rng.choice(["instant", "request"]),
        "approach_statement": f"A demo profile: I work with {', '.join(labels)}, at a pace that suits you.",
        "specialty_statements": {specialties[0]: f"Demo statement: {taxonomy.SPECIALTIES[specialties[0]].label} "
                                                 "is the heart of my work."},
    }


def _listed_therapist(uow: UnitOfWork, as_admin: Principal, practice_id: str, fields: dict) -> None:
    """A demo therapist with a verified license, published."""
    license_type, state = fields.pop("license")
    supervisor = fields.pop("supervised_by", None)
    if supervisor:
        fields["supervisor_id"] = demo_id(f"therapist/{supervisor}".lower())
    therapist_id = demo_id(f"therapist/{fields['first_name']}-{fields['last_name']}".lower())
    therapist = therapists.create_therapist(uow, as_admin, {**fields, "practice_id": practice_id}, therapist_id)
    license_ = licenses.add_license(uow, as_admin, therapist.id, {
        "type": license_type, "number": f"{state}-{therapist_id[:8].upper()}", "state": state,
        "expires_on": dt.date.today() + dt.timedelta(days=700)})
    licenses.verify_license(uow, as_admin, therapist.id, license_.id)
    therapists.publish_therapist(uow, as_admin, therapist.id)
