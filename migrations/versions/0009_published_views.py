"""Published views: the cross-domain reads scanning's hot path needs, owned by the domains they read

Revision ID: 0009_published_views
Revises: 0008_merge_domains

Scanning reads only its own tables (checkpoints, scans, presence) and these two views, so the
owning domains may change their tables as long as the view keeps its columns.

``badge_holders`` — published by badges (with registration): one row per badge.
    badge_id, serial, badge_status, issued_at, revoked_at, printed_at, collected_at,
    participant_id, participant_status, display_name (badge name, else given and family names),
    title, photo_thumb_path, delegation (name, or NULL), category (name), colour (badge colour),
    letter, zones (the category's zone codes), changed_at (the latest change to the badge, the
    holder or their delegation: what the offline roster syncs on).

``session_doors`` — published by agenda: one row per session.
    session_id, code, title_en, starts_at, ends_at, room_id, room_code, capacity (the session's,
    else its room's), zone_code (the session's, else its room's), needs_signup, confirmed_signups
    (the number of confirmed sign-ups).
"""

from alembic import op

revision = "0009_published_views"
down_revision = "0008_merge_domains"
branch_labels = None
depends_on = None


BADGE_HOLDERS = """
CREATE VIEW badge_holders AS
SELECT b.id AS badge_id, b.serial, b.status AS badge_status, b.issued_at, b.revoked_at, b.printed_at,
       b.collected_at,
       p.id AS participant_id, p.status AS participant_status,
       coalesce(nullif(p.badge_name, ''), p.given_names || ' ' || p.family_name) AS display_name,
       p.title, p.photo_thumb_path, d.name AS delegation,
       cat.name AS category, cat.badge_colour AS colour, cat.letter, cat.zones,
       greatest(p.updated_at, d.updated_at, b.issued_at, b.revoked_at, b.printed_at) AS changed_at
FROM badges b
JOIN participants p ON p.id = b.participant_id
LEFT JOIN delegations d ON d.id = p.delegation_id
JOIN categories cat ON cat.code = p.category_code
"""

SESSION_DOORS = """
CREATE VIEW session_doors AS
SELECT s.id AS session_id, s.code, s.title_en, s.starts_at, s.ends_at, s.room_id, r.code AS room_code,
       coalesce(s.capacity, r.capacity) AS capacity, coalesce(s.zone_code, r.zone_code) AS zone_code,
       s.needs_signup,
       (SELECT count(*) FROM signups su WHERE su.session_id = s.id AND su.status = 'confirmed') AS confirmed_signups
FROM sessions s
LEFT JOIN rooms r ON r.id = s.room_id
"""


def upgrade():
    op.execute(BADGE_HOLDERS)
    op.execute(SESSION_DOORS)


def downgrade():
    op.execute("DROP VIEW session_doors")
    op.execute("DROP VIEW badge_holders")
