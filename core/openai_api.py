"""Chat and embeddings clients for any OpenAI-compatible endpoint (the only openai import).

Retries are ours, not the client's (`max_retries=0`), so that backoff, the set of
retryable failures and the final `LLMError` are the same for chat, streaming and
embeddings, and can be exercised against the loopback test server.

A chat call is bounded as a whole: retries, backoff, the repair round and a trimmed retry
all share one deadline of `llm_timeout` seconds, enforced down to the socket by
`core.deadline`; and a circuit breaker skips a server that keeps failing, so a dead one
costs one deadline per cool-down rather than one per call.
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

from core.breaker import Breaker
from core.deadline import deadline, http_client
from core.llm import ChatModel, LLMError, Prompt
from core.prompts import estimate_tokens, fit, prompt_tokens
from core.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

# Local servers (llama.cpp, vLLM, Ollama) ignore the key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"
BACKOFF_CAP = 8.0
FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)
# How OpenAI, vLLM, llama.cpp and others word "the prompt does not fit the context window".
CONTEXT_ERROR = re.compile(r"context[ _](length|size|window)|maximum context|too many tokens|prompt is too long|"
                           r"input is too long|reduce the length", re.IGNORECASE)
RETRYABLE = {"timeout", "connection", "rate_limit", "server_error", "malformed"}
# Failures that say nothing about the server's health: they never trip the breaker.
PROMPT_FAULTS = {"context", "invalid_output"}
# Tokens of the context window kept free for the reply.
REPLY_TOKENS = 1024


class MalformedReply(ValueError):
    """A 200 response that holds no usable chat completion."""


def classify(exc: Exception) -> str:
    """The LLMError kind of a client failure."""
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    if isinstance(exc, openai.RateLimitError):
        return "rate_limit"
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return "server_error"
        if exc.status_code in (400, 413) and CONTEXT_ERROR.search(f"{exc.message} {exc.body}"):
            return "context"
        return "rejected"
    # The client lets a non-JSON body escape as ValueError; MalformedReply is one too.
    return "malformed" if isinstance(exc, ValueError) else "error"


def describe(exc: Exception) -> str:
    """A short, key-free description of a client failure."""
    if isinstance(exc, openai.APITimeoutError):
        return "request timed out"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    if isinstance(exc, ValueError):
        return f"malformed response body ({exc})"
    return type(exc).__name__


def with_retries(call: Callable[[], R], retries: int, backoff: float, until: float | None = None) -> R:
    """Run `call`, retrying retryable failures with exponential backoff until `until`, else raise LLMError."""
    for attempt in range(retries + 1):
        try:
            return call()
        except (openai.OpenAIError, ValueError) as exc:
            kind = classify(exc)
            delay = min(BACKOFF_CAP, backoff * 2**attempt)
            out_of_time = until is not None and time.monotonic() + delay >= until
            if kind not in RETRYABLE or attempt == retries or out_of_time:
                raise LLMError(f"LLM call failed after {attempt + 1} attempt(s): {describe(exc)}", kind) from exc
            log.warning("LLM call failed (%s); retrying in %.2fs", describe(exc), delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def make_client(base_url: str, settings: Settings) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=base_url,
        api_key=settings.llm_api_key or PLACEHOLDER_KEY,
        timeout=settings.llm_timeout,
        max_retries=0,
        http_client=http_client(settings.llm_timeout),
    )


def reply_text(response) -> str:
    """The first choice's text; a body that is no chat completion (`{}`, an error object…) is a MalformedReply."""
    if error := getattr(response, "error", None):
        raise MalformedReply(f"error object in a 200 body: {str(error)[:200]}")
    try:
        content = response.choices[0].message.content
    except (AttributeError, IndexError, KeyError, TypeError):
        raise MalformedReply("no choices[0].message") from None
    if content is not None and not isinstance(content, str):
        raise MalformedReply("message content is not text")
    return content or ""


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


def chat_messages(prompt: Prompt, instruction: str = "") -> list[dict]:
    """The prompt as API messages, `instruction` joined to the one leading system message
    (chat templates of many local models reject a system message anywhere else)."""
    messages = [m.model_dump() for m in prompt.messages]
    if instruction:
        if messages and messages[0]["role"] == "system":
            messages[0] = {"role": "system", "content": f"{messages[0]['content']}\n\n{instruction}"}
        else:
            messages.insert(0, {"role": "system", "content": instruction})
    return messages


