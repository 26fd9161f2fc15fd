"""Grammar that turns a rule's words into their opposite: denials, honest limits with a next step, team names."""
import pytest

from assist.check import Checker
from core.settings import Settings
from knowledge.rulebook import ForbiddenPhrase, RuleSource, Rulebook, load_rulebook


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return Checker(load_rulebook(), Settings(data_dir=tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("line", [
    # Denying the blame one is suspected of (e-commerce, bank, property, insurance).
    "我并没有说是您的错，只是想核对一下下单时留的收件电话。",
    "我不是说您操作错了，是想确认转账那一步有没有收到验证码。",
    "从来没有说是您的责任，我们先派师傅上门看看漏水点。",
    "我没说是您的问题哈 理赔还差一张发票 我帮您看看怎么补",
    # Admitting a limit, then taking the next step oneself (telecom, travel, insurance, government).
    "这个套餐的细则我也不太清楚，我马上问一下资费组，十分钟内给您回电。",
    "改签手续费怎么算我确实不知道 我这就帮您咨询航司 半小时内回复您",
    "我们没办法在线上直接退保，需要核对本人签字，我会帮您预约最近的网点。",
    "补贴政策的细节这个我不太了解，我先记下来，两个工作日内给您答复。",
    # The next step offered after 但是/不过, with or without 我 (bank, utilities, telecom).
    "挂失后的卡我们没办法再恢复使用，不过我可以马上帮您申请补一张新卡。",
    "抄表日期我这边没办法改，但是可以给您备注一下，请抄表员上门前先打电话。",
    # Admitting a limit, then asking courteously for what is needed to go on (telecom, insurance, utilities).
    "您说的是哪个号码我这边不清楚，麻烦您把手机号报给我一下。",
    "这张保单的情况我暂时不了解，您方便提供一下保单号吗？",
    "停水的具体范围我还不知道 请您告诉我小区名称和楼栋号",
    # Admitting a limit, then promising an answer by a named time (insurance, government, e-commerce).
    "这个理赔进度我也不清楚具体原因，明天中午前给您一个结果。",
    "我们这边没办法马上改，周五之前通知您办理结果。",
    "这个政策细节我不太了解，我核实一下，今天下班前答复您。",
    "这笔改签费我没办法马上决定，我报给值班主任。",
    "这个我没办法马上答应您，我报给主管，明天给您答复。",
    # Admitting a limit, then asking courteously for the change the customer can make themselves (telecom, government).
    "实名信息我们这边没办法替您改，麻烦您登录营业厅App重新提交一下。",
    "申报表我们没办法代填，请您在政务网上填写，有不明白的随时打给我。",
    # The agent's own step after 但/不过, whatever its verb (travel, bank).
    "航班取消这件事我们没办法改变，但我可以帮您改签到明早最早的一班。",
    "年费我这边没办法直接免掉，不过我可以为您换一张免年费的卡。",
    # Someone else's words reported, then corrected by the agent taking the step (property, healthcare).
    "物业那位同事跟您说这个不归我们管，其实公共管道就是我们负责的，我马上派维修师傅过去。",
    "接线员之前说医保报销不归我们管，实际上窗口可以办，我现在帮您登记。",
    # Someone else's words reported, then disowned (e-commerce ASR, telecom).
    "您说之前有个客服说这个不归我管 这个确实是他不对 退款我来给您办",
    "营业厅那边跟您说这个不归我管，这么说是不对的，我先给您登记。",
    # Naming whose fault it was while taking the matter on (e-commerce).
    "延误确实是厂家的问题，这件事我们来跟厂家协调换货，三天内通知您。",
    # A workflow term as the name of the team the agent will contact (bank).
    "这笔退款我帮您联系清算部门核实一下。",
    # A parcel stop every tracking page lists (logistics).
    "您的包裹今天早上已经到了本市的分拨中心，明天派送。",
])
def test_compliant_wording_around_rule_words_is_clean(checker, line):
    assert checker.check(line).violations == [], line


@pytest.mark.parametrize("line", [
    # The same words without the turn stay violations.
    "这个套餐的细则我也不清楚，您自己去营业厅问吧。",
    "我也没办法，您去找物业问问。",
    "这是快递的问题，您自己打快递电话。",
    "我不是说了吗，是您自己的问题。",
    "我不是说是您的错吗？",
    "这件事我们也没办法帮您追回。",
    "改签手续费我不清楚 你问航司去",
    "同事说过了这个不归我管，您找别人吧。",
    "我们没办法，但是您可以自己去网点问问。",
    "这个我不清楚，请您发邮件去问总部。",
    "我们没办法帮您，您自己想想办法吧。",
    "同事说过这个不归我管，其实您找别人就行。",
    "这个我也不清楚，明天再说吧。",
    "我们这边没办法，您周五之前自己去窗口问。",
    "我们没办法替您改，您自己去网点问吧。",
])
def test_same_words_without_the_turn_are_flagged(checker, line):
    assert checker.check(line).violations, line




# A centre's own promise and burden rules (securities, insurance, utilities, e-commerce), written for this test.
_SOURCE = RuleSource(file="某机构客服规范.docx", article="第十二条")
PROMISES = Rulebook(forbidden_phrases=[
    ForbiddenPhrase(id="fp-yield", text="保证收益", source=_SOURCE),
    ForbiddenPhrase(id="fp-claim", text="肯定能赔", source=_SOURCE),
    ForbiddenPhrase(id="fp-self", text="自己去营业厅办", source=_SOURCE, category="shift_responsibility"),
    ForbiddenPhrase(id="fp-mine", text="不归我管", source=_SOURCE, category="shift_responsibility"),
])


@pytest.fixture(scope="module")
def promise_checker(tmp_path_factory):
    return Checker(PROMISES, Settings(data_dir=tmp_path_factory.mktemp("promises")))


@pytest.mark.parametrize("line", [
    "这款理财产品不保证收益，过往业绩不代表未来表现。",
    "我们无法保证收益，具体以产品说明书为准。",
    "理赔要看定损结果，我这边不敢说肯定能赔，先帮您报案。",
    "您不用自己去营业厅办，线上就能给您过户。",
    # Denying that such a thing exists at all.
    "基金投资不存在保证收益一说，建议您先看看风险测评结果。",
    "车损理赔不会有肯定能赔的说法，要看定损员的结论。",
])
def test_a_negated_promise_or_burden_is_clean(promise_checker, line):
    assert promise_checker.check(line).violations == [], line


@pytest.mark.parametrize("line", [
    "放心买，这个产品保证收益。",
    "您这个情况肯定能赔，不用担心。",
    "这个您自己去营业厅办吧。",
    # A rule that starts negative is its own wording; a rhetorical question keeps the jab.
    "停气这事不归我管。",
    "你不会自己去营业厅办吗",
])
def test_the_promise_or_burden_itself_is_flagged(promise_checker, line):
    assert promise_checker.check(line).violations, line
