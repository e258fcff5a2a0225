"""Exhibition: exhibitors, their staff, booth allocations (one exhibitor per booth), booth visits and leads.

Revision ID: 0004_exhibition
Revises: 0001_foundation
Create Date: 2026-11-23 13:29:50.168145

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_exhibition'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exhibitors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_fr', sa.Text(), nullable=False),
    sa.Column('description_vi', sa.Text(), nullable=False),
    sa.Column('logo_path', sa.String(length=300), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('requested_size_sqm', sa.Integer(), nullable=False),
    sa.Column('preferred_booths', sa.ARRAY(sa.String(length=10)), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_message', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('requested_size_sqm > 0', name=op.f('ck_exhibitors_requested_size_positive')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_exhibitors_decided_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exhibitors_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exhibitors')),
    sa.UniqueConstraint('user_id', name=op.f('uq_exhibitors_user_id'))
    )
    op.create_index(op.f('ix_exhibitors_status'), 'exhibitors', ['status'], unique=False)
    op.create_index(op.f('ix_exhibitors_theme'), 'exhibitors', ['theme'], unique=False)
    op.create_table('booth_allocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booth_id', sa.Integer(), nullable=False),
    sa.Column('exhibitor_id', sa.Integer(), nullable=False),
    sa.Column('allocated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('allocated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['allocated_by_id'], ['users.id'], name=op.f('fk_booth_allocations_allocated_by_id_users')),
    sa.ForeignKeyConstraint(['booth_id'], ['booths.id'], name=op.f('fk_booth_allocations_booth_id_booths')),
    sa.ForeignKeyConstraint(['exhibitor_id'], ['exhibitors.id'], name=op.f('fk_booth_allocations_exhibitor_id_exhibitors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booth_allocations')),
    sa.UniqueConstraint('booth_id', name=op.f('uq_booth_allocations_booth_id')),
    sa.UniqueConstraint('exhibitor_id', name=op.f('uq_booth_allocations_exhibitor_id'))
    )
    op.create_table('booth_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booth_id', sa.Integer(), nullable=False),
    sa.Column('exhibitor_id', sa.Integer(), nullable=True),
    sa.Column('staff_user_id', sa.Integer(), nullable=True),
    sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['booth_id'], ['booths.id'], name=op.f('fk_booth_visits_booth_id_booths')),
    sa.ForeignKeyConstraint(['exhibitor_id'], ['exhibitors.id'], name=op.f('fk_booth_visits_exhibitor_id_exhibitors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['staff_user_id'], ['users.id'], name=op.f('fk_booth_visits_staff_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booth_visits'))
    )
    op.create_index(op.f('ix_booth_visits_booth_id'), 'booth_visits', ['booth_id'], unique=False)
    op.create_index(op.f('ix_booth_visits_exhibitor_id'), 'booth_visits', ['exhibitor_id'], unique=False)
    op.create_index(op.f('ix_booth_visits_scanned_at'), 'booth_visits', ['scanned_at'], unique=False)
    op.create_table('exhibitor_staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exhibitor_id', sa.Integer(), nullable=False),
    sa.Column('given_names', sa.String(length=200), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['exhibitor_id'], ['exhibitors.id'], name=op.f('fk_exhibitor_staff_exhibitor_id_exhibitors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_exhibitor_staff_participant_id_participants')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exhibitor_staff_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exhibitor_staff')),
    sa.UniqueConstraint('exhibitor_id', 'email', name=op.f('uq_exhibitor_staff_exhibitor_id_email')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_exhibitor_staff_participant_id'))
    )
    op.create_index(op.f('ix_exhibitor_staff_exhibitor_id'), 'exhibitor_staff', ['exhibitor_id'], unique=False)
    op.create_index(op.f('ix_exhibitor_staff_user_id'), 'exhibitor_staff', ['user_id'], unique=False)
    op.create_table('leads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exhibitor_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('first_scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['exhibitor_id'], ['exhibitors.id'], name=op.f('fk_leads_exhibitor_id_exhibitors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_leads_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leads')),
    sa.UniqueConstraint('exhibitor_id', 'participant_id', name=op.f('uq_leads_exhibitor_id_participant_id'))
    )
    op.create_index(op.f('ix_leads_exhibitor_id'), 'leads', ['exhibitor_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_leads_exhibitor_id'), table_name='leads')
    op.drop_table('leads')
    op.drop_index(op.f('ix_exhibitor_staff_user_id'), table_name='exhibitor_staff')
    op.drop_index(op.f('ix_exhibitor_staff_exhibitor_id'), table_name='exhibitor_staff')
    op.drop_table('exhibitor_staff')
    op.drop_index(op.f('ix_booth_visits_scanned_at'), table_name='booth_visits')
    op.drop_index(op.f('ix_booth_visits_exhibitor_id'), table_name='booth_visits')
    op.drop_index(op.f('ix_booth_visits_booth_id'), table_name='booth_visits')
    op.drop_table('booth_visits')
    op.drop_table('booth_allocations')
    op.drop_index(op.f('ix_exhibitors_theme'), table_name='exhibitors')
    op.drop_index(op.f('ix_exhibitors_status'), table_name='exhibitors')
    op.drop_table('exhibitors')
