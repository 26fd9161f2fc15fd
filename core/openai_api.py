"""Chat and embeddings clients for any OpenAI-compatible endpoint (the only openai import).

Retries are ours, not the client's (`max_retries=0`), so that backoff, the set of
retryable failures and the final `LLMError` are the same for chat, streaming and
embeddings, and can be exercised against the loopback test server.
"""
from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import openai
from pydantic import BaseModel, ValidationError

from core.llm import ChatModel, LLMError, Prompt
from core.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

# Local servers (llama.cpp, vLLM, Ollama) ignore the key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"
BACKOFF_CAP = 8.0
FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


def is_retryable(exc: Exception) -> bool:
    """Timeouts, dropped connections, garbled bodies, rate limits and server errors are worth another try."""
    if isinstance(exc, (openai.APIConnectionError, openai.RateLimitError, ValueError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def describe(exc: Exception) -> str:
    """A short, key-free description of a client failure."""
    if isinstance(exc, openai.APITimeoutError):
        return "request timed out"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    if isinstance(exc, ValueError):
        return "malformed response body"
    return type(exc).__name__


def with_retries(call: Callable[[], R], retries: int, backoff: float) -> R:
    """Run `call`, retrying retryable failures with exponential backoff, else raise LLMError."""
    for attempt in range(retries + 1):
        try:
            return call()
        except (openai.OpenAIError, ValueError) as exc:  # the client lets a non-JSON body escape as ValueError
            if not is_retryable(exc) or attempt == retries:
                raise LLMError(f"LLM call failed after {attempt + 1} attempt(s): {describe(exc)}") from exc
            delay = min(BACKOFF_CAP, backoff * 2**attempt)
            log.warning("LLM call failed (%s); retrying in %.2fs", describe(exc), delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def make_client(base_url: str, settings: Settings) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=base_url,
        api_key=settings.llm_api_key or PLACEHOLDER_KEY,
        timeout=settings.llm_timeout,
        max_retries=0,
    )


def parse_json(text: str, schema: type[T]) -> T:
    """Validate a model reply as `schema`, tolerating code fences and chatter around the object."""
    body = FENCE.sub("", text.strip())
    if not body.startswith("{"):
        start, end = body.find("{"), body.rfind("}")
        if start != -1 and end > start:
            body = body[start : end + 1]
    return schema.model_validate_json(body)


def schema_instruction(schema: type[BaseModel]) -> str:
    shape = json.dumps(schema.model_json_schema(), ensure_ascii=False)
    return f"Reply with one JSON object only, no prose, matching this JSON schema:\n{shape}"


class OpenAIChatModel(ChatModel):
    """A served chat model behind an OpenAI-compatible API."""

    name = "openai"
    offline = False

    def __init__(self, settings: Settings, backoff: float = 0.5):
        if not settings.llm_base_url:
            raise LLMError("no LLM endpoint configured (KEFU_LLM_BASE_URL)")
        self.base_url = settings.llm_base_url
        self.model = settings.llm_model
        self.retries = settings.llm_retries
        self.backoff = backoff
        # Servers that reject response_format get plain prompting from then on.
        self.json_mode = True
        self._client = make_client(settings.llm_base_url, settings)

    def __repr__(self) -> str:
        return f"OpenAIChatModel(base_url={self.base_url!r}, model={self.model!r})"

    def _messages(self, prompt: Prompt) -> list[dict]:
        return [m.model_dump() for m in prompt.messages]

    def _create(self, messages: list[dict], **options):
        return with_retries(
            lambda: self._client.chat.completions.create(model=self.model, messages=messages, **options),
            self.retries,
            self.backoff,
        )

    def _json_reply(self, messages: list[dict]) -> str:
        if self.json_mode:
            try:
                response = self._create(messages, response_format={"type": "json_object"})
                return response.choices[0].message.content or ""
            except LLMError as exc:
                if not isinstance(exc.__cause__, openai.BadRequestError):
                    raise
                log.info("endpoint rejected response_format; falling back to plain JSON prompting")
                self.json_mode = False
        response = self._create(messages)
        return response.choices[0].message.content or ""

    def text(self, prompt: Prompt) -> str:
        """Return the whole reply as text."""
        response = self._create(self._messages(prompt))
        return response.choices[0].message.content or ""

    def complete(self, prompt: Prompt, schema: type[T]) -> T:
        messages = self._messages(prompt) + [{"role": "system", "content": schema_instruction(schema)}]
        reply = self._json_reply(messages)
        try:
            return parse_json(reply, schema)
        except ValidationError as exc:
            first_error = exc.errors()[0].get("msg", "invalid") if exc.errors() else "invalid"
        # One repair round: show the model its own reply and what was wrong with it.
        messages += [
            {"role": "assistant", "content": reply},
            {"role": "user", "content": f"That was not valid JSON for the schema ({first_error}). "
                                        "Reply with the corrected JSON object only."},
        ]
        repaired = self._json_reply(messages)
        try:
            return parse_json(repaired, schema)
        except ValidationError as exc:
            raise LLMError(f"model returned invalid {schema.__name__} JSON twice") from exc

    def stream(self, prompt: Prompt) -> Iterator[str]:
        chunks = self._create(self._messages(prompt), stream=True)
        try:
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except openai.OpenAIError as exc:
            # Text already shown cannot be taken back, so a broken stream is not retried.
            raise LLMError(f"LLM stream broke: {describe(exc)}") from exc
        except Exception as exc:  # the transport raises its own errors mid-stream
            raise LLMError(f"LLM stream broke: {type(exc).__name__}") from exc


class OpenAIEmbeddings:
    """Embeddings from an OpenAI-compatible /embeddings endpoint."""

    def __init__(self, settings: Settings, backoff: float = 0.5, batch_size: int = 64):
        if not settings.embed_base_url:
            raise LLMError("no embeddings endpoint configured (KEFU_EMBED_BASE_URL)")
        self.base_url = settings.embed_base_url
        self.model = settings.embed_model
        self.retries = settings.llm_retries
        self.backoff = backoff
        self.batch_size = batch_size
        self._client = make_client(settings.embed_base_url, settings)

    def __repr__(self) -> str:
        return f"OpenAIEmbeddings(base_url={self.base_url!r}, model={self.model!r})"

    def embed(self, texts: list[str]) -> list[list[float]]:
        """One vector per text, in order."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            response = with_retries(
                lambda: self._client.embeddings.create(model=self.model, input=batch),
                self.retries,
                self.backoff,
            )
            vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        return vectors
