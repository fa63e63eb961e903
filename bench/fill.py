"""Fill an edition with many registrations fast (bulk inserts, no e-mail, no audit): the "edition already full"
case of the bench. Runs inside a configured Django process (`rendezvous shell -c` or bench/inprocess.py)."""

import uuid

from django.db import transaction
from django.utils import timezone

BATCH = 5000


def fill_registrations(edition, total: int, *, held: int | None = None) -> None:
    """`total` participants in person: the first `held` (default: the in-person capacity, else 200) approved, the
    rest waitlisted, as an edition whose burst is over looks."""
    from rendezvous.registration.models import Registration, RegistrationPolicy

    policy = RegistrationPolicy.objects.filter(edition=edition).first()
    if held is None:
        held = (policy.in_person_capacity if policy and policy.in_person_capacity is not None else 200) or 0
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
                        status="approved" if approved else "waitlisted",
                        form_token=uuid.uuid4(),
                        consent_at=now,
                        queued_at=None if approved else now,
                        decided_at=now if approved else None,
                    )
                )
            Registration.objects.bulk_create(rows, batch_size=1000)
