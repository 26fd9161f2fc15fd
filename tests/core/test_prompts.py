import pytest

from core.llm import Prompt
from core.prompts import PromptError, load_template, render

SUGGEST_VARS = dict(
    turns=[{"role": "customer", "text": "我姓王，订单12345到底什么时候退款？"}],
    scenario="refund", situation="客户询问退款进度",
    emotion={"label": "anxious", "intensity": 0.7},
    rules=[{"text": "退款操作需在3个工作日内完成。", "cite": "004 · 退款"}],
    phrases=[{"text": "请您不要着急，慢慢讲"}], facts={"address": "王先生", "order": "12345", "sla": "3个工作日"},
    avoid=[], stream=False, count=3, company=None, raised=[],
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


@pytest.mark.parametrize("text, tokens", [("", 0), ("您好", 2), ("abc", 1), ("abcd", 2), ("订单12345", 4),
                                          ("退款 refund", 5)])
def test_token_estimate_is_one_per_cjk_character_and_one_per_three_ascii(text, tokens):
    from core.prompts import estimate_tokens

    assert estimate_tokens(text) == tokens


def long_suggest(turns: int, hits: int):
    rules = SUGGEST_VARS["rules"] + [{"text": f"检索结果{i}：" + "退款规定" * 40, "cite": f"00{i} · 检索", "kind": "hit"}
                                     for i in range(hits)]
    history = [{"role": "customer" if i % 2 == 0 else "agent", "text": f"第{i}轮：" + "我的退款到底什么时候到账" * 10}
               for i in range(turns)]
    return render("suggest", **{**SUGGEST_VARS, "turns": history, "rules": rules})


@pytest.mark.parametrize("budget, turns_left, hits_left", [(100_000, 12, 3), (1500, 4, 3), (1300, 4, 2), (1000, 4, 0), (600, 1, 0), (100, 1, 0)])
def test_fit_drops_oldest_turns_then_hits_then_more_turns(budget, turns_left, hits_left):
    from core.prompts import fit, prompt_tokens

    fitted = fit(long_suggest(12, 3).model_copy(update={"seed": 5}), budget)
    turns, rules = fitted.variables["turns"], fitted.variables["rules"]
    assert len(turns) == turns_left and turns[-1]["text"].startswith("第11轮")
    assert len([r for r in rules if r.get("kind") == "hit"]) == hits_left
    assert "[1] 退款操作需在3个工作日内完成。" in fitted.messages[0].content  # citation numbers stay put
    assert fitted.seed == 5 and (prompt_tokens(fitted) <= budget or turns_left == 1)


def test_fit_leaves_a_prompt_without_trim_rules_alone():
    from core.prompts import fit

    prompt = render("emotion", text="喂" * 5000)
    assert fit(prompt, 100) == prompt
