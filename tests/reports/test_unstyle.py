"""UN editorial style helpers and the Attendance section (rendezvous.reports.unstyle)."""

import pytest

from rendezvous.core.countries import un_name
from rendezvous.reports.unstyle import attendance_paragraphs, join_and, number_words, per_cent
from tests.data.make_haikou_csv import (
    INTERNATIONAL_ORGANIZATIONS,
    REPORT_COUNTRIES,
    REPORT_COUNTRY_CODES,
    SPACE_AGENCIES,
)


def seed_figures(**changes):
    figures = {
        "registered": 520,
        "countries": [{"iso2": code, "name": un_name(code), "count": 1} for code in REPORT_COUNTRY_CODES],
        "women": 226,
        "women_per_cent": 43,
        "speakers": 68,
        "speakers_women": 23,
        "speakers_women_per_cent": 33,
        "space_agencies": 12,
        "heads_of_agency": 9,
        "in_person": 260,
        "online": 260,
        "attended_in_person": 200,
        "attended_online": 200,
        "space_agency_names": [name for name, _country, _head in SPACE_AGENCIES],
        "international_organization_names": [name for name, _country, _kind in INTERNATIONAL_ORGANIZATIONS],
    }
    figures.update(changes)
    return figures


@pytest.mark.parametrize(
    ("n", "text"), [(0, "zero"), (1, "one"), (9, "nine"), (10, "10"), (12, "12"), (520, "520"), (1250, "1,250")]
)
def test_number_words(n, text):
    assert number_words(n) == text


def test_join_and_has_no_serial_comma():
    assert join_and([]) == ""
    assert join_and(["Kenya"]) == "Kenya"
    assert join_and(["Kenya", "Peru"]) == "Kenya and Peru"
    assert join_and(["Chile", "Kenya", "Peru"]) == "Chile, Kenya and Peru"
    assert join_and(name for name in ("A", "B")) == "A and B"


def test_per_cent_truncates_like_the_report():
    assert per_cent(226, 520) == 43  # 43.46
    assert per_cent(23, 68) == 33  # 33.8: the report's "33 per cent" of 68 speakers; rounding would say 34
    assert per_cent(22, 68) == 32  # 32.4: so no rounding rule can give 33
    assert per_cent(2, 3) == 66
    assert per_cent(5, 5) == 100
    assert per_cent(0, 0) == 0
    with pytest.raises(ValueError, match="zero or more"):
        per_cent(-1, 10)


def test_seed_figures_give_the_reports_attendance_section():
    registration, speakers, attendance = attendance_paragraphs(seed_figures())
    assert registration == (
        "A total of 520 participants from 82 countries registered for the event. The following countries were "
        f"represented: {REPORT_COUNTRIES}. Among the registered participants, 226 were women, accounting for 43 per "
        "cent of the total number of participants."
    )
    # As paragraph 10, except the report's stray commas in "Bolivarian Agency for Space Activities, (ABAE) of the
    # Bolivarian Republic of Venezuela, and European Space Agency" (UN style: no serial comma).
    assert speakers == (
        "Of the 68 speakers who presented their activities, 33 per cent were women. Representatives of 12 space "
        "agencies attended the workshop: Argentina National Commission on Space Activities Commission (CONAE), CNSA, "
        "Egypt Space Agency, National Centre for Space Studies (CNES) of France, Korea Aerospace Research Institute "
        "(KARI), Nigeria National Space Research and Development Agency, Pakistan Space and Upper Atmosphere Research "
        "Commission (SUPARCO), State Space Corporation (ROSCOSMOS) of the Russian Federation, Turkish Space Agency, "
        "National Aeronautics and Space Administration (NASA) of the United States, Bolivarian Agency for Space "
        "Activities (ABAE) of the Bolivarian Republic of Venezuela and European Space Agency (ESA). The following "
        "international organizations also participated: Asia Pacific Space Cooperation Organization (APSCO), "
        "Committee on Space Research (COSPAR), Regional Centre for Space Science and Technology Education in Asia and "
        "the Pacific (China), Secure World Foundation (SWF) and Space Generation Advisory Council (SGAC). "
        "Furthermore, nine space agencies were represented at the head of agency or director level."
    )
    # "the Workshop", as the report writes it (issue 13); 200 exactly is not rounded, so no "More than".
    assert attendance == "A total of 200 people attended the Workshop in person, while another 200 participated online."


def test_countries_are_listed_in_un_order_whatever_order_they_come_in():
    figures = seed_figures(countries=[{"iso2": c, "name": un_name(c), "count": 1} for c in ("VN", "TR", "CI", "AT")])
    assert "represented: Austria, Côte d’Ivoire, Türkiye and Viet Nam." in attendance_paragraphs(figures)[0]


def test_without_names_the_counts_are_given():
    figures = seed_figures(space_agency_names=None)
    del figures["international_organization_names"]
    assert attendance_paragraphs(figures)[1] == (
        "Of the 68 speakers who presented their activities, 33 per cent were women. Representatives of 12 space "
        "agencies attended the workshop. Furthermore, nine space agencies were represented at the head of agency or "
        "director level."
    )


def test_singular_and_small_figures():
    figures = seed_figures(
        registered=1,
        countries=[{"iso2": "KE", "name": "Kenya", "count": 1}],
        women=1,
        women_per_cent=100,
        speakers=1,
        speakers_women=1,
        speakers_women_per_cent=100,
        space_agencies=1,
        heads_of_agency=1,
        space_agency_names=["Kenya Space Agency"],
        international_organization_names=["Committee on Space Research (COSPAR)"],
        in_person=1,
        online=0,
        attended_in_person=1,
        attended_online=0,
    )
    assert attendance_paragraphs(figures) == [
        "A total of one participant from one country registered for the event. The following country was "
        "represented: Kenya. Among the registered participants, one was a woman, accounting for 100 per cent of the "
        "total number of participants.",
        "One speaker presented their activities. Representatives of one space agency attended the workshop: Kenya "
        "Space Agency. The following international organization also participated: Committee on Space Research "
        "(COSPAR). Furthermore, one space agency was represented at the head of agency or director level.",
        "A total of one person attended the Workshop in person.",
    ]


def test_per_cent_is_computed_when_not_given():
    figures = seed_figures()
    del figures["women_per_cent"], figures["speakers_women_per_cent"]
    assert attendance_paragraphs(figures) == attendance_paragraphs(seed_figures())


def test_before_anyone_checks_in_the_registered_modes_are_given():
    figures = seed_figures(attended_in_person=0, attended_online=0, in_person=9, online=511)
    assert attendance_paragraphs(figures)[2] == (
        "Of the registered participants, nine registered to attend in person and 511 to participate online."
    )
    # The in-person registrations are still said when only joins are recorded (issue 13).
    only_online = seed_figures(attended_in_person=0, attended_online=150)
    assert attendance_paragraphs(only_online)[2] == (
        "A total of 150 people participated in the Workshop online, while 260 registered to attend in person."
    )


def test_nobody_registered():
    figures = seed_figures(
        registered=0,
        countries=[],
        women=0,
        women_per_cent=0,
        speakers=0,
        speakers_women=0,
        speakers_women_per_cent=0,
        space_agencies=0,
        heads_of_agency=0,
        space_agency_names=[],
        international_organization_names=[],
        in_person=0,
        online=0,
        attended_in_person=0,
        attended_online=0,
    )
    assert attendance_paragraphs(figures) == ["No participants registered for the event."]


def test_no_women_is_said_plainly():
    figures = seed_figures(women=0, women_per_cent=0)
    assert attendance_paragraphs(figures)[0].endswith("None of the registered participants were women.")
