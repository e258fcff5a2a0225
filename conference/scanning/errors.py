"""The scanning domain's refusals (a scan's verdict is not one of them: see ``enums.Reason``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.core.errors import Reason


class ScanError(Reason):
    CHECKPOINT_NOT_FOUND = "checkpoint_not_found", 404, _l("No such checkpoint.")
    CHECKPOINT_FORBIDDEN = "checkpoint_forbidden", 403, _l("You may not scan at this checkpoint.")
    SCAN_NOT_RECORDED = "scan_not_recorded", 409, _l("This scan could not be recorded; send it again.")
    CHECKPOINT_NAME_REQUIRED = "checkpoint_name_required", 400, _l("Give the checkpoint a name.")
    NAME_TAKEN = "name_taken", 409, _l("Another checkpoint already has this name.")
    ZONE_REQUIRED = "zone_code_required", 400, _l("Choose the zone this gate leads into.")
    SESSION_REQUIRED = "session_id_required", 400, _l("Choose the session behind this door.")
    BOOTH_REQUIRED = "booth_id_required", 400, _l("Choose the booth.")
    CLOSES_BEFORE_OPENS = "closes_before_opens", 400, _l("The closing time must be after the opening time.")
    NOT_A_SCANNER = "not_a_scanner", 400, _l("Device tokens are for scanner or exhibitor accounts.")
    DEVICE_NAME_REQUIRED = "device_name_required", 400, _l("Name the device, e.g. “Gate A phone 3”.")
