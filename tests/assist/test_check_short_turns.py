"""Short plain turns in many trades: the full cascade (learned stage included) lets facts pass and flags curtness."""
import pytest

from assist.check import Checker
from core.settings import Settings
from knowledge.embeddings import make_embedder
from knowledge.rulebook import load_rulebook

# Written for this test (never from evals/data): short statements of fact, status and policy, many with 不/没,
# as agents say them in calls; ASR turns without punctuation, with fillers.
PLAIN = [("ecommerce", "这款洗衣机不带烘干功能。"), ("ecommerce", "这件外套只有黑白两色。"),
         ("bank", "您的信用卡还没有激活。"), ("bank", "这个存款产品不能提前支取。"),
         ("telecom", "您的号码目前没有欠费。"), ("telecom", "宽带报修单已经生成了。"),
         ("utilities", "您家这个月没有抄到表。"), ("utilities", "小区今晚十点后停气检修。"),
         ("logistics", "这个快递还在分拣。"), ("logistics", "易碎品需要加固包装。"),
         ("travel", "这趟航班不提供餐食。"), ("travel", "酒店前台二十四小时有人。"),
         ("insurance", "这份保单没有附加医疗险。"), ("insurance", "理赔材料我们已经收齐了。"),
         ("ecommerce", "嗯 订单号我这边看到了"), ("telecom", "呃 这个套餐不含宽带")]
# The same topics said curtly: a short line is judged by what it says, not let through for being short.
CURT = [("ecommerce", "不带烘干，不想要就别买。"), ("bank", "没激活怪谁，自己去激活。"),
        ("telecom", "欠费了就交钱，问什么问。"), ("travel", "航班不管饭，饿了自己带。"),
        ("logistics", "包装您自己弄，我们不管。"), ("bank", "跟您说多少次了，没有。"),
        ("utilities", "别磨叽了，快报户号。"), ("insurance", "保单都没看就来问？")]


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    # The trained stage comes from the shared model cache (the session fixture trains it once).
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"))
    return Checker(load_rulebook(), settings, embedder=make_embedder(settings))


@pytest.mark.parametrize("domain,line", PLAIN)
def test_a_short_plain_statement_is_not_flagged(checker, domain, line):
    assert not checker.check(line).violations, domain


@pytest.mark.parametrize("domain,line", CURT)
def test_a_short_curt_line_is_still_flagged(checker, domain, line):
    assert checker.check(line).violations, domain
