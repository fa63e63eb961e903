"""The words of registration e-mails: one subject and plain-text body per transition."""

from .models import Invitation, Registration

INTROS = {
    "received": "We have received your application. The organisers will review it and write to you again.",
    "approved": "Your registration is approved. We look forward to welcoming you.",
    "waitlisted": (
        "All {mode} places are taken for now, so your application is on the waiting list. If a place becomes free, "
        "it goes to the oldest application on the list and we will write to you at once."
    ),
    "promoted": "A {mode} place has become free and it is yours.",
    "rejected": "We are sorry: the organisers could not accept your application.",
    "cancelled": "Your registration is cancelled, as you asked.",
}

SUBJECTS = {
    "received": "Application received",
    "approved": "Registration approved",
    "waitlisted": "You are on the waiting list",
    "promoted": "A place is now yours",
    "rejected": "Your application",
    "cancelled": "Registration cancelled",
}


def transition(registration: Registration, kind: str, *, page_url: str = "", reason: str = "") -> tuple[str, str]:
    edition = registration.edition
    mode = registration.get_attendance_display().lower()
    lines = [f"Dear {registration.full_name},", "", INTROS[kind].format(mode=mode)]
    if kind == "promoted":
        lines.append(f"Your application is now {registration.get_status_display().lower()}.")
    if reason:
        lines += ["", f"Reason: {reason}"]
    lines += ["", f"Event: {edition.title}", f"Attendance: {registration.get_attendance_display()}"]
    if page_url:
        lines += [
            "",
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.",
            page_url,
        ]
    lines += ["", "The organisers"]
    return f"{SUBJECTS[kind]}: {edition.short_title or edition.title}", "\n".join(lines)


def invitation(invitation: Invitation, url: str) -> tuple[str, str]:
    edition = invitation.edition
    name = " ".join(part for part in (invitation.given_name, invitation.family_name) if part) or "Madam, Sir"
    role = "a speaker" if invitation.role == "speaker" else "a participant"
    lines = [
        f"Dear {name},",
        "",
        f"You are invited to register for {edition.title} as {role}.",
        "Register with this personal link (it works once, for this address only):",
        url,
        "",
        f"The link expires on {invitation.expires_at:%d %B %Y}.",
        "",
        "The organisers",
    ]
    return f"Invitation: {edition.short_title or edition.title}", "\n".join(lines)
