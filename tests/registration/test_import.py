"""`rendezvous import_registrations`: all or nothing, line numbers as in the file, statuses kept, no e-mail."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.registration import services
from rendezvous.registration.models import Registration
from tests.data import make_haikou_csv
from tests.factories import UpcomingEditionFactory as EditionFactory

pytestmark = pytest.mark.django_db

SEED = make_haikou_csv.TARGET
HEADER = (
    "given_name,family_name,email,gender,country,organization,organization_type,role,attendance,status,head_of_agency"
)


def write(tmp_path, *rows):
    path = tmp_path / "registrations.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


GOOD = "Jeanne,Martin,jeanne@example.fr,female,FR,CNES,space_agency,speaker,in_person,approved,yes"


def test_seed_file_imports_with_statuses_and_no_mail(capsys):
    edition = EditionFactory()
    call_command("import_registrations", edition.slug, str(SEED))
    assert "Imported 520 registrations" in capsys.readouterr().out
    assert Registration.objects.filter(edition=edition, status="approved").count() == 520
    assert not OutboxMessage.objects.exists()
    assert AuditEntry.objects.filter(action="registration.imported").count() == 1


def test_a_bad_row_aborts_everything_with_line_numbers(tmp_path):
    edition = EditionFactory()
    path = write(
        tmp_path,
        GOOD,
        "Ana,Silva,not-an-email,female,BR,AEB,space_agency,participant,online,approved,no",
        "Li,Wei,li@example.cn,female,XX,CNSA,space_agency,participant,online,approved,no",
        "Kofi,Mensah,kofi@example.gh,male,GH,GSSTI,academia,chair,online,approved,maybe",
    )
    with pytest.raises(CommandError) as failure:
        call_command("import_registrations", edition.slug, path)
    message = str(failure.value)
    assert "line 3: bad e-mail address 'not-an-email'" in message
    assert "line 4: unknown country code 'XX'" in message
    assert "line 5: unknown role 'chair'" in message and "line 5: unknown head_of_agency 'maybe'" in message
    assert "nothing imported" in message
    assert not Registration.objects.exists()


def test_duplicates_in_file_or_edition_are_bad_rows(tmp_path):
    edition = EditionFactory()
    call_command("import_registrations", edition.slug, write(tmp_path, GOOD))
    with pytest.raises(CommandError, match="line 2: jeanne@example.fr is already registered"):
        call_command("import_registrations", edition.slug, write(tmp_path, GOOD))
    with pytest.raises(CommandError, match="line 3: other@example.fr appears twice"):
        call_command(
            "import_registrations",
            edition.slug,
            write(tmp_path, GOOD.replace("jeanne", "other"), GOOD.replace("jeanne", "other")),
        )
    assert Registration.objects.count() == 1


def test_missing_column_unknown_edition_and_file(tmp_path):
    edition = EditionFactory()
    path = tmp_path / "short.csv"
    path.write_text("given_name,email\nA,a@example.org\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: missing column"):
        call_command("import_registrations", edition.slug, str(path))
    with pytest.raises(CommandError, match="No edition"):
        call_command("import_registrations", "nope", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_registrations", edition.slug, str(tmp_path / "absent.csv"))


def test_the_errors_are_in_the_organisers_language():
    edition = EditionFactory()
    bad = "Ana,Silva,not-an-email,female,XX,AEB,space_agency,participant,online,approved,no"
    with translation.override("fr"), pytest.raises(services.ImportFailed) as failure:
        services.import_registrations(edition, f"{HEADER}\n{bad}\n")
    assert failure.value.errors == [
        "ligne 2 : adresse électronique non valide : 'not-an-email'",
        "ligne 2 : code de pays inconnu : 'XX' (code ISO 3166-1 alpha-2 attendu, par exemple FR)",
    ]
    with translation.override("ru"), pytest.raises(services.ImportFailed) as failure:
        services.import_registrations(edition, "given_name,email\nA,a@example.org\n")
    assert failure.value.errors[0].startswith("строка 1: отсутствуют столбцы: family_name, gender")
