import pytest

from core.chat import make_chat_model
from core.llm import OfflineChatModel
from core.openai_api import OpenAIChatModel
from core.settings import Settings


def test_defaults_are_offline():
    settings = Settings.from_env({})
    assert settings.backend == "offline" and settings.llm_base_url is None
    assert isinstance(make_chat_model(settings, {}), OfflineChatModel)


@pytest.mark.parametrize("env, field, value", [
    ({"KEFU_LLM_BASE_URL": "http://127.0.0.1:8000/v1"}, "llm_base_url", "http://127.0.0.1:8000/v1"),
    ({"KEFU_LLM_MODEL": "qwen2.5-7b-instruct"}, "llm_model", "qwen2.5-7b-instruct"),
    ({"KEFU_LLM_TIMEOUT": "2.5"}, "llm_timeout", 2.5),
    ({"KEFU_LLM_RETRIES": "4"}, "llm_retries", 4),
    ({"KEFU_LLM_CONTEXT": "32768"}, "llm_context", 32768),
    ({"KEFU_LLM_TEMPERATURE": "0"}, "llm_temperature", 0.0),
    ({"KEFU_LLM_SEED": "42"}, "llm_seed", 42),
    ({"KEFU_LLM_BREAKER_FAILURES": "5"}, "llm_breaker_failures", 5),
    ({"KEFU_LLM_BREAKER_COOLDOWN": "120"}, "llm_breaker_cooldown", 120.0),
    ({"KEFU_CHECK_LLM": "1"}, "check_llm", True),
    ({"KEFU_CHECK_LLM": "false"}, "check_llm", False),
    ({"KEFU_EMBED_BASE_URL": " http://127.0.0.1:9000/v1 "}, "embed_base_url", "http://127.0.0.1:9000/v1"),
    ({"KEFU_LLM_MODEL": "   "}, "llm_model", "gpt-4o-mini"),
])
def test_environment_variables_map_to_fields(env, field, value):
    assert getattr(Settings.from_env(env), field) == value


def test_endpoint_selects_the_served_model():
    settings = Settings.from_env({"KEFU_LLM_BASE_URL": "http://127.0.0.1:8000/v1"})
    assert settings.backend == "openai"
    assert isinstance(make_chat_model(settings, {}), OpenAIChatModel)


def test_api_key_is_never_in_repr():
    settings = Settings.from_env({"OPENAI_API_KEY": "sk-secret-value"})
    assert settings.llm_api_key == "sk-secret-value"
    assert "sk-secret-value" not in repr(settings) and "sk-secret-value" not in str(settings)
