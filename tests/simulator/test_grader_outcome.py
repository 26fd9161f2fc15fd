"""The grader grades what happened in any trade: a caller left unhelped, deflection, promises beyond an
agent's authority, a dodged time, a request repeated, an incomplete closing."""
from __future__ import annotations

import pytest

from simulator.transcript import Transcript

OPEN = "您好，很高兴为您服务，请问您怎么称呼？"


def call(*lines, persona="anxious") -> Transcript:
    """Customer first, then alternating; no catalog scenario, as for another centre's call."""
    return Transcript.model_validate({"persona": persona, "scenario": None, "turns": [
        {"role": "customer" if k % 2 == 0 else "agent", "text": t} for k, t in enumerate(lines)]})


def found(grade, category, turn=None):
    return [f for f in grade.findings if f.category == category and (turn is None or f.turn == turn)]


# Each: a problem, the caller's name, and two endings for the same call: helped, and politely left unhelped.
CALLS = [
    ("我的医保卡在药店刷不了，说是状态异常，我还等着买药。", "我姓秦。",
     "秦女士，我已经帮您查到是年度信息没有更新，现在为您重新激活，十分钟后就能正常刷卡。",
     "秦女士，卡片状态的问题我这边不太清楚，建议您自己到社保局问一下。"),
    ("我家路由器红灯一直闪，从早上到现在都上不了网。", "姓吕。",
     "吕先生，我马上为您派单，维修师傅今天下午四点前上门处理。",
     "吕先生，这个我们这边也没有办法判断，您可以自己重启试试看。"),
    ("我上个月交的物业费收据到现在还没给我，我要报销用的。", "我姓韩。",
     "韩女士，我已经为您登记补开收据，明天中午十二点前发到您的邮箱。",
     "韩女士，收据是财务那边负责的，具体时间以财务为准。"),
    ("我订的大巴票，车站说系统里查不到我的座位，马上就要发车了！", "姓丁。",
     "丁先生，我现在为您核实，已经为您重新出票，座位号发到您手机上了，一分钟内就能收到。",
     "丁先生，这个我们查不到的，建议您去车站窗口问一下。"),
]


@pytest.mark.parametrize("problem, name, helped, deflected", CALLS)
def test_a_polite_call_that_leaves_the_caller_unhelped_is_poor(grader, problem, name, helped, deflected):
    good = grader.grade(call(problem, OPEN, name, helped, "好的，明白了，谢谢。", "请问还有其他问题吗？感谢您的来电，再见。"))
    lost = grader.grade(call(problem, OPEN, name, deflected, "那我到底该怎么办啊……算了。",
                             "请问还有其他问题吗？感谢您的来电，祝您生活愉快，再见。"))
    assert found(lost, "unresolved", 3) and not found(good, "unresolved")
    # However polite, a call that solves nothing is poor (< 60) and far below the same call that helped.
    assert lost.score < 60 and good.score - lost.score >= 30
    assert lost.subscores["resolution"] <= good.subscores["resolution"] - 35


@pytest.mark.parametrize("line, deflects", [
    ("这个我这边查不到，建议您联系一下快递公司。", True),
    ("您说的情况我们无法核实，您可以自己留意一下。", True),
    ("这个要以银行的处理结果为准，您再等等。", True),
    ("这个我这边查不到，我马上帮您联系快递公司核实，半小时内给您回电。", False),
    ("我已经为您登记了，维修师傅明天上午十点前联系您。", False),
])
def test_passing_the_matter_back_without_acting_is_a_deflection(grader, line, deflects):
    grade = grader.grade(call("我寄的包裹三天没有物流信息了。", OPEN, "姓孟。", f"孟先生，{line}", "好的。",
                              "请问还有其他问题吗？感谢您的来电，再见。"))
    assert bool([f for f in found(grade, "unresolved", 3) if "推诿" in f.detail]) == deflects


@pytest.mark.parametrize("promise, beyond", [
    ("您加一下我的私人微信，有问题直接找我。", True),
    ("要是修不好，我个人赔您一台新的。", True),
    ("这个月的服务费我直接给您全免了。", True),
    ("我向您保证，以后绝对不会再出现这种问题。", True),
    ("我已经为您提交了退费申请，三个工作日内退回原账户。", False),
    ("我帮您登记了加急，今天下午五点前给您回电话。", False),
])
def test_promises_beyond_an_agents_authority_are_found_at_their_turn(grader, promise, beyond):
    grade = grader.grade(call("你们的热水器装完第二天就漏水，地板都泡了！", OPEN, "姓邵。",
                              f"邵先生，非常抱歉。{promise}", "好的。", "请问还有其他问题吗？感谢您的来电，再见。",
                              persona="angry"))
    assert bool(found(grade, "promise", 3)) == beyond


