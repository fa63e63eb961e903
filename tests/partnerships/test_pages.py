"""The hub's pages: public lists and calls, the application form, who may see an application, the selection page."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from rendezvous.partnerships import permissions, services
from rendezvous.partnerships.models import CallRole, CallStage, Programme
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories import ContributionFactory
from tests.factories.partnerships import ProgrammeFactory, payload_call, representative_of, team_member
from tests.support.uploads import PDF as REAL_PDF

pytestmark = pytest.mark.django_db


def future_call(**kwargs):
    """A payload call whose letters of interest are due in ten days."""
    call = payload_call(**kwargs)
    CallStage.objects.filter(call=call, kind="letter_of_interest").update(
        deadline=timezone.now() + datetime.timedelta(days=10)
    )
    return call


def letter(call, organisation=None, kg="4", title="Lunar dust sensor"):
    organisation = organisation or OrganisationFactory()
    user = representative_of(organisation)
    lander = call.budgets.get(platform="Lander")
    application = services.submit_application(
        call,
        organisation,
        user,
        title=title,
        summary="Dust.",
        requests=[services.RequestedResources(platform=lander, mass_kg=Decimal(kg))],
    )
    return application, user


def test_programme_list_searches_and_filters(client):
    moon = ProgrammeFactory(name="Lunar Station", destination="moon", cooperation_forms=["payloads"])
    moon.owners.add(OrganisationFactory(country="CN"))
    mars = ProgrammeFactory(name="Mars Rover", destination="mars", phase="concept", cooperation_forms=["data"])
    mars.owners.add(OrganisationFactory(country="FR"))
    assert [p.name for p in client.get("/hub/").context["programmes"]] == ["Lunar Station", "Mars Rover"]
    for query, expected in (
        ("q=rover", ["Mars Rover"]),
        ("destination=moon", ["Lunar Station"]),
        ("phase=concept", ["Mars Rover"]),
        ("cooperation=payloads", ["Lunar Station"]),
        ("country=FR", ["Mars Rover"]),
        ("region=group:Asia-Pacific+States", ["Lunar Station"]),
        ("region=m49:Europe", ["Mars Rover"]),
    ):
        assert [p.name for p in client.get(f"/hub/?{query}").context["programmes"]] == expected, query


def test_call_page_shows_deadlines_in_the_calls_zone_and_budgets(client):
    call = payload_call()
    page = client.get(f"/hub/calls/{call.slug}/").content.decode()
    assert "1 February 2023 at 23:59 (Asia/Shanghai)" in page
    assert "Letters of interest closed on 1 February 2023 at 23:59 (Asia/Shanghai)." in page
    assert "<td>Lander</td><td>10 kg</td>" in page and "<td>Orbiter</td><td>15 kg</td>" in page
    assert client.get(f"/hub/programmes/{call.programme.slug}/").status_code == 200


def test_a_closed_stage_is_refused_with_a_plain_message(client):
    call = payload_call()
    organisation = OrganisationFactory()
    client.force_login(representative_of(organisation))
    response = client.post(
        f"/hub/calls/{call.slug}/apply/",
        {
            "organisation": organisation.pk,
            "title": "Late",
            "summary": "Too late.",
            f"mass_kg_{call.budgets.first().pk}": "2",
        },
    )
    assert "Letters of interest closed on 1 February 2023 at 23:59 (Asia/Shanghai)." in response.content.decode()
    assert not call.applications.exists()


def test_a_representative_submits_and_over_budget_keeps_the_input(client):
    call = future_call()
    organisation = OrganisationFactory()
    client.force_login(representative_of(organisation))
    lander = call.budgets.get(platform="Lander")
    data = {"organisation": organisation.pk, "title": "Heavy drill", "summary": "Drills.", f"mass_kg_{lander.pk}": "12"}
    response = client.post(f"/hub/calls/{call.slug}/apply/", data)
    page = response.content.decode()
    assert "Lander is over budget by 2 kg of mass: 12 requested, 10 available." in page
    assert "Heavy drill" in page  # nothing typed is lost
    data[f"mass_kg_{lander.pk}"] = "9.5"
    response = client.post(f"/hub/calls/{call.slug}/apply/", data)
    application = call.applications.get()
    assert response.url == f"/hub/applications/{application.pk}/"
    assert "Heavy drill" in client.get(response.url).content.decode()


def test_another_applicant_and_a_reviewer_of_another_call_are_refused(client):
    call, other_call = future_call(), future_call()
    application, _ = letter(call)
    _, rival = letter(call, title="Rival")
    for intruder in (rival, team_member(other_call)):
        client.force_login(intruder)
        assert client.get(f"/hub/applications/{application.pk}/").status_code == 403
        assert client.get(f"/hub/applications/{application.pk}/edit/").status_code == 403
        assert "Lunar dust sensor" not in client.get(f"/hub/calls/{call.slug}/").content.decode()
    client.force_login(team_member(other_call, CallRole.SELECTING_OFFICER))
    assert client.get(f"/hub/calls/{call.slug}/selection/").status_code == 403
    client.logout()
    assert client.get(f"/hub/applications/{application.pk}/").status_code in (302, 403)


def test_a_reviewer_scores_but_cannot_select(client):
    call = future_call()
    application, _ = letter(call)
    reviewer = team_member(call)
    client.force_login(reviewer)
    client.post(f"/hub/applications/{application.pk}/", {"score": "8.5", "comment": "Strong."})
    assert application.reviews.get().score == Decimal("8.5")
    assert client.get(f"/hub/calls/{call.slug}/selection/").status_code == 403


def test_selection_page_proposes_refuses_over_budget_and_publishes(client):
    call = future_call()
    first, _ = letter(call, kg="6", title="First")
    second, _ = letter(call, kg="5", title="Second")
    reviewer = team_member(call)
    services.score_application(first, reviewer, 9)
    services.score_application(second, reviewer, 7)
    client.force_login(team_member(call, CallRole.SELECTING_OFFICER))
    page = client.get(f"/hub/calls/{call.slug}/selection/").content.decode()
    assert "1 application, total score 9" in page
    assert "<td>Lander</td><td>4 kg of mass</td><td>10 kg of mass</td>" in page
    response = client.post(f"/hub/calls/{call.slug}/selection/", {"application": [first.pk, second.pk]}, follow=True)
    assert "Lander is over budget by 1 kg of mass: 11 requested, 10 available." in response.content.decode()
    client.post(f"/hub/calls/{call.slug}/selection/", {"application": [first.pk]})
    client.post(f"/hub/calls/{call.slug}/selection/", {"action": "publish"})
    client.logout()
    page = client.get(f"/hub/calls/{call.slug}/").content.decode()
    assert "First — " in page and "Second" not in page


def test_the_list_costs_the_same_queries_for_one_and_three_programmes(client, django_assert_num_queries):
    ProgrammeFactory().owners.add(OrganisationFactory())
    with django_assert_num_queries(3) as one:
        client.get("/hub/")
    for _ in range(2):
        ProgrammeFactory().owners.add(OrganisationFactory())
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/hub/")
    assert Programme.objects.count() == 3


def test_an_attachment_that_is_not_really_a_pdf_is_refused_and_nothing_is_submitted(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    call = future_call()
    organisation = OrganisationFactory()
    client.force_login(representative_of(organisation))
    lander = call.budgets.get(platform="Lander")
    response = client.post(
        f"/hub/calls/{call.slug}/apply/",
        {
            "organisation": organisation.pk,
            "title": "Sensor",
            "summary": "S.",
            f"mass_kg_{lander.pk}": "1",
            "attachment": SimpleUploadedFile("letter.pdf", b"<html><script>x</script>", content_type="application/pdf"),
        },
    )
    assert "The attachment must be a PDF file." in response.content.decode()
    assert not call.applications.exists()


def test_attachments_are_served_only_to_those_who_may_see_the_application(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    call = future_call()
    organisation = OrganisationFactory()
    client.force_login(representative_of(organisation))
    lander = call.budgets.get(platform="Lander")
    client.post(
        f"/hub/calls/{call.slug}/apply/",
        {
            "organisation": organisation.pk,
            "title": "Sensor",
            "summary": "S.",
            f"mass_kg_{lander.pk}": "1",
            "attachment": SimpleUploadedFile("letter.pdf", REAL_PDF, content_type="application/pdf"),
        },
    )
    application = call.applications.get()
    item = application.attachments.get()
    url = f"/hub/applications/{application.pk}/attachments/{item.pk}/"
    assert url in client.get(f"/hub/applications/{application.pk}/").content.decode()
    assert b"".join(client.get(url).streaming_content) == REAL_PDF
    _, rival = letter(call, title="Rival")
    client.force_login(rival)
    assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in_before_any_application_page(client):
    call = future_call()
    application, _ = letter(call)
    for url in (
        f"/hub/calls/{call.slug}/apply/",
        f"/hub/applications/{application.pk}/",
        f"/hub/applications/{application.pk}/edit/",
        f"/hub/applications/{application.pk}/attachments/1/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == f"/accounts/sign-in/?next={url}", url


def test_the_apply_button_and_the_apply_page_follow_one_rule(client):
    call = future_call()
    apply_url = f"/hub/calls/{call.slug}/apply/"
    for user, allowed in ((representative_of(OrganisationFactory()), True), (team_member(future_call()), False)):
        assert permissions.can_apply(user, call) is allowed
        client.force_login(user)
        assert (f'href="{apply_url}"' in client.get(f"/hub/calls/{call.slug}/").content.decode()) is allowed
        assert client.get(apply_url).status_code == (200 if allowed else 403)


def test_the_session_a_call_was_announced_in_is_named_in_the_readers_language(client, settings):
    contribution = ContributionFactory(session__code="4", session__title="Special event", title="Chang'e-7")
    call = payload_call(announced_in=contribution)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(call.get_absolute_url()).content.decode()
    assert "— Séance 4. Special event</span>" in page
