import json

import pytest

from assist.emotion import BLIND_FILES as EMOTION_BLIND_FILES
from assist.scenario import BLIND_FILES, CONFLICTING, OTHER_BELOW, REFERRAL, ScenarioDetector
from core.settings import Settings
from knowledge.normalize import normalize
from knowledge.rulebook import SCENARIOS


@pytest.fixture(scope="module")
def detector(tmp_path_factory):
    return ScenarioDetector(Settings(data_dir=tmp_path_factory.mktemp("data")))


def test_held_out_accuracy_at_least_90_percent(detector):
    path = Settings().labelled_dir / "scenario.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    test = [r for r in rows if r["split"] == "test"]
    assert len(rows) >= 50 and test
    accuracy = sum(detector.detect(r["text"]) == r["scenario"] for r in test) / len(test)
    assert accuracy >= 0.9, accuracy


def domain_lines(split: str) -> list[dict]:
    path = Settings().labelled_dir / "customer_lines.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


def test_other_domains_lines_get_an_acceptable_key_or_other(detector):
    # Floor under the figure measured once on the test split (0.905 on 315 lines in the twelfth session), so a
    # regression shows; the goal is 0.90.
    test = domain_lines("test")
    accuracy = sum(detector.detect(r["text"]) in r["scenarios"] for r in test) / len(test)
    assert accuracy >= 0.90, accuracy


def test_other_is_said_when_the_model_learned_it_or_is_unsure(detector):
    said = 0
    for row in domain_lines("dev"):
        if detector.detect(row["text"]) == "other":
            said += 1
            probs = detector.model.probabilities(normalize(row["text"]))
            best = max(probs, key=probs.__getitem__)
            assert best == "other" or probs[best] < OTHER_BELOW
    assert said


@pytest.mark.parametrize("turns, scenario", [
    ([{"role": "agent", "text": "您好，请问有什么可以帮您？"}, {"role": "customer", "text": "我的退款怎么还没到账？"}], "refund"),
    (["您好", "请稍等", "快递三天了还没发货"], "delivery"),
    ([{"role": "customer", "text": "谢谢，再见"}, {"role": "agent", "text": "不客气"}, {"role": "customer", "text": "   "}], "silent_line"),
    ([], "greeting"),
])
def test_conversations_use_the_last_customer_line(detector, turns, scenario):
    assert detector.detect(turns) == scenario


@pytest.mark.parametrize("text", ["", "\x00", "x" * 100_000, "My order 还没到 help", "？？？！！！"])
def test_odd_input_gives_a_scenario_key(detector, text):
    assert detector.detect(text) in SCENARIOS


@pytest.mark.parametrize("line, scenario", [
    ("喂？我上周申请的退款怎么还没到账，我这边信号不太好", "refund"),
    ("我这儿信号不好你凑合听，买的羽绒服到现在还没发货", "delivery"),
    ("你大点声我听不清，我的热水器保修期内坏了能修吗", "repair"),
])
def test_a_problem_said_over_a_bad_line_is_the_problem(detector, line, scenario):
    assert detector.detect(line) == scenario


# Calling out and greeting beside the noise (喂喂，你好) state no problem, however the n-grams read them alone.
@pytest.mark.parametrize("line", ["喂喂，你那边声音太小了我听不清", "信号不好，断断续续的，你再说一遍",
                                  "喂喂喂，你说话我一点都听不见", "喂？你好？这边杂音太大了",
                                  "地铁里信号差，对不起啊，你刚才说的我没听到", "工地太吵了 不好意思 你大点声"])
def test_a_line_only_about_the_noise_is_a_noisy_line(detector, line):
    assert detector.detect(line) == "noisy_line"


@pytest.mark.parametrize("line, expected", [
    ("我寄的包裹五天了物流一直没更新，到底到哪儿了", "delivery"),
    ("小区电梯又停了，麻烦安排个师傅来修一下", "repair"),
    ("挂号费被扣了两次，多扣的那笔什么时候退给我", "refund"),
    ("你们这个热线我打了一个多小时才打进来", "long_wait"),
    ("我要投诉你们办事大厅的窗口人员，态度太恶劣了", "complaint"),
    ("好的，我知道怎么弄了，谢谢你啊", "thanks"),
    ("你把你们物业经理的电话给我，我直接找他", "manager_contact"),
    ("你稍等，我拿笔把报修单号记下来", "need_record"),
    ("暖气终于热了，师傅大冷天跑了三趟，很感激", "thanks"),
])
def test_lines_from_other_domains_get_their_scenario(detector, line, expected):
    assert detector.detect(line) == expected


# Sent between offices, each naming the other: the guide's `other`, not a question or a transfer.
@pytest.mark.parametrize("line", ["物业叫我找供电所，供电所又叫我找物业，我家停电三天了",
                                  "车行叫我去找保险公司，保险公司又叫我找车行，车还趴在路边",
                                  "银行让我去社保所问，社保所又让我回银行问，这事到底归谁管？"])
def test_being_sent_between_offices_is_other(detector, line):
    assert REFERRAL.search(normalize(line))
    assert detector.detect(line) == "other"


# Two other parties said different things: the caller doubts an answer. The agent's own two answers
# (你刚才说…现在又说) are not this construction, nor is an office sending the caller on.
@pytest.mark.parametrize("line, conflicting", [
    ("客服说今天到账，短信上显示明天，到底哪天？", True),
    ("营业厅说能降套餐，网上客服说合约期内不行，到底听谁的？", True),
    ("你刚才说能退，现在又说不能，到底听谁的", False),
    ("你上午说今天送到，你现在又说明天，到底哪天", False),
    ("我想问一下这个套餐到底包含多少流量", False),
])
def test_two_parties_saying_different_things_is_doubting_an_answer(detector, line, conflicting):
    assert bool(CONFLICTING.search(normalize(line))) is conflicting
    if conflicting:
        assert detector.detect(line) == "doubt_answer"


def bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if not ch.isspace())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def test_lines_added_for_training_stay_apart_from_the_test_split():
    # Lines written later (cx, cy ids) must not paraphrase a held-out line (customer_lines.md); scores only.
    path = Settings().labelled_dir / "customer_lines.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    test = [bigrams(r["text"]) for r in rows if r["split"] == "test"]
    added = [r for r in rows if r["split"] != "test" and not r["id"].startswith("cl")]
    assert len(added) >= 1000
    for row in added:
        grams = bigrams(row["text"])
        assert max(len(grams & t) / len(grams | t) for t in test) < 0.6, row["id"]


# The detector learns from its own blind sets, not from every one the emotion reader learns from (dev3 lowered its
# figures, customer_lines.md), and never from a test line in them.
@pytest.mark.parametrize("name, split, trained", [
    *[(name, split, True) for name, split in BLIND_FILES],
    *[(name, split, False) for name, split in EMOTION_BLIND_FILES if (name, split) not in BLIND_FILES],
    *[(name, "test", False) for name, _ in BLIND_FILES],
])
def test_only_the_chosen_blind_sets_are_learned(tmp_path, name, split, trained):
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    row = {"id": "cw0001", "text": "那个燕麦色的围巾怎么还没发货", "emotion": "anxious", "scenarios": ["delivery"], "split": split}
    (labelled / name).write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    detector = ScenarioDetector(Settings(data_dir=tmp_path / "data", labelled_dir=labelled))
    assert ("燕麦" in detector.model.weights) == trained
