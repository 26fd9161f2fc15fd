"""The one chat-model interface and its offline implementation.

A Prompt carries both the rendered messages (for a served model) and the
structured variables they were rendered from (for the offline model, which
answers from the rulebook, retrieval and our own classifiers rather than by
reading prose).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from typing import TypeVar

from pydantic import BaseModel, model_serializer

T = TypeVar("T", bound=BaseModel)


class Message(BaseModel):
    role: str
    content: str


class Prompt(BaseModel):
    """A rendered prompt: the task it serves, its messages and its variables."""

    task: str
    messages: list[Message]
    variables: dict = {}
    # A sampling seed for servers that honour one (a simulated call's seed); else settings decide.
    seed: int | None = None


# Why a served model gave no usable answer, for the person reading the answer (LLMError.kind → 中文).
REASONS = {
    "timeout": "模型服务超时",
    "connection": "无法连接模型服务",
    "rate_limit": "模型服务繁忙（请求过多）",
    "server_error": "模型服务出错",
    "rejected": "模型服务拒绝了请求",
    "malformed": "模型服务返回了无法识别的内容",
    "context": "对话过长，超出模型的上下文长度",
    "invalid_output": "模型的回答不符合要求的格式",
    "circuit_open": "模型服务连续失败，暂停调用一段时间",
}


class LLMError(RuntimeError):
    """A served model failed; `kind` (a REASONS key, or "error") says how."""

    def __init__(self, message: str, kind: str = "error"):
        super().__init__(message)
        self.kind = kind


def fallback_reason(exc: Exception) -> str:
    """Why a model answer was replaced, in Chinese; anything but an LLMError is an answer we rejected."""
    if isinstance(exc, LLMError):
        return REASONS.get(exc.kind, "模型调用失败")
    return "模型的回答不符合要求"


def fell_back(exc: Exception, instead: str) -> dict:
    """Provenance fields of an answer built offline because the model failed, e.g. instead="已改用离线建议"."""
    return {"backend": "offline", "fallback": f"{fallback_reason(exc)}，{instead}"}


class Provenance(BaseModel):
    """Where an answer came from ("offline" or "model:<name>") and, when it fell back, why (中文)."""

    backend: str = "offline"
    fallback: str | None = None

    @model_serializer(mode="wrap")
    def _provenance_last(self, handler) -> dict:
        # Printed after the answer's own fields; `fallback` only when there was one.
        data = handler(self)
        for key in ("backend", "fallback"):
            if key in data and (value := data.pop(key)) is not None:
                data[key] = value
        return data


class ChatModel(ABC):
    """Complete a prompt into a pydantic object, or stream its text."""

    name: str = "chat"
    offline: bool = False

    @property
    def backend(self) -> str:
        """Where this model's answers come from: "offline" or "model:<name>"."""
        return "offline" if self.offline else f"model:{self.name}"

    @abstractmethod
    def complete(self, prompt: Prompt, schema: type[T]) -> T:
        """Return the model's answer validated as `schema`."""

    @abstractmethod
    def stream(self, prompt: Prompt) -> Iterator[str]:
        """Yield the answer's text in pieces as it is produced."""


OfflineHandler = Callable[[dict], BaseModel]


class OfflineChatModel(ChatModel):
    """Deterministic model: each task is answered by the handler registered for it."""

    name = "offline"
    offline = True

    def __init__(self, handlers: dict[str, OfflineHandler] | None = None):
        self.handlers: dict[str, OfflineHandler] = dict(handlers or {})

    def register(self, task: str, handler: OfflineHandler) -> None:
        self.handlers[task] = handler

    def _answer(self, prompt: Prompt) -> BaseModel:
        try:
            handler = self.handlers[prompt.task]
        except KeyError:
            raise LLMError(f"offline model has no handler for task {prompt.task!r}") from None
        return handler(prompt.variables)

    def complete(self, prompt: Prompt, schema: type[T]) -> T:
        answer = self._answer(prompt)
        return answer if isinstance(answer, schema) else schema.model_validate(answer.model_dump())

    def stream(self, prompt: Prompt) -> Iterator[str]:
        answer = self._answer(prompt)
        yield answer.model_dump_json()
