"""Join the domains' migration branches (registration, agenda, exhibition, badges, scanning, admin)

Revision ID: 0008_merge_domains
Revises: 0002_registration, 0003_agenda, 0004_exhibition, 0005_badges, 0006_scanning, 0007_admin
"""

revision = "0008_merge_domains"
down_revision = ("0002_registration", "0003_agenda", "0004_exhibition", "0005_badges", "0006_scanning", "0007_admin")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
