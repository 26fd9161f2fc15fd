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

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


class Message(BaseModel):
    role: str
    content: str


class Prompt(BaseModel):
    """A rendered prompt: the task it serves, its messages and its variables."""

    task: str
    messages: list[Message]
    variables: dict = {}


class LLMError(RuntimeError):
    """A served model failed (timeout, HTTP error, invalid structured output)."""


class ChatModel(ABC):
    """Complete a prompt into a pydantic object, or stream its text."""

    name: str = "chat"
    offline: bool = False

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
