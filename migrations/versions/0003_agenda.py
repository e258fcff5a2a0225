"""Agenda: registered speakers and moderators, interpretation, sign-ups with waiting lists,
calendar feeds, lists of speakers, signing declarations and signatures.

Revision ID: 0003_agenda
Revises: 0001_foundation
Create Date: 2026-11-23 13:29:45.917315

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_agenda'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('signing_declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_code', sa.String(length=20), nullable=False),
    sa.Column('party_name', sa.String(length=200), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('is_host', sa.Boolean(), nullable=False),
    sa.Column('signatory_name', sa.String(length=200), nullable=False),
    sa.Column('signatory_title', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=30), nullable=False),
    sa.Column('declared_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('full_powers_status', sa.String(length=12), nullable=False),
    sa.Column('full_powers_path', sa.String(length=300), nullable=True),
    sa.Column('full_powers_reason', sa.Text(), nullable=True),
    sa.Column('full_powers_checked_by_id', sa.Integer(), nullable=True),
    sa.Column('slot_position', sa.Integer(), nullable=True),
    sa.Column('slot_starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('slot_minutes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_signing_declarations_delegation_id_delegations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['full_powers_checked_by_id'], ['users.id'], name=op.f('fk_signing_declarations_full_powers_checked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_declarations')),
    sa.UniqueConstraint('party_code', name=op.f('uq_signing_declarations_party_code'))
    )
    op.create_index(op.f('ix_signing_declarations_delegation_id'), 'signing_declarations', ['delegation_id'], unique=False)
    op.create_table('calendar_feeds',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_calendar_feeds_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token', name=op.f('uq_calendar_feeds_token'))
    )
    op.create_table('session_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_session_people_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_people_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_people')),
    sa.UniqueConstraint('session_id', 'participant_id', name=op.f('uq_session_people_session_id_participant_id'))
    )
    op.create_index(op.f('ix_session_people_participant_id'), 'session_people', ['participant_id'], unique=False)
    op.create_index(op.f('ix_session_people_session_id'), 'session_people', ['session_id'], unique=False)
    op.create_table('signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_code', sa.String(length=20), nullable=False),
    sa.Column('party_name', sa.String(length=200), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('signatory_name', sa.String(length=200), nullable=False),
    sa.Column('signatory_title', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=30), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['declaration_id'], ['signing_declarations.id'], name=op.f('fk_signatures_declaration_id_signing_declarations')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_signatures_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures')),
    sa.UniqueConstraint('declaration_id', name=op.f('uq_signatures_declaration_id')),
    sa.UniqueConstraint('party_code', name=op.f('uq_signatures_party_code'))
    )
    op.create_table('signups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('booked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['booked_by_id'], ['users.id'], name=op.f('fk_signups_booked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_signups_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_signups_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signups')),
    sa.UniqueConstraint('session_id', 'participant_id', name=op.f('uq_signups_session_id_participant_id'))
    )
    op.create_index(op.f('ix_signups_participant_id'), 'signups', ['participant_id'], unique=False)
    op.create_index(op.f('ix_signups_session_id'), 'signups', ['session_id'], unique=False)
    op.create_index(op.f('ix_signups_status'), 'signups', ['status'], unique=False)
    op.create_table('speaker_inscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('delegation_name', sa.String(length=200), nullable=False),
    sa.Column('group_rank', sa.Integer(), nullable=False),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('speaker_title', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=30), nullable=False),
    sa.Column('inscribed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('spoke_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('inscribed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_speaker_inscriptions_delegation_id_delegations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['inscribed_by_id'], ['users.id'], name=op.f('fk_speaker_inscriptions_inscribed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_speaker_inscriptions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_inscriptions')),
    sa.UniqueConstraint('session_id', 'delegation_id', name=op.f('uq_speaker_inscriptions_session_id_delegation_id'))
    )
    op.create_index(op.f('ix_speaker_inscriptions_session_id'), 'speaker_inscriptions', ['session_id'], unique=False)
    op.create_table('lists_of_speakers',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('time_limit_seconds', sa.Integer(), nullable=False),
    sa.Column('current_id', sa.Integer(), nullable=True),
    sa.Column('timer_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('timer_elapsed_seconds', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['current_id'], ['speaker_inscriptions.id'], name=op.f('fk_lists_of_speakers_current_id_speaker_inscriptions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_lists_of_speakers_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_lists_of_speakers'))
    )
    op.add_column('sessions', sa.Column('interpretation', sa.ARRAY(sa.String(length=8)), server_default='{}', nullable=False))


def downgrade():
    op.drop_column('sessions', 'interpretation')
    op.drop_table('lists_of_speakers')
    op.drop_index(op.f('ix_speaker_inscriptions_session_id'), table_name='speaker_inscriptions')
    op.drop_table('speaker_inscriptions')
    op.drop_index(op.f('ix_signups_status'), table_name='signups')
    op.drop_index(op.f('ix_signups_session_id'), table_name='signups')
    op.drop_index(op.f('ix_signups_participant_id'), table_name='signups')
    op.drop_table('signups')
    op.drop_table('signatures')
    op.drop_index(op.f('ix_session_people_session_id'), table_name='session_people')
    op.drop_index(op.f('ix_session_people_participant_id'), table_name='session_people')
    op.drop_table('session_people')
    op.drop_table('calendar_feeds')
    op.drop_index(op.f('ix_signing_declarations_delegation_id'), table_name='signing_declarations')
    op.drop_table('signing_declarations')
