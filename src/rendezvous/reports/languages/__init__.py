"""The report's generated text (the Attendance section, and the lead sentence of each section of the Programme
chapter) in the six official languages of the UN.

English is `reports.unstyle` (the reference text, unchanged); French, Spanish, Russian, Chinese and Arabic are one
module each here, written as a translator-editor of that language's UN documents would write the section, with its
rules in the module's docstring and in docs/report.md. These are document content, not interface strings: they do not
come from the message catalogues, so each language's text can be read and reviewed as a whole.
"""

from . import ar, es, fr, organisations, ru, zh
from .common import Facts, Lead

# The codes of `report attendance --language` (ISO 639-1; "zh" is the UN's Chinese, written in simplified characters).
REPORT_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
_MODULES = {module.LANGUAGE: module for module in (ar, es, fr, ru, zh)}

__all__ = [
    "REPORT_LANGUAGES",
    "Facts",
    "Lead",
    "organisations",
    "attendance_paragraphs",
    "lead_sentence",
    "report_language",
]


def report_language(code: str | None) -> str:
    """A report language from a code as Django or a person gives it ("zh-hans" -> "zh", "fr-ch" -> "fr"); English
    for anything the UN does not publish in."""
    base = (code or "en").lower().replace("_", "-").split("-")[0]
    return base if base in REPORT_LANGUAGES else "en"


def attendance_paragraphs(facts: Facts, language: str) -> list[str]:
    """The section's paragraphs in one of the five languages other than English."""
    return _MODULES[language].paragraphs(facts)


def lead_sentence(lead: Lead, language: str) -> str:
    """The sentence opening a section of the Programme chapter in one of the five languages other than English."""
    return _MODULES[language].lead_sentence(lead)


def django_language(language: str) -> str:
    """The Django language code of a report language, for the catalogue strings of a report's furniture."""
    return "zh-hans" if language == "zh" else language
