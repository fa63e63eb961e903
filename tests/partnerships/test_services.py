"""Application rules: deadlines in the call's zone, budgets at submission, who may see and do what, selection."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from rendezvous.partnerships import services
from rendezvous.partnerships.models import ApplicationStatus, CallRole, Result
from rendezvous.partnerships.services import HubError, RequestedResources
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories.partnerships import LOI_DEADLINE, payload_call, representative_of, team_member

pytestmark = pytest.mark.django_db
BEFORE = LOI_DEADLINE - datetime.timedelta(days=1)
AFTER = LOI_DEADLINE + datetime.timedelta(minutes=1)


def lander(call, kg):
    return RequestedResources(platform=call.budgets.get(platform="Lander"), mass_kg=Decimal(kg))


def orbiter(call, kg):
    return RequestedResources(platform=call.budgets.get(platform="Orbiter"), mass_kg=Decimal(kg))


def apply(call, organisation=None, *, kg=4, platform=lander, now=BEFORE, title="Lunar dust sensor"):
    organisation = organisation or OrganisationFactory()
    user = representative_of(organisation)
    application = services.submit_application(
        call,
        organisation,
        user,
        title=title,
        summary="Measures dust levitation at the south pole.",
        countries=["IT"],
        requests=[platform(call, kg)],
        now=now,
    )
    return application, user


def test_a_representative_submits_a_letter_of_interest_before_the_deadline():
    call = payload_call()
    application, user = apply(call)
    assert application.stage == "letter_of_interest"
    assert [(r.platform.platform, r.mass_kg) for r in application.requests.all()] == [("Lander", Decimal(4))]
    assert services.can_view_application(user, application)


def test_after_the_deadline_the_letter_is_refused_with_the_deadline_in_the_calls_zone():
    call = payload_call()
    with pytest.raises(HubError) as error:
        apply(call, now=AFTER)
    assert str(error.value) == "Letters of interest closed on 1 February 2023 at 23:59 (Asia/Shanghai)."


def test_the_deadline_minute_itself_still_counts():
    application, _ = apply(payload_call(), now=LOI_DEADLINE)
    assert application.pk


def test_editing_is_allowed_until_the_deadline_and_refused_after():
    call = payload_call()
    application, user = apply(call)
    fields = {"title": "Lunar dust sensor, lighter", "summary": "Smaller.", "requests": [lander(call, 3)]}
    services.update_application(application, user, now=BEFORE, **fields)
    application.refresh_from_db()
    assert application.title == "Lunar dust sensor, lighter"
    assert application.requests.get().mass_kg == Decimal(3)
    with pytest.raises(HubError, match="closed on 1 February 2023 at 23:59"):
        services.update_application(application, user, now=AFTER, **fields)


def test_an_application_alone_over_a_platform_budget_is_refused():
    call = payload_call()
    with pytest.raises(HubError) as error:
        apply(call, kg="10.5")
    assert "Lander is over budget by 0.5 kg of mass: 10.5 requested, 10 available." in str(error.value)
    assert not call.applications.exists()


def test_a_payload_call_needs_a_platform_and_mass():
    call = payload_call()
    with pytest.raises(HubError, match="which platform"):
        apply(call, kg=0)


def test_someone_who_does_not_represent_the_organisation_cannot_apply_for_it():
    call = payload_call()
    outsider = representative_of(OrganisationFactory())
    with pytest.raises(PermissionDenied):
        services.submit_application(
            call, OrganisationFactory(), outsider, title="T", summary="S", requests=[lander(call, 1)], now=BEFORE
        )


def test_eligibility_by_organisation_type():
    call = payload_call(eligible_organisation_types=["space_agency"])
    with pytest.raises(HubError, match="not open to organisations of the type Academia"):
        apply(call)


def test_another_applicant_cannot_see_or_edit_an_application():
    call = payload_call()
    mine, _ = apply(call, title="Mine")
    theirs, rival = apply(call, title="Theirs")
    assert not services.can_view_application(rival, mine)
    with pytest.raises(PermissionDenied):
        services.require_view(rival, mine)
    assert list(services.visible_applications(rival, call)) == [theirs]
    with pytest.raises(PermissionDenied):
        services.update_application(mine, rival, title="Hijacked", summary="", now=BEFORE)


def test_a_reviewer_of_another_call_sees_nothing_and_cannot_score():
    call, other_call = payload_call(), payload_call()
    application, _ = apply(call)
    stranger = team_member(other_call)
    assert not services.can_view_application(stranger, application)
    assert not services.visible_applications(stranger, call).exists()
    with pytest.raises(PermissionDenied):
        services.score_application(application, stranger, 9)
    reviewer = team_member(call)
    assert services.can_view_application(reviewer, application)
    assert services.score_application(application, reviewer, 9).score == Decimal(9)


def test_a_reviewer_cannot_select_and_the_officer_cannot_select_over_budget():
    call = payload_call()
    first, _ = apply(call, kg=6)
    second, _ = apply(call, kg=5)
    reviewer = team_member(call)
    with pytest.raises(PermissionDenied):
        services.select_applications(call, reviewer, [first.pk])
    officer = team_member(call, CallRole.SELECTING_OFFICER)
    with pytest.raises(HubError) as error:
        services.select_applications(call, officer, [first.pk, second.pk])
    assert "Lander is over budget by 1 kg of mass: 11 requested, 10 available." in str(error.value)


def test_the_proposal_takes_the_best_scores_that_fit_and_publishing_shows_results():
    call = payload_call()
    heavy, _ = apply(call, kg=8, title="Heavy")
    light_a, _ = apply(call, kg=5, title="Light A")
    light_b, _ = apply(call, kg=5, title="Light B")
    ring, _ = apply(call, kg=15, platform=orbiter, title="Ring")
    reviewer = team_member(call)
    for application, score in ((heavy, 9), (light_a, 6), (light_b, 5), (ring, 4)):
        services.score_application(application, reviewer, score)
    proposal = services.propose(call)
    assert set(proposal.chosen) == {light_a.pk, light_b.pk, ring.pk}
    assert proposal.total_score == Decimal(15)
    officer = team_member(call, CallRole.SELECTING_OFFICER)
    services.select_applications(call, officer, proposal.chosen)
    services.publish_results(call, officer)
    call.refresh_from_db()
    assert call.results_published
    assert [r.title for r in Result.objects.filter(call=call)] == ["Light A", "Light B", "Ring"]
    heavy.refresh_from_db()
    assert heavy.status == ApplicationStatus.NOT_SELECTED
