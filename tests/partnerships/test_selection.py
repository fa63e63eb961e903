"""The budget rules of selection: exact optimum (checked by brute force) and never over any budget."""

import itertools
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rendezvous.partnerships.selection import Candidate, SelectionError, check_selection, propose_selection

LANDER, ORBITER = "Lander", "Orbiter"
BUDGETS = {(LANDER, "mass_kg"): Decimal(10), (ORBITER, "mass_kg"): Decimal(15)}

amounts = st.decimals(min_value=0, max_value=12, places=1, allow_nan=False, allow_infinity=False)
scores = st.decimals(min_value=0, max_value=10, places=2, allow_nan=False, allow_infinity=False)
platforms = st.sampled_from([LANDER, ORBITER])


@st.composite
def instances(draw):
    budgets = {
        (LANDER, "mass_kg"): draw(amounts),
        (ORBITER, "mass_kg"): draw(amounts),
    }
    if draw(st.booleans()):
        budgets[(LANDER, "power_w")] = draw(amounts)
    count = draw(st.integers(min_value=0, max_value=10))
    candidates = []
    for number in range(count):
        requests = {}
        for platform in draw(st.lists(platforms, min_size=1, max_size=2, unique=True)):
            requests[(platform, "mass_kg")] = draw(amounts)
            if platform == LANDER and draw(st.booleans()):
                requests[(LANDER, "power_w")] = draw(amounts)
        candidates.append(Candidate(id=number, score=draw(scores), requests=requests))
    return candidates, budgets


def fits(subset, budgets) -> bool:
    try:
        check_selection(subset, budgets)
    except SelectionError:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(instances())
def test_proposal_fits_every_budget_and_no_feasible_set_scores_higher(instance):
    candidates, budgets = instance
    proposal = propose_selection(candidates, budgets)
    chosen = [c for c in candidates if c.id in proposal.chosen]
    assert fits(chosen, budgets)
    assert all(left >= 0 for left in proposal.leftover.values())
    assert proposal.total_score == sum((c.score for c in chosen), Decimal(0))
    best = max(
        sum((c.score for c in subset), Decimal(0))
        for size in range(len(candidates) + 1)
        for subset in itertools.combinations(candidates, size)
        if fits(subset, budgets)
    )
    assert proposal.total_score == best


def test_the_chang_e_7_example_takes_the_best_pair_per_platform():
    candidates = [
        Candidate("seismometer", Decimal(9), {(LANDER, "mass_kg"): Decimal(6)}),
        Candidate("dust-sensor", Decimal(7), {(LANDER, "mass_kg"): Decimal(4)}),
        Candidate("camera", Decimal(8), {(LANDER, "mass_kg"): Decimal(5)}),
        Candidate("magnetometer", Decimal(6), {(ORBITER, "mass_kg"): Decimal(15)}),
        Candidate("radar", Decimal(5), {(ORBITER, "mass_kg"): Decimal(16)}),
    ]
    proposal = propose_selection(candidates, BUDGETS)
    assert proposal.chosen == ("seismometer", "dust-sensor", "magnetometer")
    assert proposal.total_score == Decimal(22)
    assert proposal.leftover == {(LANDER, "mass_kg"): Decimal(0), (ORBITER, "mass_kg"): Decimal(0)}
    assert "radar" in proposal.excluded and "Orbiter is over budget by 1 kg of mass" in proposal.excluded["radar"]


def test_check_refuses_an_over_budget_set_naming_the_platform_and_the_excess():
    chosen = [
        Candidate("a", Decimal(1), {(LANDER, "mass_kg"): Decimal("6.5")}),
        Candidate("b", Decimal(1), {(LANDER, "mass_kg"): Decimal(4), (ORBITER, "mass_kg"): Decimal(2)}),
    ]
    with pytest.raises(SelectionError) as error:
        check_selection(chosen, BUDGETS)
    assert str(error.value) == "Lander is over budget by 0.5 kg of mass: 10.5 requested, 10 available."


def test_the_excess_is_told_in_the_readers_language():
    chosen = [Candidate("a", Decimal(1), {(LANDER, "mass_kg"): Decimal("10.5"), ("Rover", "mass_kg"): Decimal(1)})]
    with translation.override("fr"), pytest.raises(SelectionError) as error:
        check_selection(chosen, BUDGETS)
    assert str(error.value) == (
        "Lander dépasse le budget de 0,5 kg de masse : 10,5 demandés, 10 disponibles. "
        "L’appel ne propose aucune plateforme nommée Rover."
    )


def test_check_returns_what_each_platform_has_left():
    chosen = [Candidate("a", Decimal(1), {(LANDER, "mass_kg"): Decimal("2.5")})]
    assert check_selection(chosen, BUDGETS) == {(LANDER, "mass_kg"): Decimal("7.5"), (ORBITER, "mass_kg"): Decimal(15)}


def test_a_platform_the_call_does_not_offer_is_refused():
    with pytest.raises(SelectionError, match="no platform named Rover"):
        check_selection([Candidate("a", Decimal(1), {("Rover", "mass_kg"): Decimal(1)})], BUDGETS)


def test_a_resource_the_platform_does_not_limit_is_free():
    chosen = [Candidate("a", Decimal(1), {(LANDER, "mass_kg"): Decimal(1), (LANDER, "power_w"): Decimal(500)})]
    assert check_selection(chosen, BUDGETS)[(LANDER, "mass_kg")] == Decimal(9)


def test_no_candidates_no_selection():
    proposal = propose_selection([], BUDGETS)
    assert proposal.chosen == () and proposal.total_score == 0 and proposal.leftover == BUDGETS
