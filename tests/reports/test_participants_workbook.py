"""The participants' workbook as people use it (issue 18, item 7): typed cells, a frozen and filtered header, sized
columns, labels with their codes beside them, badge, check-in and online-join columns; unknown filters refused."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.participation.services import pass_for
from tests.factories import HaikouEditionFactory, ReportRegistrationFactory, make_organiser

pytestmark = pytest.mark.django_db

SLUG = "workbook-workshop"
BASE = f"/events/{SLUG}/organise"


@pytest.fixture
def edition():
    return HaikouEditionFactory(slug=SLUG)


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(make_organiser(edition))
    return client


def workbook(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_workbook_is_typed_frozen_filtered_and_labelled(organiser_client, edition):
    ana = ReportRegistrationFactory(
        edition=edition, given_name="Ana", email="ana@example.org", country="BO", head_of_agency=True
    )
    ReportRegistrationFactory(edition=edition, given_name="=HYPERLINK(1)", email="chen@example.org", country="CN")
    badge = pass_for(ana)
    CheckIn.objects.create(registration=ana, day=edition.start_date)
    CheckIn.objects.create(registration=ana, day=edition.start_date + datetime.timedelta(days=1))
    OnlineJoin.objects.create(registration=ana, joined_at=datetime.datetime(2022, 11, 21, 2, tzinfo=datetime.UTC))

    sheet = workbook(organiser_client.get(f"{BASE}/participants.xlsx"))["Participants"]
    rows = list(sheet.values)
    header = list(rows[0])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:V{len(rows)}"
    assert sheet.column_dimensions["C"].width == 30
    record = dict(zip(header, rows[1], strict=True))
    assert record["given_name"] == "Ana" and record["country_name"] == "Bolivia (Plurinational State of)"
    assert record["country"] == "BO"
    assert record["status"] == "Approved" and record["status_code"] == "approved"
    assert record["attendance"] == "In person" and record["attendance_code"] == "in_person"
    assert record["head_of_agency"] is True
    assert isinstance(record["registered_at"], datetime.datetime)
    assert record["badge_code"] == badge.badge_code
    assert record["days_checked_in"] == 2 and record["online_joins"] == 1
    assert record["first_check_in"].date() == edition.start_date
    other = dict(zip(header, rows[2], strict=True))
    assert other["given_name"] == "'=HYPERLINK(1)"  # formulas stay defused
    assert other["days_checked_in"] == 0 and not other["badge_code"]


@pytest.mark.parametrize("export", ["participants.csv", "participants.xlsx"])
def test_an_unknown_filter_value_is_refused_not_ignored(organiser_client, edition, export):
    ReportRegistrationFactory(edition=edition, given_name="Ana", email="ana@example.org", country="BO")
    for query in ({"country": "ZZ"}, {"status": "maybe"}, {"role": "king"}):
        response = organiser_client.get(f"{BASE}/{export}", query)
        assert response.status_code == 400, query
        assert "Unknown value" in response.content.decode()
    # A real country nobody applied from filters to nobody, rather than to everyone.
    response = organiser_client.get(f"{BASE}/{export}", {"country": "FR"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert b"ana@example.org" not in content
