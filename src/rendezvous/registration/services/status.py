"""Where an application stands, and every change of it: the starting status, moderation, withdrawal, the attendance
mode, and the waiting list moving up when a seat frees (cancellation, rejection, a move to the other mode, a raised
capacity), at once and in the same transaction.

Organiser-facing functions take `actor` for the audit trail and do not check permissions: views call
`rendezvous.core.permissions.require_organiser` first.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rendezvous.core import audit
from rendezvous.events.models import Edition

from ..models import Attendance, Registration, RegistrationPolicy, Role, Status
from .emails import notify
from .errors import CapacityReached, IllegalTransition, RegistrationError, RouteRefused
from .policy import mode_refusal, route_by_rules
from .queries import waiting_list
from .seating import has_free_seat, held_by_mode, seat_lock

# Who may move an application from one status to another. Anything else raises IllegalTransition.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED, Status.WAITLISTED, Status.CANCELLED}),
    Status.APPROVED: frozenset({Status.REJECTED, Status.CANCELLED}),
    Status.WAITLISTED: frozenset({Status.PENDING, Status.APPROVED, Status.REJECTED, Status.CANCELLED}),
    Status.REJECTED: frozenset({Status.APPROVED}),
    Status.CANCELLED: frozenset(),
}


def starting_status(policy: RegistrationPolicy, *, seat_free: bool, invited: bool) -> str:
    """The status an application takes when it is given an answer: on submission, and when a waiting application is
    offered a seat.

    Without a free seat it waits. With one, an invitation or an unmoderated route approves it at once; otherwise it
    is pending and keeps the seat while an organiser reviews it. A speaker (invited, outside the public capacity)
    always has a free seat.
    """
    if not seat_free:
        return Status.WAITLISTED
    if invited or not policy.moderated:
        return Status.APPROVED
    return Status.PENDING


def set_status(
    registration: Registration, target: str, *, actor, action: str, notify_kind: str | None, reason: str = ""
) -> None:
    """Move `registration` to `target` as TRANSITIONS allow, with its audit entry and (if `notify_kind`) e-mail."""
    if target not in TRANSITIONS[registration.status]:
        raise IllegalTransition(
            gettext("An application that is %(lower)s cannot become %(lower2)s.")
            % {"lower": registration.get_status_display().lower(), "lower2": Status(target).label.lower()}
        )
    previous = registration.status
    now = timezone.now()
    registration.status = target
    if target == Status.WAITLISTED:
        registration.queued_at = now
    if target in (Status.APPROVED, Status.REJECTED):
        registration.decided_at = now
        registration.decision_reason = reason
    registration.save(update_fields=["status", "queued_at", "decided_at", "decision_reason", "updated_at"])
    audit.record(
        action,
        registration,
        actor=actor,
        edition=registration.edition,
        summary=f"{registration.full_name}: {previous} → {target}" + (f" ({reason})" if reason else ""),
        previous=previous,
        status=target,
        reason=reason,
    )
    if notify_kind:
        notify(registration, notify_kind, reason=reason)


def _promote(policy: RegistrationPolicy, registration: Registration, *, actor) -> None:
    """Give a waiting application the free seat it is offered."""
    target = starting_status(policy, seat_free=True, invited=registration.invitation_id is not None)
    set_status(registration, target, actor=actor, action="registration.promoted", notify_kind="promoted")


def _promote_waiting(policy: RegistrationPolicy, attendance: str, *, actor=None) -> list[Registration]:
    """Give free seats of `attendance` to the oldest waiting applications. Call with the seat lock held."""
    capacity = policy.capacity_for(attendance)
    waiting = waiting_list(policy.edition, attendance)
    if capacity is not None:
        free = capacity - held_by_mode(policy.edition)[attendance]
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    for registration in waiting.select_related("edition"):
        _promote(policy, registration, actor=actor)
        promoted.append(registration)
    return promoted


def _locked_registration(registration: Registration) -> Registration:
    return Registration.objects.select_related("edition").get(pk=registration.pk)


def _approve_locked(policy: RegistrationPolicy, registration: Registration, actor, reason: str) -> Registration:
    """Approve; an applicant without a seat gets one if free, else joins the waiting list (and this says so)."""
    if registration.status == Status.APPROVED:
        return registration
    needs_seat = registration.role == Role.PARTICIPANT and not registration.holds_seat
    if needs_seat and not has_free_seat(policy, registration.attendance):
        if registration.status == Status.WAITLISTED:
            raise CapacityReached(
                gettext("No free %(lower)s seat: raise the capacity to approve %(full_name)s.")
                % {"lower": registration.get_attendance_display().lower(), "full_name": registration.full_name}
            )
        if registration.status == Status.REJECTED:
            raise CapacityReached(
                gettext("No free %(lower)s seat.") % {"lower": registration.get_attendance_display().lower()}
            )
    set_status(
        registration,
        Status.APPROVED,
        actor=actor,
        action="registration.approved",
        notify_kind="approved",
        reason=reason,
    )
    return registration


def approve_registration(registration: Registration, *, actor=None, reason: str = "") -> Registration:
    """Approve one application. Pending applications already hold their seat; others need a free one."""
    with seat_lock(registration.edition) as policy:
        return _approve_locked(policy, _locked_registration(registration), actor, reason)


def _reject_locked(policy: RegistrationPolicy, registration: Registration, actor, reason: str) -> Registration:
    if registration.status == Status.REJECTED:
        return registration
    freed = registration.holds_seat
    set_status(
        registration,
        Status.REJECTED,
        actor=actor,
        action="registration.rejected",
        notify_kind="rejected",
        reason=reason,
    )
    if freed:
        _promote_waiting(policy, registration.attendance, actor=actor)
    return registration


def reject_registration(registration: Registration, *, actor=None, reason: str = "") -> Registration:
    """Reject one application (also an approved one); a seat it held goes to the oldest waiting application."""
    with seat_lock(registration.edition) as policy:
        return _reject_locked(policy, _locked_registration(registration), actor, reason)


def waitlist_registration(registration: Registration, *, actor=None, reason: str = "") -> Registration:
    """Put an application on the waiting list (at its end); a seat it held goes to the oldest waiting one."""
    with seat_lock(registration.edition) as policy:
        registration = _locked_registration(registration)
        if registration.status == Status.WAITLISTED:
            return registration
        freed = registration.holds_seat
        set_status(
            registration,
            Status.WAITLISTED,
            actor=actor,
            action="registration.waitlisted",
            notify_kind=None,
            reason=reason,
        )
        if freed:
            # The freed seat goes to those who waited before; this application, now last in line, is not among them.
            waiting = waiting_list(policy.edition, registration.attendance).exclude(pk=registration.pk)
            capacity = policy.capacity_for(registration.attendance)
            if capacity is not None:
                waiting = waiting[: max(capacity - held_by_mode(policy.edition)[registration.attendance], 0)]
            for other in waiting.select_related("edition"):
                _promote(policy, other, actor=actor)
        return registration


@dataclass
class BulkResult:
    changed: list[Registration] = field(default_factory=list)
    skipped: list[tuple[Registration, str]] = field(default_factory=list)


def _bulk(edition: Edition, registration_ids: Iterable[int], step, actor, reason: str) -> BulkResult:
    result = BulkResult()
    with seat_lock(edition) as policy:
        chosen = Registration.objects.filter(edition=edition, pk__in=list(registration_ids)).select_related("edition")
        for registration in chosen.order_by("created_at", "id"):
            try:
                # A savepoint per row: one refusal must not undo the others.
                with transaction.atomic():
                    step(policy, registration, actor, reason)
                result.changed.append(registration)
            except RegistrationError as error:
                result.skipped.append((registration, str(error)))
    return result


def approve_registrations(
    edition: Edition, registration_ids: Iterable[int], *, actor=None, reason: str = ""
) -> BulkResult:
    """Approve many at once (only this edition's); each refusal is reported in `skipped` with its reason."""
    return _bulk(edition, registration_ids, _approve_locked, actor, reason)


def reject_registrations(
    edition: Edition, registration_ids: Iterable[int], *, actor=None, reason: str = ""
) -> BulkResult:
    """Reject many at once (only this edition's); freed seats go to the waiting list."""
    return _bulk(edition, registration_ids, _reject_locked, actor, reason)


def cancel_registration(registration: Registration, *, actor=None) -> Registration:
    """The participant withdraws; a seat they held goes to the oldest waiting application."""
    with seat_lock(registration.edition) as policy:
        registration = _locked_registration(registration)
        if registration.status == Status.CANCELLED:
            return registration
        freed = registration.holds_seat
        set_status(
            registration, Status.CANCELLED, actor=actor, action="registration.cancelled", notify_kind="cancelled"
        )
        if freed:
            _promote_waiting(policy, registration.attendance, actor=actor)
        return registration


def change_attendance(registration: Registration, attendance: str, *, actor=None) -> Registration:
    """Move to the other attendance mode, re-checked against its capacity.

    Someone holding a seat keeps it unless the other mode has a free one (CapacityReached says so); someone waiting
    joins the end of the other mode's waiting list, or takes a free seat there. A freed seat is promoted.
    """
    if attendance not in Attendance.values:
        raise RegistrationError(gettext("Unknown attendance mode: %(attendance)s.") % {"attendance": repr(attendance)})
    with seat_lock(registration.edition) as policy:
        registration = _locked_registration(registration)
        if registration.attendance == attendance:
            return registration
        if registration.is_closed:
            raise IllegalTransition(gettext("This application is closed; its attendance mode can no longer change."))
        if registration.role == Role.PARTICIPANT:
            # The rule of the participant's country says which modes they may attend in (speakers are invited).
            allowed = route_by_rules(policy.rules.all(), str(registration.country)).modes
            if attendance not in allowed:
                raise RouteRefused(mode_refusal(allowed))
        previous = registration.attendance
        target_label = Attendance(attendance).label.lower()
        free = registration.role == Role.SPEAKER or has_free_seat(policy, attendance)
        if registration.holds_seat and not free:
            raise CapacityReached(
                gettext("There is no free %(target_label)s seat; you keep your %(replace)s seat.")
                % {"target_label": target_label, "replace": previous.replace("_", " ")}
            )
        registration.attendance = attendance
        registration.save(update_fields=["attendance", "updated_at"])
        audit.record(
            "registration.attendance_changed",
            registration,
            actor=actor,
            edition=registration.edition,
            summary=f"{registration.full_name}: {previous} → {attendance}",
            previous=previous,
            attendance=attendance,
        )
        if registration.status == Status.WAITLISTED:
            if free:
                _promote(policy, registration, actor=actor)
            else:
                registration.queued_at = timezone.now()
                registration.save(update_fields=["queued_at"])
                notify(registration, "waitlisted")
        if registration.role == Role.PARTICIPANT:
            _promote_waiting(policy, previous, actor=actor)
        return registration


def confirm_attendance(registration: Registration, *, actor=None) -> Registration:
    """An approved participant confirms they will come (or join online)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("edition").get(pk=registration.pk)
        if not registration.is_approved:
            raise IllegalTransition(gettext("Only an approved registration can be confirmed."))
        if registration.confirmed_at is None:
            registration.confirmed_at = timezone.now()
            registration.save(update_fields=["confirmed_at", "updated_at"])
            audit.record(
                "registration.confirmed",
                registration,
                actor=actor,
                edition=registration.edition,
                summary=f"{registration.full_name} confirmed attendance",
            )
        return registration


def fill_free_seats(edition: Edition, *, actor=None) -> list[Registration]:
    """Promote waiting applications into any free seats (after capacity was raised); returns those promoted."""
    with seat_lock(edition) as policy:
        promoted = []
        for mode in Attendance.values:
            promoted += _promote_waiting(policy, mode, actor=actor)
        return promoted


def set_capacity(edition: Edition, *, in_person: int | None, online: int | None, actor=None) -> list[Registration]:
    """Change both capacities (None = unlimited) and promote into seats that opened; returns those promoted.

    Lowering a capacity below the seats already held takes nobody's seat: it only stops new ones being given.
    """
    with seat_lock(edition) as policy:
        previous = {"in_person": policy.in_person_capacity, "online": policy.online_capacity}
        policy.in_person_capacity, policy.online_capacity = in_person, online
        policy.save(update_fields=["in_person_capacity", "online_capacity", "updated_at"])
        audit.record(
            "registration.capacity_changed",
            policy,
            actor=actor,
            edition=edition,
            summary=f"Capacity in person {in_person}, online {online}",
            previous=previous,
            in_person=in_person,
            online=online,
        )
        promoted = []
        for mode in Attendance.values:
            promoted += _promote_waiting(policy, mode, actor=actor)
        return promoted
