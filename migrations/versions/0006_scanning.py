"""Scanning: checkpoints, every scan (unique client scan id) and presence per badge and place.

Revision ID: 0006_scanning
Revises: 0001_foundation


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_scanning'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('checkpoints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('zone_code', sa.String(length=4), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('booth_id', sa.Integer(), nullable=True),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reentry', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("(kind = 'zone_gate' AND zone_code IS NOT NULL) OR (kind = 'session_door' AND session_id IS NOT NULL) OR (kind = 'booth' AND booth_id IS NOT NULL) OR kind = 'desk'", name=op.f('ck_checkpoints_target_for_kind')),
    sa.CheckConstraint('closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at', name=op.f('ck_checkpoints_closes_after_opens')),
    sa.ForeignKeyConstraint(['booth_id'], ['booths.id'], name=op.f('fk_checkpoints_booth_id_booths'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_checkpoints_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['zone_code'], ['zones.code'], name=op.f('fk_checkpoints_zone_code_zones')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkpoints')),
    sa.UniqueConstraint('name', name=op.f('uq_checkpoints_name'))
    )
    op.create_table('presence',
    sa.Column('badge_id', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=24), nullable=False),
    sa.Column('inside', sa.Boolean(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['badge_id'], ['badges.id'], name=op.f('fk_presence_badge_id_badges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('badge_id', 'place', name=op.f('pk_presence'))
    )
    op.create_index('ix_presence_place_inside', 'presence', ['place', 'inside'], unique=False)
    op.create_table('scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_scan_id', sa.String(length=64), nullable=False),
    sa.Column('checkpoint_id', sa.Integer(), nullable=False),
    sa.Column('badge_id', sa.Integer(), nullable=True),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('serial', sa.Integer(), nullable=True),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('staff_user_id', sa.Integer(), nullable=True),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.Column('offline', sa.Boolean(), nullable=False),
    sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['badge_id'], ['badges.id'], name=op.f('fk_scans_badge_id_badges'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['checkpoint_id'], ['checkpoints.id'], name=op.f('fk_scans_checkpoint_id_checkpoints'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_scans_participant_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['staff_user_id'], ['users.id'], name=op.f('fk_scans_staff_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scans')),
    sa.UniqueConstraint('client_scan_id', name=op.f('uq_scans_client_scan_id'))
    )
    op.create_index('ix_scans_badge', 'scans', ['badge_id'], unique=False)
    op.create_index('ix_scans_checkpoint_received', 'scans', ['checkpoint_id', 'received_at'], unique=False)


def downgrade():
    op.drop_index('ix_scans_checkpoint_received', table_name='scans')
    op.drop_index('ix_scans_badge', table_name='scans')
    op.drop_table('scans')
    op.drop_index('ix_presence_place_inside', table_name='presence')
    op.drop_table('presence')
    op.drop_table('checkpoints')
