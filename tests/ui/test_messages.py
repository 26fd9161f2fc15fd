import pytest

from ui.messages import EMPTY_LINE, MAX_LINE_CHARS, InputError, clean_line, escape


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None])
def test_empty_lines_are_refused_in_chinese(text):
    with pytest.raises(InputError, match=EMPTY_LINE):
        clean_line(text)


def test_huge_paste_is_refused_with_its_length():
    with pytest.raises(InputError, match="100000"):
        clean_line("这" * 100_000)


@pytest.mark.parametrize("text, kept", [
    ("您好，请问有什么可以帮您？", "您好，请问有什么可以帮您？"),
    ("这事\x00不归我管\x07", "这事不归我管"),
    ("  退款 refund 到账了吗  ", "退款 refund 到账了吗"),
    ("这" * MAX_LINE_CHARS, "这" * MAX_LINE_CHARS),
])
def test_clean_line_keeps_the_words(text, kept):
    assert clean_line(text) == kept


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'&"])
def test_escape_leaves_no_markup(text):
    out = escape(text)
    assert "<" not in out and ">" not in out and '"' not in out


def test_every_scenario_key_has_a_chinese_name():
    from knowledge.rulebook import SCENARIOS
    from ui.messages import SCENARIO_NAMES

    assert set(SCENARIO_NAMES) == set(SCENARIOS)
