"""CHECK constraints on every coded column, and indexes on the foreign keys used in look-ups

Each status/kind/role/type/reason column keeps its VARCHAR type and gains a CHECK listing the codes
of its enum (``ck_<table>_<enum>``, as the models' ``enum_column`` names it). The codes are written
out here, not imported, so this migration stays what it was when the enums change later.

Revision ID: 0010_enum_checks_and_indexes
Revises: 0009_published_views
"""

from alembic import op

revision = "0010_enum_checks_and_indexes"
down_revision = "0009_published_views"
branch_labels = None
depends_on = None

ACCREDITATION = ("draft", "submitted", "changes_requested", "approved", "rejected", "cancelled")
SIGNATORY_LEVELS = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "minister",
    "vice_minister",
    "ambassador",
    "other",
)

# (table, column, enum name in the constraint, codes)
CHECKS = [
    ("countries", "status", "country_status", ("member", "observer")),
    ("organisations", "type", "organisation_type", ("reio", "igo", "un_entity")),
    ("outbox", "status", "mail_status", ("queued", "sent", "failed")),
    (
        "users",
        "role",
        "role",
        ("admin", "accreditation_officer", "protocol_officer", "scanner", "exhibitor", "focal_point", "participant"),
    ),
    (
        "badge_print_batches",
        "selection",
        "print_selection",
        ("unprinted", "delegation", "category", "arrival", "badge"),
    ),
    ("badge_print_batches", "layout", "badge_layout", ("cr80", "a6", "cr80-a4", "a6-a4")),
    ("badge_print_batches", "status", "batch_status", ("queued", "running", "done", "failed")),
    (
        "delegations",
        "type",
        "delegation_type",
        (
            "member_state",
            "observer_state",
            "reio",
            "igo",
            "un_entity",
            "ngo",
            "private_sector",
            "academia",
            "media",
            "host_country",
        ),
    ),
    ("delegations", "status", "accreditation_status", ACCREDITATION),
    (
        "exhibitors",
        "kind",
        "exhibitor_kind",
        ("country", "international_organisation", "tech_company", "research_institute"),
    ),
    ("exhibitors", "status", "exhibitor_status", ("applied", "approved", "rejected")),
    (
        "rooms",
        "kind",
        "room_kind",
        ("plenary", "signing", "hall", "meeting", "bilateral", "exhibition", "media", "vip", "banquet"),
    ),
    ("participants", "status", "accreditation_status", ACCREDITATION),
    (
        "registration_documents",
        "kind",
        "document_kind",
        ("note_verbale", "nomination_letter", "letter_of_assignment", "press_card"),
    ),
    (
        "sessions",
        "kind",
        "session_kind",
        ("welcome", "plenary", "signing", "panel", "workshop", "press", "bilateral", "social"),
    ),
    ("signing_declarations", "level", "signatory_level", SIGNATORY_LEVELS),
    (
        "signing_declarations",
        "full_powers_status",
        "full_powers_status",
        ("not_needed", "missing", "submitted", "verified", "rejected"),
    ),
    ("badges", "status", "badge_status", ("active", "revoked")),
    ("checkpoints", "kind", "checkpoint_kind", ("zone_gate", "session_door", "booth", "desk")),
    ("checkpoints", "direction", "direction", ("in", "out")),
    ("checkpoints", "reentry", "reentry", ("after_exit", "once", "any")),
    ("session_people", "role", "person_role", ("speaker", "moderator")),
    ("signatures", "level", "signatory_level", SIGNATORY_LEVELS),
    ("signups", "status", "signup_status", ("confirmed", "waitlisted", "cancelled")),
    (
        "speaker_inscriptions",
        "level",
        "speaker_level",
        ("head_of_state", "head_of_government", "minister", "vice_minister", "ambassador", "other"),
    ),
    ("speaker_inscriptions", "status", "inscription_status", ("inscribed", "speaking", "spoken", "withdrawn")),
    (
        "badge_serials",
        "reason",
        "serial_reason",
        ("issued", "lost", "damaged", "name_changed", "photo_changed", "category_changed", "other"),
    ),
    (
        "scans",
        "reason",
        "reason",
        (
            "accepted",
            "already_inside",
            "wrong_zone",
            "session_full",
            "not_open",
            "superseded",
            "revoked",
            "not_approved",
            "invalid",
            "unreadable",
        ),
    ),
]

# Foreign keys that pages and services filter or join on (and that a delete of the referenced row
# must look up); PostgreSQL does not index the referencing side by itself.
FOREIGN_KEY_INDEXES = [
    ("badge_print_batches", "created_by_id"),
    ("badge_serials", "issued_by_id"),
    ("badges", "collected_by_id"),
    ("booth_allocations", "allocated_by_id"),
    ("booth_visits", "staff_user_id"),
    ("checkpoints", "booth_id"),
    ("checkpoints", "session_id"),
    ("checkpoints", "zone_code"),
    ("delegations", "head_of_delegation_id"),
    ("exhibitors", "decided_by_id"),
    ("leads", "participant_id"),
    ("lists_of_speakers", "current_id"),
    ("participants", "decided_by_id"),
    ("participants", "nationality_iso3"),
    ("registration_documents", "uploaded_by_id"),
    ("rooms", "zone_code"),
    ("scans", "participant_id"),
    ("scans", "staff_user_id"),
    ("sessions", "zone_code"),
    ("signatures", "recorded_by_id"),
    ("signing_declarations", "full_powers_checked_by_id"),
    ("signups", "booked_by_id"),
    ("speaker_inscriptions", "delegation_id"),
    ("speaker_inscriptions", "inscribed_by_id"),
]


def _in_list(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(code) for code in codes)})"


def upgrade():
    for table, column, name, codes in CHECKS:
        op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, _in_list(column, codes))
    for table, column in FOREIGN_KEY_INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade():
    for table, column in reversed(FOREIGN_KEY_INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
    for table, _column, name, _codes in reversed(CHECKS):
        op.drop_constraint(op.f(f"ck_{table}_{name}"), table, type_="check")
