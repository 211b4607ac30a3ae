"""payers plans coverage charges claims

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 14:14:52.376850
"""
import sqlalchemy as sa
from alembic import op

import rapport_shared.db

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('charges',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('appointment_id', sa.String(length=36), nullable=False),
    sa.Column('service_date', sa.Date(), nullable=False),
    sa.Column('cpt', sa.String(length=5), nullable=False),
    sa.Column('modifiers', sa.JSON(), nullable=False),
    sa.Column('pos', sa.String(length=2), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('charge_cents', sa.BigInteger(), nullable=False),
    sa.Column('coverage_id', sa.String(length=36), nullable=True),
    sa.Column('claim_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('appointment_id')
    )
    with op.batch_alter_table('charges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charges_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_charges_practice_id'), ['practice_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('coverage_id', sa.String(length=36), nullable=False),
    sa.Column('payer_ref', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('frequency', sa.String(length=1), nullable=False),
    sa.Column('original_claim_id', sa.String(length=36), nullable=True),
    sa.Column('original_reference', sa.String(length=50), nullable=True),
    sa.Column('patient_control_number', sa.String(length=20), nullable=False),
    sa.Column('diagnoses', sa.JSON(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('total_cents', sa.BigInteger(), nullable=False),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.Column('paid_cents', sa.BigInteger(), nullable=False),
    sa.Column('patient_responsibility_cents', sa.BigInteger(), nullable=False),
    sa.Column('payer_claim_number', sa.String(length=50), nullable=True),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('patient_control_number'),
    sa.UniqueConstraint('seq')
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index('ix_claims_practice_status', ['practice_id', 'status'], unique=False)

    op.create_table('clients',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('address', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clients_practice_id'), ['practice_id'], unique=False)

    op.create_table('coverages',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('payer_ref', sa.String(length=36), nullable=False),
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=80), nullable=False),
    sa.Column('group_number', sa.String(length=50), nullable=True),
    sa.Column('relationship', sa.String(length=2), nullable=False),
    sa.Column('subscriber', sa.JSON(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('accumulator_year', sa.Integer(), nullable=False),
    sa.Column('deductible_met_cents', sa.Integer(), nullable=False),
    sa.Column('oop_met_cents', sa.Integer(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coverages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coverages_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverages_practice_id'), ['practice_id'], unique=False)

    op.create_table('diagnoses',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id', 'position')
    )
    op.create_table('eligibility_checks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('coverage_id', sa.String(length=36), nullable=False),
    sa.Column('checked_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('eligibility_checks', schema=None) as batch_op:
        batch_op.create_index('ix_eligibility_coverage', ['coverage_id', 'checked_at'], unique=False)

    op.create_table('estimates',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('fee_schedules',
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('payer_ref', sa.String(length=36), nullable=False),
    sa.Column('amounts', sa.JSON(), nullable=False),
    sa.Column('self_pay', sa.JSON(), nullable=False),
    sa.Column('sliding_scale', sa.JSON(), nullable=False),
    sa.Column('billing_address', sa.JSON(), nullable=True),
    sa.Column('updated_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('practice_id', 'payer_ref')
    )
    op.create_table('insurer_answers',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('answer_key', sa.String(length=120), nullable=False),
    sa.Column('claim_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('sender', sa.String(length=200), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('received_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('answer_key')
    )
    with op.batch_alter_table('insurer_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_insurer_answers_claim_id'), ['claim_id'], unique=False)

    op.create_table('ledger',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('claim_id', sa.String(length=36), nullable=True),
    sa.Column('charge_id', sa.String(length=36), nullable=True),
    sa.Column('memo', sa.String(length=200), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'charge_id', 'claim_id', name='uq_ledger_entry')
    )
    with op.batch_alter_table('ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_client_id'), ['client_id'], unique=False)

    op.create_table('payers',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('payer_id', sa.String(length=80), nullable=False),
    sa.Column('claim_filing_indicator', sa.String(length=2), nullable=False),
    sa.Column('timely_filing_days', sa.Integer(), nullable=False),
    sa.Column('telehealth_pos', sa.String(length=2), nullable=False),
    sa.Column('telehealth_modifier', sa.String(length=2), nullable=False),
    sa.Column('associates_bill_under_supervisor', sa.Boolean(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('payer_id')
    )
    op.create_table('plans',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('payer_ref', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('in_network', sa.Boolean(), nullable=False),
    sa.Column('deductible_cents', sa.Integer(), nullable=False),
    sa.Column('oop_max_cents', sa.Integer(), nullable=False),
    sa.Column('coinsurance_bp', sa.Integer(), nullable=False),
    sa.Column('copays', sa.JSON(), nullable=False),
    sa.Column('copay_waives_deductible', sa.Boolean(), nullable=False),
    sa.Column('covered_cpts', sa.JSON(), nullable=False),
    sa.Column('excluded_primary_dx', sa.JSON(), nullable=False),
    sa.Column('prior_auth_cpts', sa.JSON(), nullable=False),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_payer_ref'), ['payer_ref'], unique=False)

    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))

    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('taxonomy_code', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('supervisor_id', sa.String(length=36), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.drop_column('supervisor_id')
        batch_op.drop_column('taxonomy_code')

    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
        batch_op.drop_column('phone')

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_payer_ref'))

    op.drop_table('plans')
    op.drop_table('payers')
    with op.batch_alter_table('ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_client_id'))

    op.drop_table('ledger')
    with op.batch_alter_table('insurer_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_insurer_answers_claim_id'))

    op.drop_table('insurer_answers')
    op.drop_table('fee_schedules')
    op.drop_table('estimates')
    with op.batch_alter_table('eligibility_checks', schema=None) as batch_op:
        batch_op.drop_index('ix_eligibility_coverage')

    op.drop_table('eligibility_checks')
    op.drop_table('diagnoses')
    with op.batch_alter_table('coverages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coverages_practice_id'))
        batch_op.drop_index(batch_op.f('ix_coverages_client_id'))

    op.drop_table('coverages')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_practice_id'))

    op.drop_table('clients')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_practice_status')
        batch_op.drop_index(batch_op.f('ix_claims_practice_id'))
        batch_op.drop_index(batch_op.f('ix_claims_client_id'))

    op.drop_table('claims')
    with op.batch_alter_table('charges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charges_practice_id'))
        batch_op.drop_index(batch_op.f('ix_charges_client_id'))

    op.drop_table('charges')
