"""What the API accepts and returns. No schema here has a field for the edition's online meeting link except
`OwnRegistrationOut.online_link`, which the participant's own endpoint fills only for an approved registration."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

from rendezvous.core.countries import is_valid_iso2
from rendezvous.core.models import Gender, OrganisationType
from rendezvous.core.validators import validate_email
from rendezvous.registration.models import Attendance, Role, Status

from .errors import Error, FieldError, FieldErrors  # noqa: F401 - the endpoints import them from here

Message = Error  # the name the endpoints used first


class StrictIn(Schema):
    """A request body: a JSON object with only the documented fields (a bare string or an unknown field is a 422)."""

    model_config = ConfigDict(extra="forbid")


GenderValue = Literal[tuple(Gender.values)]
OrganisationTypeValue = Literal[tuple(OrganisationType.values)]
AttendanceValue = Literal[tuple(Attendance.values)]
RoleValue = Literal[tuple(Role.values)]
StatusValue = Literal[tuple(Status.values)]


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code in any case ('fr' or 'FR'), returned upper case; anything else is refused."""
    code = (value or "").strip().upper()
    if not is_valid_iso2(code):
        raise ValueError(gettext("unknown country code %(value)r: use ISO 3166-1 alpha-2, e.g. FR") % {"value": value})
    return code


# --- Editions ---------------------------------------------------------------------------------------------------------


class EditionSummaryOut(Schema):
    slug: str
    title: str
    short_title: str
    start_date: datetime.date
    end_date: datetime.date
    timezone: str
    format: str
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2; empty when the edition has no host country.")
    country_name: str = Field(description="The country's United Nations short name.")
    status: str
    url: str = Field(description="The edition's public page.")


class OrganiserOut(Schema):
    name: str
    acronym: str
    role: str


class RoomOut(Schema):
    name: str
    capacity: int | None


class RoomRefOut(Schema):
    id: int
    name: str
    venue: str
    capacity: int | None


class VenueOut(Schema):
    name: str
    address: str
    city: str
    country: str
    rooms: list[RoomOut]


class ProgrammeLinks(Schema):
    page: str
    sessions: str = Field(description="This API's sessions endpoint.")
    ics: str
    frab_xml: str
    schedule_json: str


class EditionOut(EditionSummaryOut):
    series: str
    number: int | None
    summary: str
    objectives: str
    how_to_take_part: str
    working_languages: list[str]
    online_platform: str = Field(description="e.g. Zoom. The meeting link itself is for approved participants only.")
    website: str
    document_symbol: str
    organisers: list[OrganiserOut]
    venues: list[VenueOut]
    programme: ProgrammeLinks


# --- Programme --------------------------------------------------------------------------------------------------------


class PersonOut(Schema):
    name: str
    affiliation: str = Field(description="Position and organisation at the time, e.g. 'Administrator, CNSA'.")


class ContributionOut(Schema):
    uuid: str
    title: str
    kind: str
    kind_label: str
    delivery: str
    order: int
    abstract: str
    speakers: list[PersonOut]


class SessionOut(Schema):
    uuid: str
    slug: str
    code: str
    title: str
    display_title: str
    kind: str
    kind_label: str
    description: str
    start: str = Field(description="ISO 8601 in the edition's time zone, with its offset.")
    end: str = Field(description="ISO 8601 in the edition's time zone, with its offset.")
    start_utc: str = Field(description="ISO 8601 in UTC.")
    end_utc: str = Field(description="ISO 8601 in UTC.")
    timezone: str
    room: str
    room_id: int | None = Field(description="The room's id (see the edition's venues); null when not set.")
    venue: str
    do_not_record: bool = Field(description="The speakers asked not to be recorded or streamed.")
    recording_licence: str = Field(description="e.g. CC BY 4.0; empty when not decided.")
    chairs: list[PersonOut]
    contributions: list[ContributionOut]
    url: str = Field(description="The session's public page.")


# --- Registration -----------------------------------------------------------------------------------------------------


class RouteOut(Schema):
    country: str
    country_name: str
    route: Literal["open", "invitation", "closed"]
    accepts_applications: bool
    window: Literal["open", "not_yet", "closed"] = Field(description="Whether the registration window is open now.")
    message: str


class ApplicationIn(Schema):
    """The web form's fields (without the nomination letter, which the API does not take: send it by the web form)."""

    given_name: str = Field(min_length=1, max_length=150)
    family_name: str = Field("", max_length=150)
    email: str = Field(max_length=254)
    gender: GenderValue
    country: str = Field(description="ISO 3166-1 alpha-2 code of the country you are based in, e.g. FR.")
    organisation_name: str = Field(min_length=1, max_length=255)
    organisation_type: OrganisationTypeValue
    position: str = Field(min_length=1, max_length=255)
    head_of_agency: bool = False
    attendance: AttendanceValue
    consent: Literal[True] = Field(description="Agreement to the edition's privacy notice; must be true.")

    @field_validator("given_name", "organisation_name", "position")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(gettext("must not be blank"))
        return value.strip()

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str) -> str:
        return country_code(value)

    @field_validator("email")
    @classmethod
    def valid_email(cls, value: str) -> str:
        try:
            validate_email(value.strip())
        except ValidationError as error:
            raise ValueError("not a valid e-mail address: " + " ".join(error.messages)) from None
        return value.strip().lower()


class RegistrationOut(Schema):
    """One application, as its own applicant may see it."""

    id: int
    edition: str
    given_name: str
    family_name: str
    email: str
    country: str
    organisation: str
    organisation_type: str
    position: str
    role: RoleValue
    attendance: AttendanceValue
    status: StatusValue
    status_label: str
    created_at: datetime.datetime


class OwnRegistrationOut(RegistrationOut):
    confirmed: bool
    online_link: str = Field(description="The meeting link; empty unless the registration is approved.")


class ReviewRegistrationOut(RegistrationOut):
    """One application as the edition's organisers see it in the moderation queue."""

    gender: str
    head_of_agency: bool
    invited: bool
    imported: bool
    decided_at: datetime.datetime | None
    decision_reason: str
    has_nomination_letter: bool


class DecisionIn(StrictIn):
    reason: str = Field("", max_length=500, description="Told to the applicant in the e-mail.")


class InvitationIn(StrictIn):
    email: str = Field(max_length=254)
    role: RoleValue = "participant"
    given_name: str = Field("", max_length=150)
    family_name: str = Field("", max_length=150)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"email": "wei.li@example.org", "role": "speaker"}]}
    )

    @field_validator("email")
    @classmethod
    def valid_email(cls, value: str) -> str:
        try:
            validate_email(value.strip())
        except ValidationError as error:
            raise ValueError("not a valid e-mail address: " + " ".join(error.messages)) from None
        return value.strip().lower()


class InvitationOut(Schema):
    id: int
    email: str
    given_name: str
    family_name: str
    role: RoleValue
    state: Literal["open", "used", "revoked"]
    expires_at: datetime.datetime
    created_at: datetime.datetime


class CheckInIn(StrictIn):
    code: str = Field(min_length=1, max_length=64, description="The badge code, as printed or scanned.")
    day: datetime.date | None = Field(None, description="A day of the edition; today (or its first day) when absent.")


class CheckInOut(Schema):
    registration_id: int
    name: str
    day: datetime.date
    day_number: int
    message: str
