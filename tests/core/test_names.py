"""Names in the order people write them: family name first in CJK script, as typed otherwise."""

import pytest

from rendezvous.core.names import person_name
from rendezvous.registration.models import Registration


@pytest.mark.parametrize(
    ("given", "family", "shown"),
    [
        ("亚平", "王", "王亚平"),
        ("Yaping", "Wang", "Yaping Wang"),
        ("Jeanne", "Martin", "Jeanne Martin"),
        ("길동", "홍", "홍길동"),
        ("Amal", "", "Amal"),
        ("أمل", "المنصوري", "أمل المنصوري"),
    ],
)
def test_the_name_is_shown_in_the_order_its_script_uses(given, family, shown):
    assert person_name(given, family) == shown


def test_a_title_stays_in_front():
    assert person_name("亚平", "王", title="Dr.") == "Dr. 王亚平"
    assert person_name("Yaping", "Wang", title="Dr.") == "Dr. Yaping Wang"


def test_a_registration_greets_and_badges_a_chinese_name_family_name_first():
    assert Registration(given_name="亚平", family_name="王").full_name == "王亚平"
