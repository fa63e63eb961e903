"""Participation records: who came to the venue (check-ins, one per day) and who joined online (joins).

Attendance for statistics: a registration attended in person if it has at least one CheckIn, online if it has at
least one OnlineJoin ("distinct registrations with at least one row").

Codes (`ParticipantPass`). Each registration gets two independent secrets, created lazily on first use:
- `badge_code`, printed in the badge's QR code and typed at the check-in desk. 16 characters of Crockford base32
  (80 random bits) so that a person can type it from a damaged badge; looked up through its unique index. It is stored
  as it is, not hashed, because badges must be re-printable at any time; it only lets check-in staff (who must sign
  in) record an entry, so a leaked database gives nothing a printed badge does not.
- `join_code`, in the personal online join link (`secrets.token_urlsafe`). Separate from the badge code so that a
  photographed badge does not open the meeting, and a forwarded join link does not pass the door.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class ParticipantPass(models.Model):
    """The secrets of one registration: the badge code and the online join code."""

    registration = models.OneToOneField(
        "registration.Registration", on_delete=models.CASCADE, related_name="participant_pass"
    )
    badge_code = models.CharField(
        max_length=16, unique=True, help_text=gettext_lazy("In the badge's QR code; typed at check-in.")
    )
    join_code = models.CharField(
        max_length=43, unique=True, help_text=gettext_lazy("In the personal online join link.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Pass of registration {self.registration_id}"


class CheckIn(models.Model):
    """One entry at the venue: a registration checked in on one day of the edition (edition-local date)."""

    registration = models.ForeignKey("registration.Registration", on_delete=models.CASCADE, related_name="check_ins")
    day = models.DateField(help_text=gettext_lazy("The edition-local day of the entry."))
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["checked_in_at", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="one_check_in_per_day")]
        indexes = [models.Index(fields=["day"], name="check_in_day")]

    def __str__(self) -> str:
        return f"Check-in of registration {self.registration_id} on {self.day}"


class OnlineJoin(models.Model):
    """One use of a personal join link: when, and the session running (or asked for) at that time, if any."""

    registration = models.ForeignKey("registration.Registration", on_delete=models.CASCADE, related_name="online_joins")
    joined_at = models.DateTimeField(default=timezone.now)
    session = models.ForeignKey(
        "programme.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="online_joins"
    )

    class Meta:
        ordering = ["joined_at", "id"]
        indexes = [models.Index(fields=["registration", "joined_at"], name="online_join_recent")]

    def __str__(self) -> str:
        return f"Online join of registration {self.registration_id} at {self.joined_at:%Y-%m-%d %H:%M}"
