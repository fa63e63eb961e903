"""Registration rules: routes by country, the window, capacity and waiting lists, moderation, invitations.

One module per concern; this package re-exports the names views, the API, commands and other apps call, so
`from rendezvous.registration import services` then `services.submit_application(...)` keeps working.

- `errors`: what a step raises when it cannot go on.
- `policy`: the route a country takes and the registration window.
- `seating`: seats held per attendance mode, and the seat lock every seat change takes.
- `status`: the status a new application starts in (`starting_status`, the one place that decides it), moderation,
  withdrawal, changes of attendance mode, and the waiting list moving up.
- `application`: an application before it is stored, and the steps both ways of submitting it share.
- `submission`: `submit_application`, which sends an application the way it goes: `single` (one transaction per
  application) or `burst` (the group commit for open-route applications arriving together).
- `invitations`: invitation links, and the one reader of invitation CSV files.
- `imports`: the registration CSV import.
- `queries`: the participant's own application, the moderation queue, a waiting list.
- `emails`: the e-mail each status change queues.
"""

from .application import MAX_NOMINATION_BYTES, ApplicationData, SubmissionResult, check_nomination_letter
from .csv_files import CsvFileError, read_csv_upload
from .emails import SUBMISSION_EMAILS, remind_existing
from .errors import (
    BUSY_MESSAGE,
    CapacityReached,
    IllegalTransition,
    ImportFailed,
    InvalidDocument,
    InvitationInvalid,
    RegistrationBusy,
    RegistrationError,
    RouteRefused,
    WindowClosed,
)
from .imports import IMPORT_COLUMNS, column_guide, import_registration_file, import_registrations
from .invitations import (
    INVITATION_LIFETIME,
    InvitationFileError,
    find_invitation,
    import_invitations,
    invitation_url,
    invite,
    invite_from_csv,
    resend_invitation,
    revoke_invitation,
)
from .policy import (
    RouteDecision,
    get_policy,
    route_by_rules,
    route_for_country,
    window_phase,
    window_state,
    window_text,
)
from .public_page import PageState, page_state
from .queries import online_link_for, registration_for, registrations_for_review, registrations_of, waiting_list
from .seating import ModeSeats, capacity_text, capacity_text_of, full_modes, is_deadlock, policy_capacity_text, seats
from .status import (
    TRANSITIONS,
    BulkResult,
    approve_registration,
    approve_registrations,
    cancel_registration,
    change_attendance,
    confirm_attendance,
    fill_free_seats,
    reject_registration,
    reject_registrations,
    set_capacity,
    starting_status,
    waitlist_registration,
)
from .submission import submit_application

__all__ = [
    "registrations_of",
    "remind_existing",
    "BUSY_MESSAGE",
    "IMPORT_COLUMNS",
    "INVITATION_LIFETIME",
    "MAX_NOMINATION_BYTES",
    "SUBMISSION_EMAILS",
    "TRANSITIONS",
    "ApplicationData",
    "BulkResult",
    "CapacityReached",
    "CsvFileError",
    "IllegalTransition",
    "ImportFailed",
    "InvalidDocument",
    "InvitationFileError",
    "InvitationInvalid",
    "ModeSeats",
    "RegistrationBusy",
    "RegistrationError",
    "RouteDecision",
    "RouteRefused",
    "SubmissionResult",
    "WindowClosed",
    "approve_registration",
    "approve_registrations",
    "cancel_registration",
    "capacity_text",
    "column_guide",
    "change_attendance",
    "check_nomination_letter",
    "confirm_attendance",
    "PageState",
    "capacity_text_of",
    "fill_free_seats",
    "page_state",
    "full_modes",
    "find_invitation",
    "get_policy",
    "import_invitations",
    "import_registration_file",
    "import_registrations",
    "invitation_url",
    "invite",
    "invite_from_csv",
    "is_deadlock",
    "online_link_for",
    "read_csv_upload",
    "policy_capacity_text",
    "registration_for",
    "registrations_for_review",
    "reject_registration",
    "reject_registrations",
    "resend_invitation",
    "revoke_invitation",
    "route_by_rules",
    "route_for_country",
    "seats",
    "set_capacity",
    "starting_status",
    "waitlist_registration",
    "submit_application",
    "waiting_list",
    "window_phase",
    "window_state",
    "window_text",
]
