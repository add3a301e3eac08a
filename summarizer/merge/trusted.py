"""Building output models from values the merge has already validated, at the cost of a plain object.

A 10k-article merge builds about 300k story-event parts (a report per source, a check per field, a value
per distinct answer). ``model_construct`` would be right for them, but it walks every field for aliases
and defaults on each call; here the caller gives every field, so the instance is set up as
``model_construct`` sets it up (fields in declaration order, the fields given as set, no extra, no private
state) without the walk. Only for models with no aliases, defaults that matter or post-init hook: checked
once per model class, and a test compares the result with ``model_construct``'s.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["trusted", "trusted_fields"]

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


@functools.cache
def _fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The field names of ``cls`` in declaration order, once it is known to need nothing but values."""
    fields = cls.__pydantic_fields__
    plain = all(f.alias is None and f.validation_alias is None for f in fields.values())
    if not plain or cls.__pydantic_post_init__ or cls.model_config.get("extra") == "allow":
        raise TypeError(f"{cls.__name__} needs model_construct: it has aliases, a post-init hook or extras")
    return tuple(fields)


def trusted(cls: type[M], **values: Any) -> M:
    """``cls.model_construct(**values)`` for already validated ``values`` that name every field."""
    return trusted_fields(cls, values)


def trusted_fields(cls: type[M], values: dict[str, Any]) -> M:
    """``trusted(cls, **values)`` that takes ``values`` as the instance's own field dict (no copy) when it
    names the fields in declaration order: the caller hands over a dict it built for this instance."""
    names = _fields(cls)
    model = cls.__new__(cls)
    # Taken as it is when it names the fields in declaration order (as every caller does), else rebuilt in
    # that order.
    fields = values if tuple(values) == names else {name: values[name] for name in names}  # KeyError: one left out
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(names))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
