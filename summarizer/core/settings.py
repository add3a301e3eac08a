"""The one Settings object, resolved once at the CLI edge: flag > environment > config file > default.

Environment variables follow the ecosystem (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``) plus our own
``SUMMARIZER_*``; the config file is TOML at ``$SUMMARIZER_CONFIG`` or the platform's user config folder.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

__all__ = ["Settings", "BackendName", "config_file", "default_cache_dir"]

BackendName = Literal["auto", "embedded", "openai", "fake"]


def default_cache_dir() -> Path:
    """The platform's cache folder for summarizer (``~/.cache/summarizer`` on Linux)."""
    return Path(platformdirs.user_cache_dir("summarizer"))


def config_file() -> Path:
    """Return the TOML config file path (which need not exist)."""
    explicit = os.environ.get("SUMMARIZER_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_config_dir("summarizer")) / "config.toml"


class Settings(BaseSettings):
    """Everything a run can be configured with; passed down explicitly, never read from globals."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="forbid", frozen=True)

    backend: BackendName = Field(
        "auto", description="embedded (local GGUF), openai (any OpenAI-compatible endpoint), or auto."
    )
    model: str | None = Field(None, description="Model name for the OpenAI-compatible backend.")
    base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL", "base_url"),
        description="Base URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp server).",
    )
    api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("SUMMARIZER_API_KEY", "OPENAI_API_KEY", "api_key"),
        description="API key for the OpenAI-compatible backend.",
    )
    response_format: Literal["json_schema", "llama_cpp"] = Field(
        "json_schema",
        description="How a schema is sent to a server: OpenAI's json_schema, or llama-cpp-python's "
        "json_object+schema (for `python -m llama_cpp.server`).",
    )
    model_path: Path | None = Field(None, description="A GGUF file to use instead of the default model.")
    cache_dir: Path = Field(
        default_factory=lambda: default_cache_dir(),
        description="Where the response cache and the downloaded model live (a model already downloaded to "
        "the default cache folder is used from there, never fetched again).",
    )
    aliases: Path | None = Field(None, description="A YAML alias file merged over the shipped one.")
    use_cache: bool = Field(True, description="Read and write the persistent response cache.")
    reference_date: dt.date | None = Field(
        None, description="Date to resolve relative dates against when an article has none."
    )
    encoding: str = Field("utf-8", description="Text encoding of input files.")
    grammar: Literal["fallback", "always"] = Field(
        "always",
        description="Embedded model: 'always' constrains every answer with the JSON-schema grammar; 'fallback' "
        "tries unconstrained first (about 1.4x faster per token on CPU) and constrains only the retries. With "
        "the classifying answer shape the free answers failed about half the time, so 'always' was 2.2x faster "
        "end to end (BENCHMARKS.md).",
    )
    jump_forward: bool = Field(
        False,
        description="Embedded model: evaluate the stretches of an answer that its grammar forces (keys, "
        "punctuation, the rest of an enum value) in one batch with the token before them instead of sampling "
        "them one step at a time (llm/grammar_first.py). About 18% less model time per article; off by "
        "default because the batched numerics change greedy answers and the live eval fell on 4 of 5 suites "
        "(BENCHMARKS.md, 'Jump-forward decoding').",
    )
    n_ctx: int = Field(4096, description="Context window of the embedded model.")
    n_threads: int | None = Field(None, description="CPU threads for the embedded model (default: all).")
    temperature: float = Field(0.0, description="Sampling temperature.")
    seed: int = Field(0, description="Sampling seed.")
    timeout_s: float = Field(120.0, description="Timeout of one HTTP request to a server.")
    max_attempts: int = Field(5, ge=1, description="Attempts per request for transient errors.")
    retry_initial_s: float = Field(1.0, ge=0, description="First backoff wait for transient errors (seconds).")
    retry_max_wait_s: float = Field(60.0, ge=0, description="Longest wait between attempts, Retry-After included.")
    max_reasks: int = Field(1, ge=0, description="Re-asks per request when the output fails validation.")
    reask_ungrounded: bool = Field(
        False,
        description="Re-ask when an event's who/whom/where is not in its sentence. Off: the quote is dropped at "
        "once, which is what a small model's re-ask mostly ends in (it repeats the same answer).",
    )
    token_budget: int = Field(
        200_000, ge=1000, description="Token budget per article, re-asks included (the whole prompt counts)."
    )
    chunk_sentences: int = Field(
        3,
        ge=1,
        description="Sentences per extraction request (fewer requests and prompt tokens than one at a time; "
        "each request still sees the whole article).",
    )
    max_events_per_chunk: int = Field(3, ge=1, description="Upper bound on events of one sentence in an answer.")
    concurrency: int = Field(4, ge=1, description="Articles in flight at once on server backends.")
    batch_poll_s: float = Field(30.0, ge=0, description="merge --batch-api: seconds between batch status checks.")
    fetch_timeout_s: float = Field(20.0, gt=0, description="Timeout of fetching one web page (seconds).")
    fetch_max_bytes: int = Field(5_000_000, ge=1000, description="Largest web page fetched (bytes).")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags (init) win over the environment, which wins over the config file."""
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file())

    def resolved_backend(self) -> Literal["embedded", "openai", "fake"]:
        """auto means: a key or base URL selects the OpenAI-compatible backend, else the embedded model."""
        if self.backend != "auto":
            return self.backend
        return "openai" if (self.api_key or self.base_url) else "embedded"