@pytest.mark.parametrize("answer, dodged", [
    ("这个要看那边的安排，应该很快的。", True),
    ("一般过几天就好了。", True),
    ("我已经为您加急，明天中午十二点前给您答复。", False),
])
def test_a_vague_answer_when_the_caller_presses_for_a_time_is_a_dodge(grader, answer, dodged):
    grade = grader.grade(call("我申请的信用卡额度调整，提交一个礼拜了还没结果。", OPEN, "姓梁。",
                              "梁女士，我看到您的申请了，正在审核中。", "那到底什么时候能有结果？", answer,
                              "好吧。", "请问还有其他问题吗？感谢您的来电，再见。"))
    assert bool([f for f in found(grade, "commitment") if "追问" in f.detail]) == dodged


@pytest.mark.parametrize("again", ["我刚才已经说了，是燃气表不走字！", "燃气表不走字，燃气表一直不走字啊。"])
def test_a_caller_made_to_repeat_the_request_costs_empathy(grader, again):
    listened = grader.grade(call("燃气表不走字，我担心是不是坏了。", OPEN, "姓冯。",
                                 "冯先生，我马上为您安排检查，明天上午师傅上门。", "好的，谢谢。",
                                 "请问还有其他问题吗？感谢您的来电，再见。"))
    repeated = grader.grade(call("燃气表不走字，我担心是不是坏了。", OPEN, "姓冯。", "冯先生，请问有什么可以帮您？", again,
                                 "冯先生，我马上为您安排检查，明天上午师傅上门。", "好的，谢谢。",
                                 "请问还有其他问题吗？感谢您的来电，再见。"))
    assert found(repeated, "empathy", 5) and repeated.subscores["empathy"] < listened.subscores["empathy"]


@pytest.mark.parametrize("goodbye, partial", [
    ("好的，感谢您的来电，再见。", True),
    ("请问还有其他需要帮您的吗？感谢您的来电，再见。", False),
])
def test_a_goodbye_without_offering_more_help_is_an_incomplete_closing(grader, goodbye, partial):
    grade = grader.grade(call("我想问一下护照加急办理要多久？", OPEN, "姓谭。",
                              "谭女士，加急办理是五个工作日内出证。", "好的，谢谢。", goodbye))
    assert bool(found(grade, "closing")) == partial


@pytest.mark.parametrize("fact, read_back", [
    ("我转了三千块钱给我妈，她说没收到。", "三千元，昨天下午转的，对吗？"),
    ("我住光明小区九号楼二单元，楼道灯坏了一个月了。", "光明小区九号楼二单元，对吗？"),
])
def test_amounts_and_addresses_must_be_read_back(grader, fact, read_back):
    lines = (fact, OPEN, "姓詹。")
    silent = grader.grade(call(*lines, "詹先生，我马上为您登记处理，今天下午六点前给您回电。", "好的。",
                               "请问还有其他问题吗？感谢您的来电，再见。"))
    confirmed = grader.grade(call(*lines, f"詹先生，{read_back}我马上为您登记处理，今天下午六点前给您回电。", "好的。",
                                  "请问还有其他问题吗？感谢您的来电，再见。"))
    assert found(silent, "confirmation") and not found(confirmed, "confirmation")


@pytest.mark.parametrize("last_words, lost", [
    ("信号太差了，算了，我一会儿再打过来。", False),
    ("好的，我知道了，谢谢你。", False),
    ("还是不明白，算了吧。", True),
])
def test_a_caller_who_postpones_is_not_a_caller_left_unhelped(grader, last_words, lost):
    grade = grader.grade(call("喂？我想查一下我的社保缴费记录……", "您好，很高兴为您服务，请问您的身份证号是多少？",
                              last_words, "请问还有其他问题吗？感谢您的来电，再见。"))
    assert bool(found(grade, "unresolved")) == lost


def test_the_formula_on_the_scorecard_explains_the_resolution_group(grader):
    grade = grader.grade(call(CALLS[0][0], OPEN, CALLS[0][1], CALLS[0][3], "算了。", "再见。"))
    assert "问题解决" in grade.formula and "推诿" in grade.formula and "越权承诺" in grade.formula
    assert grade.score == max(0, round(sum(grade.subscores.values()) - 300))
