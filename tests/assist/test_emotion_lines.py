"""Emotion cues count only where the caller does not negate them."""
from __future__ import annotations

import pytest

from assist.emotion import EmotionReader, cue_occurs
from core.settings import Settings


@pytest.mark.parametrize("cue, text, occurs", [
    ("投诉", "我要投诉你们的装维师傅", True),
    ("投诉", "我不是要投诉，就是问问", False),
    ("投诉", "我没说投诉，你别紧张", False),
    ("着急", "不用着急，我明天再来也行", False),
    ("满意", "这个结果我不太满意", False),
    ("骗人", "你们不要骗人了", True),
    ("满意", "不是说不行，我挺满意的", True),
])
def test_cue_occurs_respects_negation(cue, text, occurs):
    assert cue_occurs(cue, text) is occurs


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    return EmotionReader(Settings(data_dir=tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("line", [
    "我在地铁站里，广播太响了，你刚才说的我一句没听清",
    "旁边在装修电钻声太大了，你大声点，我听不见",
])
def test_a_caller_who_cannot_hear_reads_as_noisy(reader, line):
    assert reader.read(line).label == "noisy"


@pytest.mark.parametrize("line, label", [
    ("我要表扬一下你们装宽带的王师傅，干活细致还把垃圾都带走了", "satisfied"),
    ("你慢慢查，我不着急，查到了告诉我就行", "neutral"),
    ("唉，我一个人带孩子，停水三天了，也不知道还能找谁", "sad"),
    ("你们再不给我处理，我就去消协投诉你们！！", "angry"),
    ("喂？我在工地上太吵了，你说什么我一句都听不见", "noisy"),
    ("这个账单上的滞纳金是什么意思，我看不明白", "confused"),
])
def test_lines_from_several_domains(reader, line, label):
    assert reader.read(line).label == label
