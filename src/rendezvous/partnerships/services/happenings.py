"""What the hub announces to the calling organisation's own systems (its webhook endpoints, docs/webhooks.md).

A call belongs to no edition, so these happenings name the organisation that publishes the call (`publisher`); they
are announced in the transaction of the change, like every other happening, and say only what the call's page shows
the publisher: which application arrived (not its content, which the call's team reads on the site) and, once
published, the results everyone can read.
"""

import datetime

from django.conf import settings

from rendezvous.core.happenings import announce

from ..models import Application, Call, Result


def _organisation(organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "country": str(organisation.country) if organisation.country else None,
    }


def _call(call: Call) -> dict:
    return {"slug": call.slug, "title": call.title, "url": settings.SITE_URL + call.get_absolute_url()}


def application_submitted(application: Application) -> None:
    """An application was submitted (an edit of one already submitted is not a new submission)."""
    call = application.call
    announce(
        "application.submitted",
        publisher=call.organisation,
        obj=application,
        data={
            "call": _call(call),
            "application": {
                "id": application.pk,
                "stage": application.stage,
                "organisation": _organisation(application.organisation),
                "submitted_at": application.submitted_at.astimezone(datetime.UTC).isoformat(),
            },
        },
    )


def selection_published(call: Call, results: list[Result]) -> None:
    """The selecting officer published the call's results: the selected applications, in the published order."""
    announce(
        "selection.published",
        publisher=call.organisation,
        obj=call,
        data={
            "call": _call(call),
            "results_published_at": call.results_published_at.astimezone(datetime.UTC).isoformat(),
            "selected": [
                {"application": result.application_id, "title": result.title, "partner": result.partner}
                for result in results
            ],
        },
    )
