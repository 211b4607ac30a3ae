"""The demo practice `make run` seeds into an empty database (made-up people only)."""
from __future__ import annotations

import uuid

from rapport_shared.config import Settings
from rapport_shared.db import Database, utcnow
from rapport_shared.principal import Principal
from rapport_shared.topology import producer_exchange

from .adapters.passwords import hash_password
from .domain.accounts import Account
from .service_layer import practices, therapists
from .service_layer.unit_of_work import UnitOfWork

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@rapport.example", "demo-admin-pass"
STAFF_EMAIL, STAFF_PASSWORD = "staff@northside.example", "demo-staff-pass"

# Fixed ids, so the other services' demo seeds (availability, fee schedules) can refer to the
# same practice and therapists without calling profiles: uuid5 of a readable name.
def demo_id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://rapport.example/demo/{name}"))


DEMO_PRACTICE_ID = demo_id("practice/northside")
DEMO_THERAPISTS = [
    {"first_name": "Maren", "last_name": "Okafor", "credentials": "LMFT", "pronouns": "she/her", "npi": "1234567893"},
    {"first_name": "Tobias", "last_name": "Lindqvist", "credentials": "LCSW", "pronouns": "he/him", "npi": "1000000004"},
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
        for fields in DEMO_THERAPISTS:
            therapist_id = demo_id(f"therapist/{fields['first_name']}-{fields['last_name']}".lower())
            therapist = therapists.create_therapist(uow, as_admin, {**fields, "practice_id": practice.id}, therapist_id)
            therapists.publish_therapist(uow, as_admin, therapist.id)
    database.dispose()
    return True