class OpenAIChatModel(ChatModel):
    """A served chat model behind an OpenAI-compatible API."""

    name = "openai"
    offline = False

    def __init__(self, settings: Settings, backoff: float = 0.5):
        if not settings.llm_base_url:
            raise LLMError("no LLM endpoint configured (KEFU_LLM_BASE_URL)")
        self.base_url = settings.llm_base_url
        self.model = settings.llm_model
        self.timeout = settings.llm_timeout
        self.retries = settings.llm_retries
        self.backoff = backoff
        self.temperature = settings.llm_temperature
        self.seed = settings.llm_seed
        self.budget = settings.llm_context - min(REPLY_TOKENS, settings.llm_context // 4)
        self.breaker = Breaker(settings.llm_breaker_failures, settings.llm_breaker_cooldown)
        # Set to False only once a request without response_format succeeded where one with it was refused.
        self.json_mode = True
        self._client = make_client(settings.llm_base_url, settings)

    def __repr__(self) -> str:
        return f"OpenAIChatModel(base_url={self.base_url!r}, model={self.model!r})"

    @property
    def backend(self) -> str:
        return f"model:{self.model}"

    def _request(self, prompt: Prompt, messages: list[dict], **options) -> dict:
        seed = prompt.seed if prompt.seed is not None else self.seed
        return {"model": self.model, "messages": messages, "temperature": self.temperature,
                **({"seed": seed} if seed is not None else {}), **options}

    def _reply(self, prompt: Prompt, messages: list[dict], until: float, **options) -> str:
        request = self._request(prompt, messages, **options)
        # Reading the body is part of the attempt, so a malformed 200 is retried like a garbled one.
        return with_retries(lambda: reply_text(self._client.chat.completions.create(**request)),
                            self.retries, self.backoff, until)

    def _json_reply(self, prompt: Prompt, messages: list[dict], until: float) -> str:
        if self.json_mode:
            try:
                return self._reply(prompt, messages, until, response_format={"type": "json_object"})
            except LLMError as exc:
                if exc.kind != "rejected" or getattr(exc.__cause__, "status_code", None) not in (400, 422):
                    raise
            reply = self._reply(prompt, messages, until)
            if self.json_mode:
                log.info("endpoint rejected response_format; using plain JSON prompting from now on")
                self.json_mode = False
            return reply
        return self._reply(prompt, messages, until)

    def _guarded(self, work: Callable[[], R], until: float) -> R:
        """Run one call under the breaker and the deadline `until`; tell the breaker how it went."""
        self.breaker.admit()
        try:
            with deadline(until):
                result = work()
        except LLMError as exc:
            self.breaker.record(exc.kind in PROMPT_FAULTS)
            raise
        self.breaker.record(True)
        return result

    def _fitted(self, prompt: Prompt, send: Callable[[Prompt], R], reserve: int = 0) -> R:
        """Send `prompt` cut to the context budget; after a context-length error, once more at half its size."""
        fitted = fit(prompt, self.budget - reserve)
        try:
            return send(fitted)
        except LLMError as exc:
            if exc.kind != "context":
                raise
            size = prompt_tokens(fitted)
            smaller = fit(prompt, size // 2)
            if prompt_tokens(smaller) >= size:
                raise
            log.warning("prompt of ~%d tokens exceeds the served context; retrying once trimmed to ~%d",
                        size, prompt_tokens(smaller))
            return send(smaller)

    def text(self, prompt: Prompt) -> str:
        """Return the whole reply as text."""
        until = time.monotonic() + self.timeout
        return self._guarded(lambda: self._fitted(prompt, lambda p: self._reply(p, chat_messages(p), until)), until)

    def complete(self, prompt: Prompt, schema: type[T]) -> T:
        instruction, until = schema_instruction(schema), time.monotonic() + self.timeout
        return self._guarded(lambda: self._fitted(
            prompt, lambda p: self._complete(p, schema, instruction, until), estimate_tokens(instruction)), until)

    def _complete(self, prompt: Prompt, schema: type[T], instruction: str, until: float) -> T:
        messages = chat_messages(prompt, instruction)
        reply = self._json_reply(prompt, messages, until)
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
        repaired = self._json_reply(prompt, messages, until)
        try:
            return parse_json(repaired, schema)
        except ValidationError as exc:
            raise LLMError(f"model returned invalid {schema.__name__} JSON twice", "invalid_output") from exc

    def stream(self, prompt: Prompt) -> Iterator[str]:
        until = time.monotonic() + self.timeout
        chunks = self._guarded(lambda: self._fitted(prompt, lambda p: with_retries(
            lambda: self._client.chat.completions.create(**self._request(p, chat_messages(p), stream=True)),
            self.retries, self.backoff, until)), until)
        # The deadline is set around each step only: between pieces the caller's code runs, maybe in another thread.
        parsed = 0
        try:
            while True:
                with deadline(until):
                    chunk = next(chunks, None)
                if chunk is None:
                    break
                parsed += bool(getattr(chunk, "choices", None) is not None)
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except Exception as exc:  # the transport raises its own errors mid-stream
            # Text already shown cannot be taken back, so a broken stream is not retried.
            self.breaker.record(False)
            kind = "timeout" if time.monotonic() >= until else classify(exc)
            raise LLMError(f"LLM stream broke: {describe(exc)}", kind) from exc
        finally:
            chunks.close()
        if not parsed:
            # A body that is no event stream at all (empty, an error object, a gateway page) yields no chunk:
            # that is the server's garble, not a model that answered badly.
            self.breaker.record(False)
            raise LLMError("LLM stream held no completion chunk", "malformed")


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
