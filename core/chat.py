"""Choose the chat model from settings: a served model when an endpoint is set, else offline."""
from __future__ import annotations

from core.llm import ChatModel, OfflineChatModel, OfflineHandler
from core.settings import Settings


def make_chat_model(settings: Settings, handlers: dict[str, OfflineHandler] | None = None) -> ChatModel:
    """OpenAIChatModel when settings.llm_base_url is set, else OfflineChatModel(handlers)."""
    if not settings.llm_base_url:
        return OfflineChatModel(handlers)
    # Imported here so the offline path never pays for loading the openai client.
    from core.openai_api import OpenAIChatModel

    return OpenAIChatModel(settings)
