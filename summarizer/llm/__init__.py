"""Model backends behind one small interface; the only layer that touches a network or a model runtime."""

from __future__ import annotations

from ..core.settings import Settings
from .base import Backend, Completion, ModelRequest

__all__ = ["Backend", "Completion", "ModelRequest", "make_backend"]


def make_backend(settings: Settings) -> Backend:
    """Build the backend the settings select (the embedded model unless a key or base URL is set).

    Raises ConfigError (exit 3) for a backend that cannot be configured, BackendError (exit 5) when the
    embedded runtime cannot be loaded.
    """
    name = settings.resolved_backend()
    if name == "openai":
        from .openai_compat import OpenAIBackend

        return OpenAIBackend(settings)
    if name == "embedded":
        from .embedded import EmbeddedBackend

        return EmbeddedBackend(settings)
    from ..core.errors import ConfigError

    raise ConfigError("the fake backend is for tests only; use --backend embedded or openai")
