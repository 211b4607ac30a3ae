"""directory licenses search and availability

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 14:10:48.286192
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import rapport_shared.db

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    empty_terms = "'{}'" if op.get_bind().dialect.name == "postgresql" else "'[]'"
    op.create_table('availability_summaries',
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('practice_id', sa.String(length=36), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('booking_mode', sa.String(length=16), nullable=True),
    sa.Column('formats', sa.JSON(), nullable=False),
    sa.Column('next_slots', sa.JSON(), nullable=False),
    sa.Column('computed_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('therapist_id')
    )
    op.create_table('directory_locations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.Column('z', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['therapist_id'], ['therapists.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('directory_locations', schema=None) as batch_op:
        batch_op.create_index('ix_directory_locations_lat_lon', ['lat', 'lon'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_locations_therapist_id'), ['therapist_id'], unique=False)

    op.create_table('directory_terms',
    sa.Column('term', sa.String(length=80), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['therapist_id'], ['therapists.id'], ),
    sa.PrimaryKeyConstraint('term', 'therapist_id')
    )
    with op.batch_alter_table('directory_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_terms_therapist_id'), ['therapist_id'], unique=False)

    op.create_table('licenses',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('therapist_id', sa.String(length=36), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=2), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('verified_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('verified_by', sa.String(length=64), nullable=True),
    sa.Column('created_at', rapport_shared.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['therapist_id'], ['therapists.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('licenses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licenses_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_licenses_therapist_id'), ['therapist_id'], unique=False)

    with op.batch_alter_table('therapists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('photo_url', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('taxonomy_code', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('specialties', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('issues', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('modalities', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('populations', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('formats', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('languages', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('identities', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('payer_ids', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('self_pay_fee_cents', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sliding_scale', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('sliding_scale_min_cents', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('locations', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('teletherapy_states', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('accepting_new_clients', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('approach_statement', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('specialty_statements', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('booking_mode', sa.String(length=16), nullable=False, server_default='request'))
        batch_op.add_column(sa.Column('supervisor_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('shuffle', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('search_document', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('terms', sa.JSON().with_variant(postgresql.ARRAY(sa.String(length=80)), 'postgresql'), nullable=False, server_default=sa.text(empty_terms)))
        batch_op.create_index('ix_therapists_rotation', ['status', 'shuffle', 'id'], unique=False)
        batch_op.create_index('ix_therapists_terms', ['terms'], unique=False, postgresql_using='gin')
        # GIN over the tsvector on PostgreSQL; a plain index on SQLite's text column.
        batch_op.create_index('ix_therapists_search', ['search_document'], unique=False, postgresql_using='gin')

    # Existing profiles get their own place on the rotation wheel.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE therapists SET shuffle = floor(random() * 2147483647)::int")
    else:
        op.execute("UPDATE therapists SET shuffle = abs(random()) % 2147483647")



def downgrade() -> None:
    with op.batch_alter_table('therapists', schema=None) as batch_op:
        batch_op.drop_index('ix_therapists_rotation')
        batch_op.drop_index('ix_therapists_search', postgresql_using='gin')
        batch_op.drop_index('ix_therapists_terms', postgresql_using='gin')
        batch_op.drop_column('terms')
        batch_op.drop_column('search_document')
        batch_op.drop_column('shuffle')
        batch_op.drop_column('supervisor_id')
        batch_op.drop_column('booking_mode')
        batch_op.drop_column('specialty_statements')
        batch_op.drop_column('approach_statement')
        batch_op.drop_column('accepting_new_clients')
        batch_op.drop_column('teletherapy_states')
        batch_op.drop_column('locations')
        batch_op.drop_column('sliding_scale_min_cents')
        batch_op.drop_column('sliding_scale')
        batch_op.drop_column('self_pay_fee_cents')
        batch_op.drop_column('payer_ids')
        batch_op.drop_column('identities')
        batch_op.drop_column('languages')
        batch_op.drop_column('formats')
        batch_op.drop_column('populations')
        batch_op.drop_column('modalities')
        batch_op.drop_column('issues')
        batch_op.drop_column('specialties')
        batch_op.drop_column('taxonomy_code')
        batch_op.drop_column('photo_url')

    with op.batch_alter_table('licenses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licenses_therapist_id'))
        batch_op.drop_index(batch_op.f('ix_licenses_expires_on'))

    op.drop_table('licenses')
    with op.batch_alter_table('directory_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_terms_therapist_id'))

    op.drop_table('directory_terms')
    with op.batch_alter_table('directory_locations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_locations_therapist_id'))
        batch_op.drop_index('ix_directory_locations_lat_lon')

    op.drop_table('directory_locations')
    op.drop_table('availability_summaries')
