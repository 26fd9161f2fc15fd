"""Emotion of callers from domains the demo sources never cover (clinics, 12345, couriers, property)."""
from __future__ import annotations

import pytest

from assist.emotion import EmotionReader
from core.settings import Settings


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    return EmotionReader(Settings(data_dir=tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("line, label", [
    ("你们物业到底还管不管事！垃圾堆了一个星期了，我要去投诉你们！", "angry"),
    ("我的材料明天上午就要交，快递现在还在路上，能不能帮我催一下，急死了", "anxious"),
    ("我一个孤老头子，腿脚不利索，跑了三趟都没办成，唉，真是没办法了", "sad"),
    ("喂？我这边在工地，机器声太大了，你说的我一句都听不清", "noisy"),
    ("这个医保报销比例是怎么算的，我看了半天也没看懂什么意思", "confused"),
    ("请问一下，办理居住证需要带哪些材料", "neutral"),
    ("上次来修水管的师傅特别细心，我专门打电话来表扬他，谢谢你们", "satisfied"),
])
def test_callers_of_other_domains_read_right(reader, line, label):
    assert reader.read(line).label == label


@pytest.mark.parametrize("calm, pushed", [
    ("快递还没到，麻烦帮我查一下", "快递到底什么时候到！！我今天必须拿到，马上给我查！"),
    ("物业费好像算错了，帮我看看", "物业费凭什么多收我两百？你们到底讲不讲理！！"),
])
def test_pushing_words_and_marks_raise_intensity(reader, calm, pushed):
    assert reader.read(pushed).intensity > reader.read(calm).intensity
