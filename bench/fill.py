"""Fill an edition with many registrations fast (bulk inserts, no e-mail, no audit): the "edition already full"
case of the bench. Runs inside a configured Django process (`rendezvous shell -c` or bench/inprocess.py)."""

import uuid

from django.db import transaction
from django.utils import timezone

BATCH = 5000


def fill_registrations(edition, total: int, *, held: int = 1000) -> None:
    """`total` earlier participants in person: the first `held` approved, the others rejected or cancelled, as an
    edition looks after months of applications (the caller leaves room in the capacity for the bench's applicants)."""
    from rendezvous.registration.models import Registration

    now = timezone.now()
    run = uuid.uuid4().hex[:8]
    countries = ("FR", "KE", "BR", "IN", "DE", "NG", "MX", "JP")
    with transaction.atomic():
        for start in range(0, total, BATCH):
            rows = []
            for n in range(start, min(start + BATCH, total)):
                approved = n < held
                rows.append(
                    Registration(
                        edition=edition,
                        given_name="Earlier",
                        family_name=str(n),
                        email=f"earlier-{run}-{n}@bench.example.org",
                        country=countries[n % len(countries)],
                        organisation_type="academia",
                        attendance="in_person",
                        status="approved" if approved else ("rejected", "cancelled")[n % 2],
                        form_token=uuid.uuid4(),
                        consent_at=now,
                        decided_at=now,
                    )
                )
            Registration.objects.bulk_create(rows, batch_size=1000)


def settle_database() -> None:
    """What autovacuum and the checkpointer do in the quiet hours of a database that filled over months, done at once
    before a measured run: the visibility maps (so that counting the seat holders through their index reads no table
    page), the planner's statistics and every table's pages written out. Otherwise they happen during the measured
    run (after a 100,000-row bulk fill, or the thousands of rows, mails and audit entries of the run before), and
    their CPU counts as PostgreSQL's."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
