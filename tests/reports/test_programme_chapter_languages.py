"""The Programme chapter's generated lead sentences in the report's other five languages: numbers, agreement and the
organisations' names as that language's documents give them, never English words inside them."""

import datetime

import pytest

from rendezvous.core.models import Organisation
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session
from rendezvous.reports import docx as report_docx
from rendezvous.reports import services
from rendezvous.reports.languages import ar, common, es, fr, organisations, ru, zh
from rendezvous.reports.models import ReportSection
from tests.factories import EditionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2022, 11, 21, 1, tzinfo=datetime.UTC)


def _session(edition, index: int, speakers_from: list[Organisation], code: str = "") -> Session:
    session = Session.objects.create(
        edition=edition,
        kind="technical",
        title=f"Talks {index}",
        slug=f"session-{index}",
        code=code,
        start=START + datetime.timedelta(hours=index),
        end=START + datetime.timedelta(hours=index + 1),
    )
    for order, organisation in enumerate(speakers_from, start=1):
        talk = Contribution.objects.create(session=session, title=f"Talk {order}", order=order)
        ContributionSpeaker.objects.create(contribution=talk, organisation=organisation)
    return session


def _reported_together(edition, sessions: list[Session], language: str) -> services.ProgrammeSection:
    """The one section of chapter IV when the secretariat reports `sessions` under one heading."""
    section = ReportSection.objects.create(edition=edition, order=1, heading="Grouped", summary="")
    section.sessions.set(sessions)
    [grouped] = services.programme_sections(edition, language)
    return grouped


def _agency(acronym: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=f"{acronym} agency", defaults={"acronym": acronym, "type": "space_agency"}
    )
    return organisation


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("en", "One speaker representing one space agency – CNES – made a presentation in session 2."),
        ("fr", "Lors de la séance 2, un intervenant représentant une agence spatiale – CNES – a fait un exposé."),
        (
            "es",
            "En la sesión 2, un orador en representación de una agencia espacial – CNES – hizo una exposición.",
        ),
        (
            "ru",
            "На заседании 2 один докладчик, представлявший одно космическое агентство (КНЕС), выступил с докладом.",
        ),
        ("zh", "在第 2 场会议上，代表一个航天机构（法国国家空间研究中心）的一名发言者作了发言。"),
        ("ar", "في الجلسة 2، قدم متحدث واحد يمثل وكالة فضائية واحدة – المركز الوطني للدراسات الفضائية (فرنسا) – عرضاً."),
    ],
)
def test_one_agency_speaker(language, lead):
    edition = EditionFactory()
    _session(edition, 2, [_agency("CNES")], code="2")
    [section] = services.programme_sections(edition, language)
    assert section.lead == lead


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("en", "Two speakers representing one space agency – CNES – made presentations in sessions 1(a) and 1(b)."),
        ("zh", "在第 1(a)和1(b) 场会议上，代表一个航天机构（法国国家空间研究中心）的两名发言者作了发言。"),
        (
            "ru",
            "На заседаниях 1(a) и 1(b) два докладчика, представлявших одно космическое агентство (КНЕС), выступили с "
            "докладами.",
        ),
    ],
)
def test_a_section_of_several_coded_sessions_lists_them_as_the_language_does(language, lead):
    edition = EditionFactory()
    cnes = _agency("CNES")
    sessions = [_session(edition, 1, [cnes], code="1(a)"), _session(edition, 2, [cnes], code="1(b)")]
    assert _reported_together(edition, sessions, language).lead == lead


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Session 2. Talks 2"), ("fr", "Séance 2. Talks 2"), ("ru", "Заседание 2. Talks 2")],
)
def test_a_session_no_section_covers_is_headed_in_the_reports_language(language, heading):
    edition = EditionFactory()
    _session(edition, 2, [_agency("CNES")], code="2")
    [section] = services.programme_sections(edition, language)
    assert section.heading == heading


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        (
            "en",
            "Twelve speakers representing three space agencies – CNES, ROSCOSMOS and NASA – made presentations in "
            "session 1(a).",
        ),
        (
            "fr",
            "Lors de la séance 1(a), 12 intervenants représentant trois agences spatiales – CNES, Roscosmos et NASA "
            "– ont fait des exposés.",
        ),
        (
            "es",
            "En la sesión 1(a), 12 oradores en representación de tres agencias espaciales – CNES, Roscosmos y NASA – "
            "hicieron exposiciones.",
        ),
        (
            "ru",
            "На заседании 1(a) 12 докладчиков, представлявших три космических агентства (КНЕС, Роскосмос и НАСА), "
            "выступили с докладами.",
        ),
        (
            "zh",
            "在第 1(a) 场会议上，代表三个航天机构（法国国家空间研究中心、俄罗斯国家航天集团公司、"
            "美国国家航空航天局）的12名发言者作了发言。",
        ),
    ],
)
def test_many_speakers_from_agencies_agree_with_their_numbers(language, lead):
    edition = EditionFactory()
    agencies = [_agency("CNES"), _agency("ROSCOSMOS"), _agency("NASA")]
    _session(edition, 1, [agencies[index % 3] for index in range(12)], code="1(a)")
    [section] = services.programme_sections(edition, language)
    assert section.lead == lead


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("en", "Two speakers from academia and international organizations made presentations during these events."),
        (
            "fr",
            "Lors de ces manifestations, deux intervenants issus du monde universitaire et des organisations "
            "internationales ont fait des exposés.",
        ),
        (
            "es",
            "Durante estos actos, dos oradores procedentes de círculos académicos y organizaciones internacionales "
            "hicieron exposiciones.",
        ),
        (
            "ru",
            "В ходе этих мероприятий два докладчика из научных кругов и международных организаций выступили с "
            "докладами.",
        ),
        ("zh", "在这些活动期间，来自学术界和国际组织的两名发言者作了发言。"),
        ("ar", "خلال هذه المناسبات، قدم متحدثان من الأوساط الأكاديمية، والمنظمات الدولية عرضين."),
    ],
)
def test_speakers_from_kinds_of_organisation_in_a_section_of_several_sessions(language, lead):
    edition = EditionFactory()
    office, _ = Organisation.objects.get_or_create(
        name="Office for Outer Space Affairs", defaults={"acronym": "UNOOSA", "type": "intergovernmental"}
    )
    sessions = [_session(edition, 1, [office]), _session(edition, 2, [OrganisationFactory(type="academia")])]
    assert _reported_together(edition, sessions, language).lead == lead


