"""Request-format fixes for llama-cpp-python (in-process and its server).

1. instructor's JSON_SCHEMA mode sends ``{"type": "json_schema", "json_schema": {"schema": S}}``;
   llama-cpp-python only honours ``{"type": "json_object", "schema": S}`` (in-process it silently
   ignores the other form and decodes unconstrained; its server answers HTTP 500).
2. llama-cpp-python writes enum/const strings into its grammar without escaping backslashes or quotes,
   and a broken grammar crashes the process. Such values are refused here with a clear error instead
   of a segfault (our own schemas never contain them).
"""

from __future__ import annotations

from typing import Any

from ..core.errors import ConfigError

__all__ = ["to_llama_cpp_request", "check_grammar_safe"]

_UNSAFE = ('"', "\\")


def check_grammar_safe(schema: Any, path: str = "$") -> None:
    """Raise ConfigError if any enum/const string would break llama-cpp-python's grammar."""
    if isinstance(schema, dict):
        values = list(schema.get("enum", []))
        if "const" in schema:
            values.append(schema["const"])
        for value in values:
            if isinstance(value, str) and any(ch in value for ch in _UNSAFE):
                raise ConfigError(
                    f"schema value {value!r} at {path} contains a quote or backslash, which llama-cpp-python "
                    "cannot put in a grammar; remove it from the enum/const"
                )
        for key, child in schema.items():
            check_grammar_safe(child, f"{path}.{key}")
    elif isinstance(schema, list):
        for index, child in enumerate(schema):
            check_grammar_safe(child, f"{path}[{index}]")


def to_llama_cpp_request(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Rewrite an OpenAI json_schema response_format into llama-cpp-python's json_object form."""
    response_format = kwargs.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_schema":
        return kwargs
    schema = response_format.get("json_schema", {}).get("schema", {})
    check_grammar_safe(schema)
    return {**kwargs, "response_format": {"type": "json_object", "schema": schema}}
