"""Form fields and widgets copied without the pickle protocol.

Every form Django builds deep-copies its class's fields (`BaseForm.__init__`), and each field's `__deepcopy__`, and
each widget's, starts with `copy.copy(self)`. Without a `__copy__` method that goes through `__reduce_ex__`,
`copyreg` and `copy._reconstruct`: building the registration form took 132 µs, half of it in those shallow copies
(2026-12-01), and every applicant's submission builds one.

For an object whose state is its `__dict__` alone, `copy.copy` gives a new instance of the same class holding the
same entries, and `quick_copy` does exactly that directly. A class that keeps state elsewhere or has its own pickling
hooks (slots, `__getstate__`, `__setstate__`, `__reduce__`, `__reduce_ex__`) is copied the standard way. Django's
`__deepcopy__` methods still copy the widget, the error messages, the validators and the choices.
"""

import copy

from django import forms

# Whether each class met so far copies plainly (see copies_plainly); a handful of form classes.
_plain_by_class: dict[type, bool] = {}
_PICKLING_HOOKS = ("__reduce_ex__", "__reduce__", "__getstate__")


def copies_plainly(cls: type) -> bool:
    """Whether `copy.copy` of a `cls` instance is a new instance with the same `__dict__` entries."""
    return (
        all(getattr(cls, name) is getattr(object, name) for name in _PICKLING_HOOKS)
        and not hasattr(cls, "__setstate__")
        and not any("__slots__" in vars(klass) for klass in cls.__mro__)
    )


def quick_copy(instance):
    """`copy.copy(instance)`, without the pickle protocol when its class copies plainly."""
    cls = instance.__class__
    plain = _plain_by_class.get(cls)
    if plain is None:
        plain = _plain_by_class[cls] = copies_plainly(cls)
    if not plain:
        # What copy.copy does for an object without __copy__.
        return copy._reconstruct(instance, None, *instance.__reduce_ex__(4))
    duplicate = cls.__new__(cls)
    duplicate.__dict__.update(instance.__dict__)
    return duplicate


def install() -> None:
    """Give form fields and widgets `quick_copy` as their `copy.copy` (core's ready())."""
    forms.Field.__copy__ = quick_copy
    forms.Widget.__copy__ = quick_copy