@pytest.mark.parametrize(
    ("language", "acronym", "expected"),
    [
        ("fr", "CNES", "CNES"),  # "Centre national d’études spatiales (CNES)"
        ("fr", "ROSCOSMOS", "Roscosmos"),  # "… (Roscosmos)"
        ("es", "NASA", "NASA"),  # "… (NASA) de los Estados Unidos"
        ("ru", "CNES", "КНЕС"),
        ("ru", "ROSCOSMOS", "Роскосмос"),  # "… «Роскосмос»"
        ("fr", "RCSSTEAP", organisations.NAMES["RCSSTEAP"]["fr"]),  # "(Chine)" says where it is: the name in full
        ("zh", "CNES", "法国国家空间研究中心"),
        ("fr", "XSA", "XSA"),  # not in the table: the acronym it registered with
        ("fr", "UNOOSA", "le Bureau des affaires spatiales"),
    ],
)
def test_short_names_in_each_language(language, acronym, expected):
    assert organisations.short_name_in(language, acronym, f"{acronym} registered name") == expected


def test_the_french_report_has_no_english_number_words_in_its_programme_chapter():
    edition = EditionFactory()
    _session(edition, 1, [_agency("CNES"), _agency("NASA"), _agency("ESA")], code="1")
    text = "\n".join(paragraph.text for paragraph in report_docx.build_full_report(edition, "fr").paragraphs)
    assert "Lors de la séance 1, trois intervenants représentant trois agences spatiales – CNES, NASA et ESA –" in text
    assert "Three" not in text and "three" not in text


@pytest.mark.django_db(False)
def test_every_language_words_every_kind_of_organisation_the_services_name():
    assert [key for key, _types, _label in services._SPEAKERS_FROM] == list(common.SPEAKERS_FROM)
    for module in (ar, es, fr, ru, zh):
        assert set(module._SPEAKERS_FROM) == set(common.SPEAKERS_FROM), module.LANGUAGE
