"""Figures by aggregation: what counts as a participant, a space agency, a head of agency; a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rendezvous.core.models import Person
from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session
from rendezvous.reports import services
from tests.factories import HaikouEditionFactory as EditionFactory
from tests.factories import ReportOrganisationFactory as OrganisationFactory
from tests.factories import ReportRegistrationFactory as RegistrationFactory

pytestmark = pytest.mark.django_db


def test_only_approved_registrations_of_this_edition_count():
    edition = EditionFactory()
    RegistrationFactory(edition=edition, country="KE")
    RegistrationFactory(edition=edition, country="BR", gender="male", role="speaker", attendance="online")
    for status in ("pending", "waitlisted", "rejected", "cancelled"):
        RegistrationFactory(edition=edition, status=status, country="JP")
    RegistrationFactory(country="DE")  # another edition
    figures = services.attendance_figures(edition)
    assert figures["registered"] == 2
    assert [c["name"] for c in figures["countries"]] == ["Brazil", "Kenya"]
    assert (figures["women"], figures["women_per_cent"]) == (1, 50)
    assert (figures["speakers"], figures["speakers_women"], figures["speakers_women_per_cent"]) == (1, 0, 0)
    assert (figures["in_person"], figures["online"]) == (1, 1)
    assert (figures["attended_in_person"], figures["attended_online"]) == (0, 0)


def test_countries_in_un_order_ignoring_diacritics():
    edition = EditionFactory()
    for code in ("TR", "CI", "TH", "CO", "VN", "GB"):
        RegistrationFactory(edition=edition, country=code)
    names = [c["name"] for c in services.attendance_figures(edition)["countries"]]
    assert names == [
        "Colombia",
        "Côte d’Ivoire",
        "Thailand",
        "Türkiye",
        "United Kingdom of Great Britain and Northern Ireland",
        "Viet Nam",
    ]


def test_space_agencies_are_distinct_organisations_and_heads_count_agencies_not_people():
    edition = EditionFactory()
    cnes = OrganisationFactory(
        name="National Centre for Space Studies", acronym="CNES", type="space_agency", country="FR"
    )
    conae = OrganisationFactory(name="National Commission on Space Activities", type="space_agency", country="AR")
    esa = OrganisationFactory(name="European Space Agency (ESA)", acronym="ESA", type="space_agency", country="")
    university = OrganisationFactory(name="University of Lisbon", type="academia")
    RegistrationFactory.create_batch(2, edition=edition, organisation=cnes, head_of_agency=True)
    RegistrationFactory(edition=edition, organisation=conae)
    RegistrationFactory(edition=edition, organisation=esa, head_of_agency=True)
    RegistrationFactory(edition=edition, organisation=university, head_of_agency=True)
    RegistrationFactory(edition=edition, organisation=esa, head_of_agency=True, status="pending")
    figures = services.attendance_figures(edition)
    assert figures["space_agencies"] == 3
    assert figures["heads_of_agency"] == 2  # CNES (two heads, one agency) and ESA; a university is no agency
    # The report's order: by the agency's country, international agencies last.
    assert figures["space_agency_names"] == [
        "National Commission on Space Activities",
        "National Centre for Space Studies (CNES)",
        "European Space Agency (ESA)",
    ]


def _query_count(edition) -> int:
    with CaptureQueriesContext(connection) as queries:
        statistics = services.edition_statistics(edition)
        for chart in services.CHARTS:
            services.chart_table(statistics, chart)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_registrations():
    small, large = EditionFactory(), EditionFactory()
    agency = OrganisationFactory(type="space_agency", country="FR")
    RegistrationFactory(edition=small, organisation=agency)
    for index, code in enumerate(("FR", "KE", "BR", "CN", "IN", "US", "MX", "EG", "JP", "DE")):
        RegistrationFactory(
            edition=large,
            country=code,
            organisation=OrganisationFactory(type="space_agency", country=code),
            head_of_agency=index % 2 == 0,
            role="speaker" if index % 3 == 0 else "participant",
        )
    # 10 since issue 13: speakers over the programme and registrations (2), the international organizations (1).
    assert _query_count(small) == _query_count(large) <= 10


def test_chart_tables_and_regions():
    edition = EditionFactory()
    RegistrationFactory.create_batch(3, edition=edition, country="KE")
    RegistrationFactory(edition=edition, country="FR", status="pending")
    RegistrationFactory(edition=edition, country="BR", organisation_type="space_agency")
    statistics = services.edition_statistics(edition)
    assert statistics.regions == [("Africa", 3), ("Americas", 1)]
    header, rows = services.chart_table(statistics, "registrations")
    assert header[0] == "date" and rows[-1][2:] == [5, 4]  # five received, four approved so far
    assert services.chart_table(statistics, "organisation-types")[1] == [
        ["Academia and research", 3],
        ["Space agency", 1],
    ]
    assert services.chart_table(statistics, "women")[1][0] == ["Participants", 4, 4, 100]
    with pytest.raises(services.ReportError, match="no chart called 'pie'"):
        services.chart_table(statistics, "pie")


def test_export_rows_defuse_spreadsheet_formulas():
    edition = EditionFactory()
    RegistrationFactory(edition=edition, given_name='=HYPERLINK("http://evil")', family_name="+1", position="@x")
    header, row = list(services.export_rows(services.participants(edition)))
    values = dict(zip(header, row, strict=True))
    assert values["given_name"].startswith("'=") and values["family_name"] == "'+1" and values["position"] == "'@x"
    assert values["country_name"] == "France" and values["head_of_agency"] == "no"


def test_programme_summary_names_each_presenting_organisation_once():
    edition = EditionFactory()
    start = datetime.datetime(2022, 11, 21, 1, tzinfo=datetime.UTC)
    session = Session.objects.create(
        edition=edition,
        code="1(a)",
        title="Space agencies’ perspective",
        slug="s1a",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    Session.objects.create(
        edition=edition,
        kind="break",
        title="Coffee",
        slug="coffee",
        start=start + datetime.timedelta(hours=2),
        end=start + datetime.timedelta(hours=3),
    )
    cnsa = OrganisationFactory(name="China National Space Administration", acronym="CNSA")
    cnes = OrganisationFactory(name="Centre national d’études spatiales", acronym="CNES")
    for order, organisation in enumerate((cnsa, cnes, cnsa)):
        contribution = Contribution.objects.create(session=session, title=f"Talk {order}", order=order)
        ContributionSpeaker.objects.create(contribution=contribution, organisation=organisation)
    person = Person.objects.create(given_name="Ana", organisation=OrganisationFactory(name="KARI"))
    contribution = Contribution.objects.create(session=session, title="Talk 4", order=4)
    ContributionSpeaker.objects.create(contribution=contribution, person=person)
    [summary] = services.programme_summary(edition)
    assert summary.title == "Session 1(a). Space agencies’ perspective"
    assert (
        summary.sentence() == "Four presentations were made in the session, by representatives of CNSA, CNES and KARI."
    )


def test_attended_counts_distinct_participants_with_a_check_in_or_an_online_join():
    edition = EditionFactory()
    daily, once, online, both, cancelled = (RegistrationFactory(edition=edition) for _ in range(5))
    cancelled.status = "cancelled"
    cancelled.save()
    for day in (21, 22, 23):
        CheckIn.objects.create(registration=daily, day=datetime.date(2022, 11, day))
    CheckIn.objects.create(registration=once, day=datetime.date(2022, 11, 21))
    CheckIn.objects.create(registration=both, day=datetime.date(2022, 11, 22))
    CheckIn.objects.create(registration=cancelled, day=datetime.date(2022, 11, 22))
    for _ in range(3):
        OnlineJoin.objects.create(registration=online)
    OnlineJoin.objects.create(registration=both)
    assert services.attended_counts(edition) == (3, 2)
    text = services.attendance_text(services.attendance_figures(edition))
    assert "A total of three people attended the Workshop in person, while another two participated online." in text
