"""The reference labeller's lines weigh more, and lines of several trades read by the written label rules."""
from __future__ import annotations

import json

import pytest

from assist.emotion import (BLIND_FILES, DOMAIN_FILE, DOMAIN_REPEATS, REFERENCE_REPEATS, REFERENCE_WRITERS, EmotionReader,
                            domain_repeats, load_labelled)
from core.settings import Settings


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("row_id, times", [
    *[(f"{writer}0007", DOMAIN_REPEATS * REFERENCE_REPEATS) for writer in REFERENCE_WRITERS],
    ("cx0007", DOMAIN_REPEATS),
    ("", DOMAIN_REPEATS),
])
def test_domain_lines_repeat_by_writer(tmp_path, row_id, times):
    path = tmp_path / "lines.jsonl"
    _write(path, [{"id": row_id, "text": "请问宽带怎么报装", "emotion": "neutral", "split": "train"},
                  {"id": row_id, "text": "这条是测试集的", "emotion": "neutral", "split": "test"}])
    texts, labels = load_labelled(path, ("train", "dev"), "emotion", repeats=domain_repeats)
    assert texts == ["请问宽带怎么报装"] * times and labels == ["neutral"] * times


# Two writers disagree on one kind of line: an elderly caller who cannot manage a service. One labels such lines sad
# (rule 5, told with sorrow), the other confused. With as many lines each, the reader sides with whichever of the two
# is the reference writer.
SAD = ["我岁数大了手机上的字看不清，儿女都不在身边，这水费我是真交不上了",
       "老伴走了以后家里的网费都是他管的，我现在一点也弄不来，唉",
       "我眼睛不好使，柜台的机器我按不明白，排了一上午也没办成"]
CONFUSED = ["我年纪大了，那个缴费的小程序我真的用不来，孩子又在外地",
            "我不会弄手机上的燃气充值，老头子以前都是他弄的",
            "自助机上的按钮太多了，我这岁数实在看不懂"]


@pytest.mark.parametrize("sad_writer, confused_writer, expected", [
    *[(writer, "cx", "sad") for writer in REFERENCE_WRITERS],
    *[("cx", writer, "confused") for writer in REFERENCE_WRITERS],
])
def test_the_reference_writer_outweighs_a_later_writer(tmp_path, sad_writer, confused_writer, expected):
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    rows = [{"id": f"{sad_writer}{i:04d}", "text": t, "emotion": "sad", "split": "train"} for i, t in enumerate(SAD)]
    rows += [{"id": f"{confused_writer}{i:04d}", "text": t, "emotion": "confused", "split": "train"}
             for i, t in enumerate(CONFUSED)]
    _write(labelled / DOMAIN_FILE, rows)
    reader = EmotionReader(Settings(data_dir=tmp_path / "data", labelled_dir=labelled))
    probs = reader.model.probabilities("岁数大了，网上交话费那一套我学不会")
    assert max(("sad", "confused"), key=probs.__getitem__) == expected


# Every blind set that has been replaced as the check is trained on (its own split name), a test line in it never.
@pytest.mark.parametrize("name, split, trained", [
    *[(name, split, True) for name, split in BLIND_FILES],
    *[(name, "test", False) for name, _ in BLIND_FILES],
    ("customer_lines_dev4.jsonl", "dev4", False),  # the blind set that is the check now
])
def test_the_replaced_blind_sets_are_trained_on(tmp_path, name, split, trained):
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    _write(labelled / DOMAIN_FILE, [{"id": "cx0001", "text": "请问营业厅几点开门", "emotion": "neutral", "split": "train"},
                                    {"id": "cx0002", "text": "太感谢了，师傅修得真快", "emotion": "satisfied",
                                     "split": "train"}])
    _write(labelled / name, [{"id": "cw0001", "text": "那个燕麦色的围巾怎么还没发货", "emotion": "anxious", "split": split}])
    reader = EmotionReader(Settings(data_dir=tmp_path / "data", labelled_dir=labelled))
    assert ("燕麦" in reader.model.weights) == trained


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    return EmotionReader(Settings(data_dir=tmp_path_factory.mktemp("data")))


# Lines of our own in several trades, each of a kind where the rule order decides (customer_lines.md).
@pytest.mark.parametrize("line, label", [
    ("你们快递可真够可以的，一个包裹转了五个城市还没到，今天不给我个说法我就不挂电话", "angry"),
    ("你们这保险公司就是骗人的，交钱的时候说啥都赔，出事了一分不给，我要去银保监投诉", "angry"),
    ("刚收到个电话说我的社保卡涉嫌违规马上冻结，让我转钱过去解冻，这到底是不是真的", "anxious"),
    ("明早八点的航班，身份证刚发现丢了，还能不能临时办个证明登机啊", "anxious"),
    ("我七十多了眼睛花，手机上那些字看不清，孩子都在外地，这电费我是真不会交了", "sad"),
    ("物业说水管归自来水公司修，自来水公司又说楼里的管子归物业，到底该谁来修啊", "confused"),
    ("理赔单上写的免赔额到底是什么东西，和保额有啥区别", "confused"),
    ("喂喂？我在高铁上信号不好，你刚才说几号来着", "noisy"),
    ("上周网线断了好几天挺烦的，今天师傅来了十分钟就修好了，真是谢谢你们", "satisfied"),
    ("请问信用卡账单日能不能改到每月五号", "neutral"),
    ("不好意思，我按错号了，本来想打给税务局的", "neutral"),
])
def test_lines_of_several_trades_follow_the_rule_order(reader, line, label):
    assert reader.read(line).label == label
