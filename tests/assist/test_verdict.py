"""A served model's second opinion on lines the learned stage is unsure of: it can only add a cited finding."""
import json

import pytest
from bigram_embedder import BigramEmbedder, labelled_settings

from assist.check import Checker
from assist.semantic import Semantic
from assist.verdict import SecondOpinion
from core.openai_api import OpenAIChatModel
from core.settings import Settings
from knowledge.normalize import match_key
from knowledge.rulebook import ForbiddenPhrase, Principle, RuleSource, Rulebook

SOURCE = RuleSource(file="某燃气公司客服规范.docx", article="第七条")
RULEBOOK = Rulebook(
    forbidden_phrases=[ForbiddenPhrase(id="fp-not_mine", text="这个不归我管", source=SOURCE, category="shift_responsibility")],
    principles=[Principle(id="pr-polite", name="文明用语", text="不得使用生硬用语，不得推卸责任，不得指责客户", source=SOURCE)],
)
# Written for this test (never from evals/data).
RUDE = ["您有本事就去投诉", "这点小钱也好意思打电话", "您赶紧的别磨蹭", "说了您也听不懂", "别浪费我的时间"]
POLITE = ["请您稍等我帮您查一下", "好的马上为您处理", "感谢您的耐心等待", "这边帮您登记了工单", "我来跟进这件事"]
# Lines a char model cannot be sure of: their words are neither rude nor courteous by themselves.
UNSURE = ["表计的事您得问物业那边，我们这边看不到", "燃气费是按阶梯算的，您家用得多自然就贵"]


def answer(violation: bool, category=None, phrase: str = "") -> str:
    return json.dumps({"violation": violation, "category": category, "phrase": phrase, "reason": "坐席把问题推给了别人。"},
                      ensure_ascii=False)


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return labelled_settings(tmp_path_factory.mktemp("labelled"), tmp_path_factory.mktemp("data"), RUDE, POLITE)


def checker_for(settings, server, line: str) -> Checker:
    """A checker with a second opinion whose learned stage is unsure of `line` and never flags by itself."""
    served = Settings(llm_base_url=server.base_url, llm_model="test-model", llm_timeout=5, llm_retries=0)
    checker = Checker(RULEBOOK, settings, embedder=BigramEmbedder("fake-verdict"),
                      second_opinion=SecondOpinion(OpenAIChatModel(served, backoff=0.01)))
    stage = checker.semantic
    # The stage's decision is centred on this line's own char score, and its threshold is out of reach.
    checker.semantic = Semantic(stage.model, stage._embed, 2.0, stage.model.score(match_key(line)), stage.bad, stage.good)
    return checker


@pytest.mark.parametrize("line, phrase, category, expected", [
    (UNSURE[0], "您得问物业那边", "推卸责任", "shift_responsibility"),
    (UNSURE[1], "您家用得多自然就贵", "blame_customer", "blame_customer"),
])
def test_a_quoted_finding_is_added_and_cites_the_categorys_rule(settings, openai_server, line, phrase, category, expected):
    openai_server.reply(answer(True, category, phrase))
    result = checker_for(settings, openai_server, line).check(line)
    assert result.backend == "model:test-model" and result.fallback is None
    [found] = result.violations
    assert found.category == expected and found.phrase == phrase and line[found.span[0]:found.span[1]] == phrase
    assert found.rule == "pr-polite" and found.source.file == SOURCE.file


@pytest.mark.parametrize("reply", [
    answer(True, "rude_tone", "您这人怎么这样"),  # words the line never said
    answer(True, "vibes", "物业那边"),  # a category nobody defined
    answer(True, "jargon", "物业那边"),  # a rule the fast layers own
    "这句话有问题。",  # no JSON at all
])
def test_an_invented_or_unknown_finding_is_dropped_and_the_offline_verdict_stands(settings, openai_server, reply):
    openai_server.reply(reply, reply)  # the answer and its one repair round
    result = checker_for(settings, openai_server, UNSURE[0]).check(UNSURE[0])
    assert result.violations == [] and result.backend == "offline" and "格式" in result.fallback


def test_a_clean_verdict_adds_nothing(settings, openai_server):
    openai_server.reply(answer(False))
    result = checker_for(settings, openai_server, UNSURE[0]).check(UNSURE[0])
    assert result.violations == [] and result.backend == "model:test-model"


def test_a_failing_server_leaves_the_offline_verdict_with_the_reason(settings, openai_server):
    openai_server.fail(500, times=5)
    result = checker_for(settings, openai_server, UNSURE[1]).check(UNSURE[1])
    assert result.violations == [] and result.backend == "offline" and result.fallback.startswith("模型服务出错")


def test_lines_the_cascade_decides_are_never_sent_and_answers_are_remembered(settings, openai_server):
    openai_server.reply(answer(False))
    checker = checker_for(settings, openai_server, UNSURE[0])
    # Flagged by the lexicon, and plainly courteous to the char model: neither is asked about.
    assert checker.check("这个不归我管").violations
    assert checker.check("好的").backend == "offline"
    assert not openai_server.chat_requests
    # A draft checked as it is typed keeps to the offline cascade.
    assert checker.check(UNSURE[0], ask_model=False).backend == "offline"
    assert not openai_server.chat_requests
    for _ in range(3):
        checker.check(UNSURE[0])
    assert len(openai_server.chat_requests) == 1
    assert UNSURE[0] in openai_server.chat_requests[0]["body"]["messages"][-1]["content"]


def test_the_grader_and_the_caller_never_wait_for_it(settings, openai_server):
    from simulator.grader import Grader

    openai_server.reply(answer(True, "shift_responsibility", "您得问物业那边"))
    checker = checker_for(settings, openai_server, UNSURE[0])
    transcript = {"turns": [{"role": "customer", "text": "我家燃气表走得特别快，是不是坏了？"},
                            {"role": "agent", "text": UNSURE[0]}]}
    grade = Grader(RULEBOOK, checker).grade(transcript)
    # The rule part grades from the offline cascade alone, so a grade is the same on every run.
    assert not openai_server.chat_requests and not any(f.category == "violation" for f in grade.findings)
