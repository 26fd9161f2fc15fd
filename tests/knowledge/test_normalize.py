import time

import pytest

from knowledge.normalize import match_key, normalize, normalize_with_map, to_simplified


@pytest.mark.parametrize(
    "text, expected",
    [
        ("紡織品客戶服務規定", "纺织品客户服务规定"),
        ("確保客戶權益", "确保客户权益"),
        ("ＶＩＰ会员　１２３", "VIP会员 123"),
        ("您好，请讲！", "您好，请讲！"),  # Chinese punctuation stays full-width
        ("  这个   我不清楚 \t ", "这个 我不清楚"),
        ("第一行 \n\n \n第二行", "第一行\n第二行"),
        ("a\x00b\u200bc", "abc"),
        ("", ""),
        ("😀好的😀", "😀好的😀"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    ["这 不 归 我 管", "这,不,归,我,管", "这，不，归。我！管", "這不歸我管", "这不归我管😀"],
)
def test_match_key_ignores_spacing_punctuation_and_script(text):
    assert match_key(text) == "这不归我管"


@pytest.mark.parametrize(
    "text",
    ["你声音大一点,,,,我听不清!", "這事不歸我管！", "ＶＩＰ 会员", "a\x01b 😀 c", "  ", "", "，。！"],
)
def test_offsets_point_back_into_the_original(text):
    norm, offsets = normalize_with_map(text)
    assert len(norm) == len(offsets)
    assert offsets == sorted(offsets)
    for char, offset in zip(norm, offsets):
        assert match_key(text[offset]) == char


def test_span_maps_back_to_original_phrase():
    text = "客户问：这 事，不归 我管 吧？"
    norm, offsets = normalize_with_map(text)
    start = norm.index("这事不归我管")
    end = start + len("这事不归我管") - 1
    assert text[offsets[start] : offsets[end] + 1] == "这 事，不归 我管"


def test_large_and_traditional_inputs_are_linear():
    big = "客服热线，" * 20_000
    started = time.perf_counter()
    norm, offsets = normalize_with_map(big)
    assert len(norm) == len(offsets) == 80_000
    assert time.perf_counter() - started < 2
    started = time.perf_counter()
    assert to_simplified("紡織品客戶服務規定。" * 10_000) == "纺织品客户服务规定。" * 10_000
    assert time.perf_counter() - started < 1
    # Characters whose conversion depends on the phrase go through OpenCC itself.
    assert to_simplified("關於乾淨的頭髮") == "关于干净的头发"


def test_utterance_cost_is_small():
    utterance = "你这么激动干什么，我不是正在给你处理吗？"
    normalize_with_map(utterance)
    started = time.perf_counter()
    for _ in range(1000):
        normalize_with_map(utterance)
    assert (time.perf_counter() - started) / 1000 < 300e-6
