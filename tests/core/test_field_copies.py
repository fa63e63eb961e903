"""Form fields and widgets are copied directly, exactly as copy.copy would copy them (core.field_copies)."""

import copy
import warnings

import pytest
from django import forms

from rendezvous.core import field_copies
from rendezvous.registration.forms import ApplicationForm


def _all_subclasses(base: type) -> set[type]:
    found, todo = set(), [base]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return found


def test_fields_and_widgets_copy_without_the_pickle_protocol(monkeypatch):
    def refuse(*args):
        raise AssertionError("copied through the pickle protocol")

    field = forms.ChoiceField(choices=[("a", "A")], widget=forms.Select(attrs={"class": "x"}))
    monkeypatch.setattr(copy, "_reconstruct", refuse)

    duplicate = copy.deepcopy(field)

    assert duplicate is not field and duplicate.widget is not field.widget
    assert duplicate.widget.attrs == {"class": "x"} and duplicate.widget.attrs is not field.widget.attrs
    assert list(duplicate.choices) == [("a", "A")]


def test_every_loaded_field_and_widget_class_is_copied_as_copy_would_copy_it():
    """Whatever the class, the copy is the one the standard protocol gives: the same class and the same state, in a
    dictionary of its own (so that changing the copy's attributes leaves the original alone)."""
    classes = {
        cls
        for base in (forms.Field, forms.Widget)
        for cls in _all_subclasses(base) | {base}
        if not cls.__module__.startswith("tests.")
    }
    assert len(classes) > 40
    checked = 0
    for cls in classes:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # URLField's notice of a changing default
                instance = cls()
        except (TypeError, AttributeError, ValueError):  # needs arguments (ModelChoiceField, range fields...)
            continue
        duplicate = copy.copy(instance)
        standard = copy._reconstruct(instance, None, *instance.__reduce_ex__(4))
        assert type(duplicate) is cls
        assert duplicate.__dict__ == standard.__dict__ == instance.__dict__, cls
        assert duplicate.__dict__ is not instance.__dict__
        checked += 1
    assert checked > 30


class _Slotted(forms.Widget):
    __slots__ = ("extra",)


class _KeepsItsOwnState(forms.Widget):
    def __getstate__(self):
        state = dict(self.__dict__)
        state["restored"] = True
        return state


@pytest.mark.parametrize("cls", [_Slotted, _KeepsItsOwnState])
def test_a_class_with_its_own_state_is_copied_the_standard_way(cls):
    instance = cls()
    if cls is _Slotted:
        instance.extra = "kept"
    duplicate = copy.copy(instance)

    assert not field_copies.copies_plainly(cls)
    if cls is _Slotted:
        assert duplicate.extra == "kept"
    else:
        assert duplicate.restored is True


def test_the_registration_forms_fields_are_independent_copies():
    first = ApplicationForm(modes=["online"])
    second = ApplicationForm()

    first.fields["given_name"].widget.attrs["data-x"] = "1"
    first.fields["given_name"].error_messages["required"] = "changed"

    assert "data-x" not in second.fields["given_name"].widget.attrs
    assert "data-x" not in ApplicationForm.base_fields["given_name"].widget.attrs
    assert second.fields["given_name"].error_messages["required"] != "changed"
    assert first.fields["attendance"].choices != second.fields["attendance"].choices
