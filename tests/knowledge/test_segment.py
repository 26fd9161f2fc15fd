import subprocess
import sys

import pytest

from knowledge.segment import STOPWORDS, tokens


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("请拨打400电话咨询", "400电话"),
        ("以下是服务禁语,严禁使用", "服务禁语"),
        ("3个工作日内给予答复", "工作日"),
        ("电话接听服务用语要规范", "服务用语"),
        ("使用规范用语", "规范用语"),
        ("通话结束时使用结束语", "结束语"),
        ("接听电话先说开头语", "开头语"),
        ("将结果填写在投诉登记表", "投诉登记表"),
        ("退换货须在七天内办理", "退换货"),
        ("处理完毕后进行回访", "回访"),
        ("话务员应主动报工号", "话务员"),
    ],
)
def test_domain_words_stay_whole(text, word):
    assert word in tokens(text)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("這事不歸我管", "这事不归我管"), ("紡織品客戶服務規定", "纺织品客户服务规定"), ("３個工作日內", "3个工作日内")],
)
def test_text_is_normalized_before_segmenting(traditional, simplified):
    assert tokens(traditional) == tokens(simplified)


@pytest.mark.parametrize("text", ["，。！？、……", "😀😀😀", "   \n\t", ""])
def test_punctuation_emoji_and_space_yield_no_tokens(text):
    assert tokens(text) == []


def test_stopwords_are_dropped():
    words = tokens("我们的客服人员是怎么处理投诉的呢?")
    assert not STOPWORDS.intersection(words)
    assert "投诉" in words


def test_first_use_is_quiet_on_stderr():
    run = subprocess.run(
        [sys.executable, "-c", "from knowledge.segment import tokens; tokens('服务禁语')"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stderr == ""
