"""Each repository Protocol a service layer depends on, its SQL implementation and its unit-test fake agree."""
from __future__ import annotations

import pytest
from support import profiles_fakes
from support.ports import drift
from unit.booking import fakes as booking_fakes

from booking.adapters import records as booking_records
from booking.adapters import reminder_store as booking_reminders
from booking.adapters import repositories as booking_sql
from booking.adapters import reservations as booking_reservations
from booking.service_layer import ports as booking_ports
from profiles.adapters import directory as profiles_directory
from profiles.adapters import repositories as profiles_sql
from profiles.service_layer import ports as profiles_ports

CASES = [
    (profiles_ports.PracticeRepository, profiles_sql.PracticeRepository, profiles_fakes.FakePracticeRepository),
    (profiles_ports.TherapistRepository, profiles_sql.TherapistRepository, profiles_fakes.FakeTherapistRepository),
    (profiles_ports.LicenseRepository, profiles_sql.LicenseRepository, profiles_fakes.FakeLicenseRepository),
    (profiles_ports.AccountRepository, profiles_sql.AccountRepository, profiles_fakes.FakeAccountRepository),
    (profiles_ports.AvailabilityRepository, profiles_sql.AvailabilityRepository,
     profiles_fakes.FakeAvailabilityRepository),
    (profiles_ports.ScreeningAnswerRepository, profiles_sql.ScreeningAnswerRepository,
     profiles_fakes.FakeScreeningAnswerRepository),
    (profiles_ports.Directory, profiles_directory.Directory, None),  # searched on the real databases only
    (profiles_ports.DirectoryIndex, profiles_directory.Directory, profiles_fakes.FakeDirectoryIndex),
    (booking_ports.Therapists, booking_sql.TherapistRepository, booking_fakes.FakeTherapists),
    (booking_ports.AvailabilityStore, booking_sql.AvailabilityRepository, booking_fakes.FakeAvailability),
    (booking_ports.Clients, booking_sql.ClientRepository, booking_fakes.FakeClients),
    (booking_ports.Consultations, booking_sql.ConsultationRepository, booking_fakes.FakeConsultations),
    (booking_ports.Appointments, booking_sql.AppointmentRepository, booking_fakes.FakeAppointments),
    (booking_ports.Reservations, booking_reservations.ReservationRepository, booking_fakes.FakeReservations),
    (booking_ports.IdempotentReplies, booking_records.IdempotencyStore, booking_fakes.FakeIdempotency),
    (booking_ports.AuditTrail, booking_records.AuditLog, booking_fakes.FakeAudit),
    (booking_ports.Feeds, booking_records.CalendarFeeds, booking_fakes.FakeFeeds),
    (booking_ports.Summaries, booking_records.Summaries, booking_fakes.FakeSummaries),
    (booking_ports.Reminders, booking_reminders.ReminderStore, booking_fakes.FakeReminders),
]


@pytest.mark.parametrize("protocol,real,fake", CASES, ids=[f"{c[0].__module__.split('.')[0]}-{c[0].__name__}" for c in CASES])
def test_real_and_fake_repositories_implement_their_protocol(protocol, real, fake):
    assert drift(protocol, real) == []
    if fake is not None:
        assert drift(protocol, fake) == []
