"""Issue 13, item 4: one record per organisation (found by name or acronym, any case or accents; duplicates merged)."""

import pytest
from django.core.exceptions import PermissionDenied

from rendezvous.core import organisations
from rendezvous.core.models import AuditEntry, Organisation, Person, User
from rendezvous.events.models import EditionOrganiser
from rendezvous.partnerships.models import Programme
from rendezvous.programme.models import Contribution, ContributionSpeaker
from rendezvous.registration.services import submit_application
from rendezvous.reports import services as reports
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    RegistrationFactory,
    UpcomingEditionFactory,
    application,
    make_organiser,
    policy_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nasa():
    return OrganisationFactory(
        name="National Aeronautics and Space Administration", acronym="NASA", type="space_agency", country="US"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "National Aeronautics and Space Administration",
        "national aeronautics and space administration",
        "NASA",
        "nasa",
        "National Aeronautics and Space Administration (NASA)",
        "  National   Aeronautics and Space Administration ",
    ],
)
def test_an_organisation_is_found_by_name_or_acronym_in_any_case(nasa, typed):
    assert organisations.find_known(typed) == nasa


def test_accents_and_apostrophes_do_not_make_a_new_organisation():
    cnes = OrganisationFactory(name="Centre national d’études spatiales", acronym="CNES")
    assert organisations.find_known("Centre National d'Etudes Spatiales") == cnes
    assert organisations.find_known("cnes") == cnes


def test_an_acronym_two_organisations_share_matches_neither():
    OrganisationFactory(name="Agency One", acronym="ASA")
    OrganisationFactory(name="Agency Two", acronym="ASA")
    assert organisations.find_known("asa") is None
    assert organisations.find_known("Unknown Institute") is None


def test_an_applicant_typing_the_acronym_joins_the_known_agency_and_the_report_counts_it_once(nasa):
    edition = UpcomingEditionFactory()
    policy_for(edition, moderated=False)
    RegistrationFactory(edition=edition, organisation=nasa, organisation_type="space_agency")
    result = submit_application(edition, application(organisation_name="nasa", organisation_type="space_agency"))
    assert result.registration.organisation == nasa
    assert not Organisation.objects.filter(name__iexact="nasa").exists()


def test_likely_duplicates_pair_a_name_with_the_acronym_of_another(nasa):
    typed = Organisation.objects.create(name="NASA", type="space_agency")
    same = Organisation.objects.create(name="national aeronautics and space administration ", type="space_agency")
    pairs = {(pair.keep.pk, pair.duplicate.pk) for pair in organisations.likely_duplicates()}
    assert (nasa.pk, typed.pk) in pairs and (nasa.pk, same.pk) in pairs


def test_merge_moves_registrations_speakers_people_hub_records_and_is_audited(nasa):
    edition = EditionFactory()
    typed = Organisation.objects.create(name="NASA (US)", type="space_agency", website="https://nasa.example.org")
    for organisation in (nasa, typed):
        RegistrationFactory(edition=edition, organisation=organisation, organisation_type="space_agency")
        EditionOrganiser.objects.create(edition=edition, organisation=organisation)  # the same link twice after
    person = Person.objects.create(given_name="Ana", organisation=typed)
    session = edition.sessions.create(
        title="Talks", slug="talks", start="2022-11-21T01:00:00Z", end="2022-11-21T02:00:00Z"
    )
    talk = Contribution.objects.create(session=session, title="Talk", order=1)
    ContributionSpeaker.objects.create(contribution=talk, organisation=typed)
    programme = Programme.objects.create(name="Artemis", slug="artemis", destination="moon", phase="operating")
    programme.owners.add(typed)
    organiser = make_organiser(edition)
    assert reports.edition_statistics(edition).figures()["space_agencies"] == 2

    organisations.merge(organiser, nasa, typed)

    assert not Organisation.objects.filter(pk=typed.pk).exists()
    assert reports.edition_statistics(edition).figures()["space_agencies"] == 1
    person.refresh_from_db()
    assert person.organisation == nasa
    assert ContributionSpeaker.objects.get(contribution=talk).organisation == nasa
    assert list(programme.owners.all()) == [nasa]
    assert EditionOrganiser.objects.filter(edition=edition, organisation=nasa).count() == 1
    nasa.refresh_from_db()
    assert nasa.website == "https://nasa.example.org"
    entry = AuditEntry.objects.get(action="organisation.merged")
    assert entry.actor == organiser and entry.data["merged_name"] == "NASA (US)"


def test_only_staff_may_merge(nasa, client):
    typed = Organisation.objects.create(name="NASA", type="space_agency")
    participant = User.objects.create_user(email="someone@example.org")
    with pytest.raises(PermissionDenied):
        organisations.merge(participant, nasa, typed)
    url = "/organise/organisations/duplicates/"
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(participant)
    assert client.get(url).status_code == 403
    assert client.post(url, {"keep": nasa.pk, "duplicate": typed.pk}).status_code == 403
    assert Organisation.objects.filter(pk=typed.pk).exists()


def test_organisers_see_the_pairs_and_merge_them(nasa, client):
    typed = Organisation.objects.create(name="NASA", type="space_agency")
    client.force_login(make_organiser(EditionFactory()))
    url = "/organise/organisations/duplicates/"
    page = client.get(url).content.decode()
    assert "National Aeronautics and Space Administration" in page and f'value="{typed.pk}"' in page
    assert client.post(url, {"keep": nasa.pk, "duplicate": typed.pk}).status_code == 302
    assert not Organisation.objects.filter(pk=typed.pk).exists()
    assert client.post(url, {"keep": nasa.pk, "duplicate": nasa.pk}).status_code == 302
    assert client.post(url, {"keep": nasa.pk, "duplicate": "x"}).status_code == 404


def test_the_lookup_follows_new_and_renamed_records():
    first = OrganisationFactory(name="Alpha Agency", acronym="AA")
    assert organisations.find_known("aa") == first
    second = OrganisationFactory(name="Gamma Agency", acronym="GA")
    assert organisations.find_known("ga") == second
    first.name, first.acronym = "Beta Agency", "BAG"
    first.save()
    assert organisations.find_known("bag") == first
    assert organisations.find_known("aa") is None
