"""The demo practice `make run` seeds into an empty database (made-up people only)."""
from __future__ import annotations

import datetime as dt
import uuid

from rapport_shared.config import Settings
from rapport_shared.db import Database, utcnow
from rapport_shared.principal import Principal
from rapport_shared.topology import producer_exchange

from .adapters.passwords import hash_password
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
     "identities": ["latinx", "culturally-responsive"],
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
    database.dispose()
    return True


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
