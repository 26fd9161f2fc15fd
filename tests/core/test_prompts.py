import pytest

from core.llm import Prompt
from core.prompts import PromptError, load_template, render

SUGGEST_VARS = dict(
    turns=[{"role": "customer", "text": "我姓王，订单12345到底什么时候退款？"}],
    scenario="refund", situation="客户询问退款进度",
    emotion={"label": "anxious", "intensity": 0.7},
    rules=[{"text": "退款操作需在3个工作日内完成。", "cite": "004 · 退款"}],
    phrases=[{"text": "请您不要着急，慢慢讲"}], facts={"address": "王先生", "order": "12345", "sla": "3个工作日"},
    avoid=[], stream=False, count=3,
)


@pytest.mark.parametrize("text", ["你们到底管不管！", "喂？听得见吗", "谢谢你们，问题解决了"])
def test_emotion_prompt_renders_the_utterance(text):
    prompt = render("emotion", text=text)
    assert isinstance(prompt, Prompt) and prompt.task == "emotion"
    assert [m.role for m in prompt.messages] == ["system", "user"]
    assert text in prompt.messages[1].content
    assert prompt.variables == {"text": text}


@pytest.mark.parametrize("stream, marker", [(False, "JSON"), (True, "one per line")])
def test_suggest_prompt_carries_rules_facts_and_output_format(stream, marker):
    prompt = render("suggest", **{**SUGGEST_VARS, "stream": stream})
    system = prompt.messages[0].content
    assert "[1] 退款操作需在3个工作日内完成。" in system
    assert "王先生" in system and "12345" in system and "calming" in system
    assert marker in system
    assert "订单12345" in prompt.messages[1].content


@pytest.mark.parametrize("missing", ["rules", "facts", "turns", "emotion"])
def test_missing_variable_is_an_error_not_a_hole(missing):
    variables = {k: v for k, v in SUGGEST_VARS.items() if k != missing}
    with pytest.raises(PromptError, match=missing):
        render("suggest", **variables)


def test_unknown_task_is_a_clear_error():
    with pytest.raises(PromptError, match="no prompt template"):
        render("no_such_task", text="你好")


@pytest.mark.parametrize("body, error", [
    ("name: t\ndescription: d\nsystem: s\nuser: u\ntemperature: 0.2\n", "temperature"),
    ("name: t\ndescription: d\nsystem: s\n", "user"),
    ("name: other\ndescription: d\nsystem: s\nuser: u\n", "declares name"),
    ("name: [t\n", "invalid prompt file"),
])
def test_prompt_files_are_validated(tmp_path, body, error):
    (tmp_path / "t.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(PromptError, match=error):
        load_template("t", tmp_path)


def test_every_prompt_file_is_valid():
    from core.prompts import PROMPTS_DIR

    for path in PROMPTS_DIR.glob("*.yaml"):
        assert load_template(path.stem).name == path.stem
