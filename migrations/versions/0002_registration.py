"""registration documents, duplicate guard, personal links, purge marker

Revision ID: 0002_registration
Revises: 0001_foundation
Create Date: 2026-11-23 13:29:31.229012

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_registration'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('registration_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_registration_documents_delegation_id_delegations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_registration_documents_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_documents'))
    )
    op.create_index(op.f('ix_registration_documents_delegation_id'), 'registration_documents', ['delegation_id'], unique=False)
    op.add_column('delegations', sa.Column('self_registered', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.add_column('delegations', sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('participants', sa.Column('link_nonce', sa.String(length=32), nullable=True))
    op.add_column('participants', sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('uq_participants_active_email', 'participants', ['email'], unique=True, postgresql_where=sa.text("status NOT IN ('rejected', 'cancelled')"))
    op.create_index('uq_participants_active_passport', 'participants', ['passport_number'], unique=True, postgresql_where=sa.text("status NOT IN ('rejected', 'cancelled')"))


def downgrade():
    op.drop_index('uq_participants_active_passport', table_name='participants', postgresql_where=sa.text("status NOT IN ('rejected', 'cancelled')"))
    op.drop_index('uq_participants_active_email', table_name='participants', postgresql_where=sa.text("status NOT IN ('rejected', 'cancelled')"))
    op.drop_column('participants', 'purged_at')
    op.drop_column('participants', 'link_nonce')
    op.drop_column('delegations', 'submitted_at')
    op.drop_column('delegations', 'self_registered')
    op.drop_index(op.f('ix_registration_documents_delegation_id'), table_name='registration_documents')
    op.drop_table('registration_documents')
