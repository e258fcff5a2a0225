"""JSON API for delegations and participants: list, read, create, workflow transitions.

Session cookie (with ``X-CSRFToken``) or ``Authorization: Bearer <token>``. Object-level access is
the same as on the pages: a focal point sees only their delegations (others are 404). Bodies, queries and
answers are the schemas of ``schemas.py``; the OpenAPI document is generated from them.
"""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user

from conference.accounts.guards import roles_required
from conference.accounts.roles import Role
from conference.core.api import answers, api
from conference.core.errors import DomainError
from conference.registration import access, queue, records, services, workflow
from conference.registration.errors import RegistrationError
from conference.registration.models import Delegation, Participant
from conference.registration.schemas import (
    DelegationDetail,
    DelegationIn,
    DelegationList,
    DelegationOut,
    DocumentOut,
    ParticipantIn,
    ParticipantList,
    ParticipantOut,
    ParticipantPatch,
    ParticipantQuery,
    Submitted,
    TransitionIn,
)

bp = Blueprint("registration_api", __name__, url_prefix="/api/v1")
MANAGERS = (Role.FOCAL_POINT, Role.PARTICIPANT, Role.ACCREDITATION_OFFICER)
ACTIONS = {"submit", "approve", "reject", "request-changes", "cancel"}
TAGS = ["registration"]


def _delegation(d: Delegation) -> DelegationOut:
    return DelegationOut.model_validate(
        {
            **{name: getattr(d, name) for name in DelegationOut.model_fields if hasattr(Delegation, name)},
            "missing_documents": services.missing_documents(d),
            "documents": [DocumentOut.model_validate(doc) for doc in services.documents_of(d.id)],
        }
    )


def _participant(p: Participant) -> ParticipantOut:  # type: ignore[valid-type]
    return records.participant_out(p, sensitive=access.can_see_sensitive(current_user))


@bp.route("/delegations")
@roles_required(*MANAGERS)
@api.validate(resp=answers(HTTP_200=DelegationList), tags=TAGS)
def list_delegations():
    """Delegations I manage (all of them for officers)."""
    return DelegationList(items=[_delegation(d) for d in services.list_delegations(current_user.id)])


@bp.route("/delegations", methods=["POST"])
@roles_required(Role.FOCAL_POINT, Role.ACCREDITATION_OFFICER)
@api.validate(json=DelegationIn, resp=answers(HTTP_201=DelegationOut), tags=TAGS)
def create_delegation(json: DelegationIn):
    """Register a delegation: a state or organisation from the lists, or a named NGO, company, institute or outlet."""
    d = services.create_delegation(current_user.id, json.model_dump())
    return _delegation(d), 201


@bp.route("/delegations/<int:delegation_id>")
@roles_required(*MANAGERS)
@api.validate(resp=answers(HTTP_200=DelegationDetail), tags=TAGS)
def get_delegation(delegation_id: int):
    """A delegation with its members."""
    d = services.get_delegation(current_user.id, delegation_id)
    members = [_participant(p) for p in services.members_of(d.id)]
    return DelegationDetail(**_delegation(d).model_dump(), members=members)


@bp.route("/delegations/<int:delegation_id>/participants", methods=["POST"])
@roles_required(*MANAGERS)
@api.validate(json=ParticipantIn, resp=answers(HTTP_201=ParticipantOut), tags=TAGS)
def add_participant(delegation_id: int, json: ParticipantIn):
    """Add a member to the delegation (a draft until submitted)."""
    p = services.add_member(current_user.id, delegation_id, json.model_dump(exclude_unset=True))
    return _participant(p), 201


@bp.route("/delegations/<int:delegation_id>/submit", methods=["POST"])
@roles_required(*MANAGERS)
@api.validate(resp=answers(HTTP_200=Submitted), tags=TAGS)
def submit_delegation(delegation_id: int):
    """Submit every draft (or returned) member at once; nothing is submitted while one is incomplete."""
    result = workflow.submit_delegation(current_user.id, delegation_id)
    return Submitted(submitted=result.done)


@bp.route("/participants")
@roles_required(*MANAGERS)
@api.validate(query=ParticipantQuery, resp=answers(HTTP_200=ParticipantList), tags=TAGS)
def list_participants(query: ParticipantQuery):
    """Participants I may see; officers filter like the accreditation queue."""
    if access.is_officer(current_user):
        filters = queue.Filters(**{k: v or "" for k, v in query.model_dump(exclude={"page"}).items()})
        page = queue.search(filters, page=query.page)
        items = [_participant(p) for p in page.items]
        return ParticipantList(items=items, total=page.total, page=page.page, pages=page.pages)
    mine = [p for d in services.delegations_of_focal_point(current_user.id) for p in services.members_of(d.id)]
    items = [_participant(p) for p in mine if not query.status or p.status == query.status]
    return ParticipantList(items=items, total=len(items), page=1, pages=1)


@bp.route("/participants/<int:participant_id>")
@roles_required(*MANAGERS)
@api.validate(resp=answers(HTTP_200=ParticipantOut), tags=TAGS)
def get_participant(participant_id: int):
    """A participant (passport data in full only for officers)."""
    return _participant(services.view_participant(current_user.id, participant_id))


@bp.route("/participants/<int:participant_id>", methods=["PATCH"])
@roles_required(*MANAGERS)
@api.validate(json=ParticipantPatch, resp=answers(HTTP_200=ParticipantOut), tags=TAGS)
def update_participant(participant_id: int, json: ParticipantPatch):
    """Change some fields of a record while it is editable."""
    changes = json.model_dump(exclude_unset=True)
    return _participant(services.update_participant(current_user.id, participant_id, changes))


@bp.route("/participants/<int:participant_id>/<action>", methods=["POST"])
@roles_required(*MANAGERS)
@api.validate(json=TransitionIn, resp=answers(HTTP_200=ParticipantOut), tags=TAGS)
def transition(participant_id: int, action: str, json: TransitionIn):
    """A workflow action: submit, approve, reject, request-changes or cancel (a message is required to
    reject or request changes)."""
    if action not in ACTIONS:
        raise DomainError(RegistrationError.UNKNOWN_ACTION, action=action)
    p = workflow.transition(current_user.id, participant_id, action.replace("-", "_"), json.message)
    return _participant(p)
