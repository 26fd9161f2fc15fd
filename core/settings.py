"""One Settings object, read once from the environment."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseModel):
    """Everything kefu reads from the environment; pass it in, never re-read it."""

    data_dir: Path = Field(default=REPO_ROOT / ".kefu")
    sources_dir: Path = Field(default=REPO_ROOT / "knowledge" / "sources")
    labelled_dir: Path = Field(default=REPO_ROOT / "evals" / "data")
    chroma_url: str | None = None
    collection: str = "kefu_rules"
    workspace: str = "demo"
    # Set by core.workspace for a workspace's view: caches stay at the data dir's root.
    shared_cache: Path | None = None
    # Models are pure functions of their training data, so one cache serves every data dir on the machine.
    model_cache: Path = Field(default_factory=lambda: Path.home() / ".cache" / "kefu")
    embed_base_url: str | None = None
    embed_model: str = "text-embedding-3-small"
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_timeout: float = 30.0
    llm_retries: int = 2
    llm_context: int = 8192
    llm_temperature: float = 0.3
    llm_seed: int | None = None
    llm_breaker_failures: int = 3
    llm_breaker_cooldown: float = 60.0
    # Ask the served model about the lines the check is unsure of (a few percent of turns; each asks once).
    check_llm: bool = False
    trainer_password: str | None = Field(default=None, repr=False)
    database_url: str | None = Field(default=None, repr=False)  # may hold a password
    server_port: int = 7860
    # Loopback unless set: a wider bind exposes the app to the network (app.py then insists on both secrets).
    host: str = "127.0.0.1"
    api_token: str | None = Field(default=None, repr=False)
    api_rate_limit: float | None = Field(default=None, ge=0)  # REST requests per second per token; unset = off
    # The largest file the app accepts at all (Gradio refuses bigger ones before they reach a handler).
    upload_max_mb: int = Field(default=100, ge=1)

    @property
    def backend(self) -> str:
        """'openai' when an endpoint is configured, else the offline default."""
        return "openai" if self.llm_base_url else "offline"

    @property
    def cache_dir(self) -> Path:
        """Content-addressed caches (embeddings, trained models), shared by every workspace."""
        return self.shared_cache or self.data_dir

    @property
    def models_dir(self) -> Path:
        """Trained small models, keyed by a hash of their training data: safe to share by every data dir."""
        return self.model_cache / "models"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "kefu.sqlite3"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        """Build settings from environment variables (see the README table)."""
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        mapping = {
            "KEFU_DATA_DIR": "data_dir",
            "KEFU_SOURCES_DIR": "sources_dir",
            "KEFU_LABELLED_DIR": "labelled_dir",
            "KEFU_CHROMA_URL": "chroma_url",
            "KEFU_COLLECTION": "collection",
            "KEFU_WORKSPACE": "workspace",
            "KEFU_MODEL_CACHE": "model_cache",
            "KEFU_EMBED_BASE_URL": "embed_base_url",
            "KEFU_EMBED_MODEL": "embed_model",
            "KEFU_LLM_BASE_URL": "llm_base_url",
            "KEFU_LLM_MODEL": "llm_model",
            "OPENAI_API_KEY": "llm_api_key",
            "KEFU_LLM_TIMEOUT": "llm_timeout",
            "KEFU_LLM_RETRIES": "llm_retries",
            "KEFU_LLM_CONTEXT": "llm_context",
            "KEFU_LLM_TEMPERATURE": "llm_temperature",
            "KEFU_LLM_SEED": "llm_seed",
            "KEFU_LLM_BREAKER_FAILURES": "llm_breaker_failures",
            "KEFU_LLM_BREAKER_COOLDOWN": "llm_breaker_cooldown",
            "KEFU_CHECK_LLM": "check_llm",
            "KEFU_TRAINER_PASSWORD": "trainer_password",
            "KEFU_DATABASE_URL": "database_url",
            "GRADIO_SERVER_PORT": "server_port",
            "KEFU_HOST": "host",
            "KEFU_API_TOKEN": "api_token",
            "KEFU_API_RATE_LIMIT": "api_rate_limit",
            "KEFU_UPLOAD_MAX_MB": "upload_max_mb",
        }
        for var, field in mapping.items():
            if env.get(var, "").strip():
                values[field] = env[var].strip()
        return cls(**values)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings.from_env()
