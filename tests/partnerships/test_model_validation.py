"""The programmes' and calls' own checks (`clean`) say what is wrong in the reader's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rendezvous.partnerships.models import Call, Programme

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("model", "values", "field", "english", "french"),
    [
        (Programme, {"cooperation_forms": ["barter"]}, "cooperation_forms", "Unknown forms of cooperation: barter.",
         "Formes de coopération inconnues : barter."),
        (Call, {"eligible_organisation_types": ["guild"]}, "eligible_organisation_types", "Unknown types: guild.",
         "Types inconnus : guild."),
        (Call, {"timezone": "Mars/Jezero"}, "timezone", "Unknown time zone: Mars/Jezero.",
         "Fuseau horaire inconnu : Mars/Jezero."),
    ],
)  # fmt: skip
def test_unknown_values_are_refused_in_the_readers_language(model, values, field, english, french):
    for language, expected in (("en", english), ("fr", french)):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            model(**values).clean()
        assert refused.value.message_dict[field] == [expected]
