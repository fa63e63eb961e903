"""The demo edition's report texts: the secretariat's chapters and session summaries of A/AC.105/1294. Idempotent."""

import datetime

from rendezvous.programme.models import Session
from rendezvous.reports.models import ReportSection, ReportText

from . import report_texts


def load(edition) -> ReportText:
    text, _ = ReportText.objects.update_or_create(
        edition=edition,
        defaults={
            "issued_on": datetime.date.fromisoformat(report_texts.ISSUED_ON),
            "introduction": report_texts.INTRODUCTION,
            "background": report_texts.BACKGROUND,
            "programme_introduction": report_texts.PROGRAMME_INTRODUCTION,
            "conclusions": report_texts.CONCLUSIONS,
        },
    )
    sessions = {session.slug: session for session in Session.objects.filter(edition=edition)}
    for order, (heading, slugs, lead, summary) in enumerate(report_texts.SECTIONS, start=1):
        section, _ = ReportSection.objects.update_or_create(
            edition=edition, order=order, defaults={"heading": heading, "lead_sentence": lead, "summary": summary}
        )
        section.sessions.set([sessions[slug] for slug in slugs])
    ReportSection.objects.filter(edition=edition, order__gt=len(report_texts.SECTIONS)).delete()
    return text
