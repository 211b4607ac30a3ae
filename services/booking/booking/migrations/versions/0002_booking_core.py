"""availability, consultations, reservations, appointments, clients, reminders, audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 14:10:02.582080
"""
import sqlalchemy as sa
from alembic import op

import rapport_shared.db

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('occurred_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('actor_role', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('resource', sa.String(length=200), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=True),
    sa.Column('request_id', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_resource'), ['resource'], unique=False)

    op.create_table('availability',
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('weekly', sa.JSON(), nullable=False),
    sa.Column('exceptions', sa.JSON(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('therapist_id')
    )
    op.create_table('availability_summaries',
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('next_slots', sa.JSON(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('computed_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('therapist_id')
    )
    op.create_table('calendar_feeds',
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('therapist_id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('clients',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('address', sa.JSON(), nullable=True),
    sa.Column('consent_email', sa.Boolean(), nullable=False),
    sa.Column('consent_sms', sa.Boolean(), nullable=False),
    sa.Column('consent_voicemail', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clients_practice_id'), ['practice_id'], unique=False)

    op.create_table('idempotency_keys',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response_sealed', sa.Text(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('reservations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('start_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('holder', sa.String(length=20), nullable=False),
    sa.Column('holder_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('holder', 'holder_id', name='uq_reservations_holder')
    )
    with op.batch_alter_table('reservations', schema=None) as batch_op:
        batch_op.create_index('ix_reservations_therapist_start', ['therapist_id', 'start_at'], unique=False)

    op.create_table('appointments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('start_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('actual_duration_min', sa.Integer(), nullable=True),
    sa.Column('service_code', sa.String(length=5), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointments_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_appointments_therapist_start', ['therapist_id', 'start_at'], unique=False)

    op.create_table('consultations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('start_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('hold_expires_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('status_reason', sa.String(length=500), nullable=True),
    sa.Column('suggested_therapist_id', sa.String(length=36), nullable=True),
    sa.Column('concerns_sealed', sa.Text(), nullable=True),
    sa.Column('manage_token_hash', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('manage_token_hash')
    )
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.create_index('ix_consultations_practice_start', ['practice_id', 'start_at'], unique=False)
        batch_op.create_index('ix_consultations_therapist_start', ['therapist_id', 'start_at'], unique=False)

    op.create_table('slot_claims',
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('minute_bucket', sa.BigInteger(), nullable=False),
    sa.Column('reservation_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['reservation_id'], ['reservations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('therapist_id', 'minute_bucket')
    )
    with op.batch_alter_table('slot_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slot_claims_reservation_id'), ['reservation_id'], unique=False)

    op.create_table('attendees',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('consultation_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('relationship', sa.String(length=40), nullable=True),
    sa.Column('consent_email', sa.Boolean(), nullable=False),
    sa.Column('consent_sms', sa.Boolean(), nullable=False),
    sa.Column('consent_voicemail', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attendees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendees_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('reminders',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('consultation_id', sa.String(length=36), nullable=False),
    sa.Column('attendee_id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('lead', sa.String(length=10), nullable=False),
    sa.Column('due_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('sent_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index('ix_reminders_due', ['status', 'next_attempt_at'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        # The database, not the code, forbids two overlapping reservations of one therapist.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE reservations ADD CONSTRAINT ex_reservations_no_overlap "
            "EXCLUDE USING gist (therapist_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE reservations DROP CONSTRAINT ex_reservations_no_overlap")
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_due')
        batch_op.drop_index(batch_op.f('ix_reminders_consultation_id'))

    op.drop_table('reminders')
    with op.batch_alter_table('attendees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendees_consultation_id'))

    op.drop_table('attendees')
    with op.batch_alter_table('slot_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_slot_claims_reservation_id'))

    op.drop_table('slot_claims')
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_index('ix_consultations_therapist_start')
        batch_op.drop_index('ix_consultations_practice_start')

    op.drop_table('consultations')
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index('ix_appointments_therapist_start')
        batch_op.drop_index(batch_op.f('ix_appointments_client_id'))

    op.drop_table('appointments')
    with op.batch_alter_table('reservations', schema=None) as batch_op:
        batch_op.drop_index('ix_reservations_therapist_start')

    op.drop_table('reservations')
    op.drop_table('idempotency_keys')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_practice_id'))

    op.drop_table('clients')
    op.drop_table('calendar_feeds')
    op.drop_table('availability_summaries')
    op.drop_table('availability')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_resource'))

    op.drop_table('audit_log')
