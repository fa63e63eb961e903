"""Choosing applications within platform budgets: an exact multi-constraint 0/1 knapsack solved by HiGHS.

Plain data in, plain data out, so the rules can be tested against brute force without a database. A budget is
keyed by (platform, resource), e.g. ("Lander", "mass_kg") → 10; a resource a platform does not limit has no key.
Quantities are Decimals: the final over-budget check is exact, the solver's tolerance never decides it.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext

from .models import RESOURCE_UNITS, Resource

BudgetKey = tuple[str, str]  # (platform, resource code)


class SelectionError(Exception):
    """A selection that breaks a budget, with a message naming the platform and the excess."""


@dataclass(frozen=True)
class Candidate:
    id: Hashable
    score: Decimal
    requests: Mapping[BudgetKey, Decimal] = field(default_factory=dict)
    label: str = ""


@dataclass(frozen=True)
class Proposal:
    chosen: tuple  # candidate ids, in the order the candidates were given
    total_score: Decimal
    leftover: dict[BudgetKey, Decimal]
    # Candidates that cannot be selected at all, with why (e.g. a platform the call does not offer).
    excluded: dict = field(default_factory=dict)


def usage(candidates: Iterable[Candidate]) -> dict[BudgetKey, Decimal]:
    used: dict[BudgetKey, Decimal] = {}
    for candidate in candidates:
        for key, amount in candidate.requests.items():
            used[key] = used.get(key, Decimal(0)) + Decimal(amount)
    return used


def leftover(candidates: Iterable[Candidate], budgets: Mapping[BudgetKey, Decimal]) -> dict[BudgetKey, Decimal]:
    used = usage(candidates)
    return {key: Decimal(capacity) - used.get(key, Decimal(0)) for key, capacity in budgets.items()}


def describe(key: BudgetKey, amount: Decimal) -> str:
    """'2.5 kg of mass', for messages, in the active language."""
    platform, resource = key
    unit = RESOURCE_UNITS.get(resource, "")
    label = str(Resource(resource).label).lower() if resource in Resource.values else resource
    quantity = f"{format_amount(amount)} {unit}".strip()
    return gettext("%(quantity)s of %(resource)s") % {"quantity": quantity, "resource": label}


def check_selection(chosen: Iterable[Candidate], budgets: Mapping[BudgetKey, Decimal]) -> dict[BudgetKey, Decimal]:
    """Leftover per platform and resource if `chosen` fits every budget; SelectionError naming each excess if not."""
    chosen = list(chosen)
    problems = []
    platforms = {platform for platform, _ in budgets}
    for key, amount in usage(chosen).items():
        if key[0] not in platforms:
            problems.append(gettext("The call offers no platform named %(platform)s.") % {"platform": key[0]})
            continue
        if key not in budgets:  # a resource this platform does not limit
            continue
        excess = amount - Decimal(budgets[key])
        if excess > 0:
            problems.append(
                gettext("%(platform)s is over budget by %(excess)s: %(requested)s requested, %(available)s available.")
                % {
                    "platform": key[0],
                    "excess": describe(key, excess),
                    "requested": format_amount(amount),
                    "available": format_amount(budgets[key]),
                }
            )
    if problems:
        raise SelectionError(" ".join(problems))
    return leftover(chosen, budgets)


def propose_selection(candidates: Iterable[Candidate], budgets: Mapping[BudgetKey, Decimal]) -> Proposal:
    """The highest-scoring set of candidates that fits every budget (exact: HiGHS branch and bound, zero gap).

    One binary variable per candidate, one constraint row per (platform, resource) budget.
    """
    candidates = list(candidates)
    excluded = {}
    eligible = []
    for candidate in candidates:
        try:
            check_selection([candidate], budgets)
        except SelectionError as error:
            excluded[candidate.id] = str(error)
            continue
        if candidate.score > 0:
            eligible.append(candidate)
    chosen_ids: set = set()
    if eligible:
        # SciPy takes half a second to import: only the selection page and its tests pay for it, not every process.
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp

        keys = list(budgets)
        scores = np.array([float(c.score) for c in eligible])
        constraints = []
        if keys:
            matrix = np.array([[float(c.requests.get(key, 0)) for c in eligible] for key in keys])
            capacity = np.array([float(budgets[key]) for key in keys])
            constraints.append(LinearConstraint(matrix, -np.inf, capacity))
        result = milp(
            -scores,
            integrality=np.ones(len(eligible)),
            bounds=Bounds(0, 1),
            constraints=constraints,
            options={"mip_rel_gap": 0},
        )
        if not result.success:  # cannot happen for a bounded 0/1 problem where the empty set is feasible
            raise SelectionError(gettext("The solver found no selection: %(message)s") % {"message": result.message})
        chosen_ids = {c.id for c, x in zip(eligible, result.x, strict=True) if x > 0.5}
        chosen = [c for c in eligible if c.id in chosen_ids]
        # Guard against the solver's float tolerance: drop the lowest scorers until the exact check passes.
        while True:
            try:
                check_selection(chosen, budgets)
                break
            except SelectionError:
                chosen.remove(min(chosen, key=lambda c: c.score))
        chosen_ids = {c.id for c in chosen}
    chosen = [c for c in candidates if c.id in chosen_ids]
    return Proposal(
        chosen=tuple(c.id for c in chosen),
        total_score=sum((Decimal(c.score) for c in chosen), Decimal(0)),
        leftover=leftover(chosen, budgets),
        excluded=excluded,
    )


def format_amount(value) -> str:
    """2.500 → '2.5', 10.000 → '10', with the reader's decimal mark ('2,5' in French)."""
    return formats.number_format(Decimal(value).normalize())
