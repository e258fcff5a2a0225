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

# Everything a verdict needs, in one round trip: the checkpoint (with its session and room), the
# badge with its holder, the holder's presence at this place, the seats taken, and an earlier
# recording of this very scan.
LOOKUP = """
    SELECT c.kind, c.direction, c.zone_code, c.session_id, c.booth_id, c.opens_at, c.closes_at, c.reentry,
           coalesce(s.capacity, r.capacity) AS capacity, coalesce(s.zone_code, r.zone_code) AS session_zone,
           s.room_id,
           b.id AS badge_id, b.serial, b.status AS badge_status, b.collected_at,
           p.id AS participant_id, p.status AS participant_status,
           coalesce(nullif(p.badge_name, ''), p.given_names || ' ' || p.family_name) AS name,
           p.title, p.photo_thumb_path, d.name AS delegation,
           cat.name AS category, cat.badge_colour AS colour, cat.letter, cat.zones,
           pr.inside, pr.entries,
           CASE WHEN c.kind = 'session_door' THEN
             (SELECT count(*) FROM presence sp WHERE sp.place = 'session:' || c.session_id AND sp.inside)
           END AS seats_taken,
           es.id AS existing_id, es.reason AS existing_reason, es.scanned_at AS existing_scanned_at
    FROM checkpoints c
    LEFT JOIN sessions s ON s.id = c.session_id
    LEFT JOIN rooms r ON r.id = s.room_id
    LEFT JOIN badges b ON b.id = %(badge_id)s
    LEFT JOIN participants p ON p.id = b.participant_id
    LEFT JOIN delegations d ON d.id = p.delegation_id
    LEFT JOIN categories cat ON cat.code = p.category_code
    LEFT JOIN presence pr ON pr.badge_id = b.id AND pr.place = CASE c.kind
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
