"""`{% participant_documents registration %}` on the participant's page, `{% retention_notice edition %}` on the
registration form: documents adds to registration's pages without registration importing documents."""

from django import template

from rendezvous.documents import retention, visa
from rendezvous.documents.models import Certificate, VisaLetterRequest

register = template.Library()


@register.inclusion_tag("documents/_participant_documents.html")
def participant_documents(registration):
    if registration is None:
        return {}
    return {
        "edition": registration.edition,
        "certificate": Certificate.objects.filter(registration=registration).first(),
        "visa_letter": VisaLetterRequest.objects.filter(registration=registration).first(),
        "can_request_visa": visa.may_request(registration),
    }


@register.inclusion_tag("documents/_retention_notice.html")
def retention_notice(edition):
    days = retention.periods(edition)
    return {
        "closed_months": round(days["closed_days"] / 30.44),
        "other_years": round(days["other_days"] / 365.25),
        "passport_days": days["passport_days"],
    }
