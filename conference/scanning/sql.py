"""The statements of a scan, kept apart from the rules in services.py.

LOCKS and LOOKUP use psycopg placeholders: they go out together in one pipeline (services._lookup).
INSERT records the scan and moves presence in one statement; presence changes only when the scan
row was inserted (not on a concurrent duplicate).
"""

from sqlalchemy import text

LOCKS = (
    "SELECT pg_advisory_xact_lock(%(ns)s, %(badge_id)s),"
    " CASE WHEN kind = 'session_door' AND direction = 'in'"
    " THEN pg_advisory_xact_lock(%(session_ns)s, session_id) END"
    " FROM checkpoints WHERE id = %(checkpoint_id)s"
)

# Everything a verdict needs, in one round trip: the checkpoint (with its session door), the badge
# with its holder, the holder's presence at this place, the seats taken, and an earlier recording of
# this very scan. Other domains are read only through the views they publish (migration
# 0009_published_views): badge_holders (badges, registration) and session_doors (agenda).
LOOKUP = """
    SELECT c.kind, c.direction, c.zone_code, c.session_id, c.booth_id, c.opens_at, c.closes_at, c.reentry,
           sd.capacity, sd.zone_code AS session_zone, sd.room_id,
           bh.badge_id, bh.serial, bh.badge_status,
           bh.participant_id, bh.participant_status, bh.display_name AS name,
           bh.title, bh.photo_thumb_path, bh.delegation, bh.category, bh.colour, bh.letter, bh.zones,
           pr.inside, pr.entries,
           CASE WHEN c.kind = 'session_door' THEN
             (SELECT count(*) FROM presence sp WHERE sp.place = 'session:' || c.session_id AND sp.inside)
           END AS seats_taken,
           es.id AS existing_id, es.reason AS existing_reason, es.scanned_at AS existing_scanned_at
    FROM checkpoints c
    LEFT JOIN session_doors sd ON sd.session_id = c.session_id
    LEFT JOIN badge_holders bh ON bh.badge_id = %(badge_id)s
    LEFT JOIN presence pr ON pr.badge_id = bh.badge_id AND pr.place = CASE c.kind
        WHEN 'zone_gate' THEN 'zone:' || c.zone_code
        WHEN 'session_door' THEN 'session:' || c.session_id END
    LEFT JOIN scans es ON es.client_scan_id = %(client_scan_id)s
    WHERE c.id = %(checkpoint_id)s
    """

INSERT = text(
    """
    WITH s AS (
      INSERT INTO scans (client_scan_id, checkpoint_id, badge_id, participant_id, serial, code, accepted, reason,
                         staff_user_id, device, offline, scanned_at)
      VALUES (:client_scan_id, :checkpoint_id, :badge_id, :participant_id, :serial, :code, :accepted, :reason,
              :staff_user_id, :device, :offline, :scanned_at)
      ON CONFLICT (client_scan_id) DO NOTHING
      RETURNING id
    ), enter AS (
      INSERT INTO presence (badge_id, place, inside, entries, changed_at)
      SELECT :badge_id, place, true, 1, now() FROM unnest(CAST(:enter AS text[])) AS place
      WHERE EXISTS (SELECT 1 FROM s)
      ON CONFLICT (badge_id, place) DO UPDATE SET inside = true, entries = presence.entries + 1, changed_at = now()
    ), leave AS (
      UPDATE presence SET inside = false, changed_at = now()
      WHERE badge_id = :badge_id AND place = ANY(CAST(:leave AS text[])) AND inside AND EXISTS (SELECT 1 FROM s)
    )
    SELECT id FROM s
    """
)
