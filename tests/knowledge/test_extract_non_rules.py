"""A probe of what a regulation says beside its rules that is no rule (junk when drafted): quoted slogans, mottos and
service concepts, names of systems, documents, buttons and statuses, a customer's words in a scene, an FAQ or a case
box, the menu prompts a machine plays, a term in a definition, conduct named in quotes ("踢皮球"的方式); time figures
that promise a caller nothing (opening hours, 5×8 service, breaks and meals, system timeouts and validity windows,
sampling periods, a repealed standard, times said in a line) and a rule retold in a note or a summary table. (Call
length, the customer's own deadlines and reports to managers were probed too, but reading them as no limit lost SLAs
the first held-out folder labels, caught by its regression gate: those kinds were dropped.) Each document holds real rules beside
the non-rules, which must still be drafted (points look-alikes: test_extract_point_non_entries; layouts:
test_extract_layout_probe)."""
from __future__ import annotations

import re

import docx
import pytest

from drafting import drafted, drafted_file
from knowledge.normalize import match_key


def _html(text: str) -> str:
    """A help-centre page of `text`: "## " lines as <h2>, "### " as <h3>, any other line a <p>."""
    out = []
    for line in text.splitlines():
        if m := re.match(r"(#+)\s+(.*)", line):
            out.append(f"<h{len(m[1]) + 1}>{m[2]}</h{len(m[1]) + 1}>")
        elif line.strip():
            out.append(f"<p>{line}</p>")
    return "<html><head><title>服务规范</title></head><body>" + "".join(out) + "</body></html>"


def _docx(text: str):
    """A Word document builder of `text`: "## " lines as Heading 1, "### " as Heading 2, others as paragraphs."""
    def build(path):
        document = docx.Document()
        for line in text.splitlines():
            if m := re.match(r"(#+)\s+(.*)", line):
                document.add_heading(m[2], level=len(m[1]) - 1)
            elif line.strip():
                document.add_paragraph(line)
        document.save(path)
    return build


def E(f=(), p=(), s=(), pt=()):
    """What a document states: forbidden phrases, prescribed lines, limits (value, unit) and points."""
    return {"f": set(f), "p": set(p), "s": set(s), "pt": sorted(pt)}


CASES = [
# --- slogans, mottos and service concepts in quotes
("motto_in_purpose", "规范.txt", "第一章 总则\n第一条 为践行“客户至上、服务第一”的服务理念，制定本规范。\n第二章 服务用语\n"
 "第五条 接听来电时应使用开头语：“您好，很高兴为您服务。”", E(p=["您好，很高兴为您服务。"])),
("motto_with_you", "规范.md", "## 一、服务宗旨\n\n秉承“用心服务，让您满意”的宗旨，持续提升服务品质。\n\n## 二、服务禁语\n\n严禁说“这事不归我管”。\n",
 E(f=["这事不归我管"])),
("concept_alone_under_purpose", "规范.txt", "一、服务理念\n“您的满意，是我们永远的追求。”\n二、规范用语\n1. 结束语：“感谢您的来电，再见！”\n三、附则",
 E(p=["感谢您的来电，再见！"])),
("slogan_please_thanks", "规范.md", "## 服务用语\n\n总体要求：做到“请字开头、谢字结尾”。\n\n1. 问候：“您好，请问有什么可以帮您？”\n",
 E(p=["您好，请问有什么可以帮您？"])),
("slogan_three_voices", "规范.txt", "第四条 服务中坚持“来有迎声、问有答声、去有送声”。\n第五条 来电须在振铃3声内接听。", E(s=[(3, "ring")])),
("slogan_run_once", "12345热线规范.txt", "第二条 落实“最多跑一次”改革要求，能电话办结的不让群众跑腿。\n第三条 直办件须在1个工作日内答复来电人。",
 E(s=[(1, "working_day")])),
("slogan_bureaucracy", "规范.txt", "第六条 坚决杜绝“门难进、脸难看、事难办”的衙门作风。\n第七条 不得对来电人说“这不归我们管”。",
 E(f=["这不归我们管"])),
("slogan_four_ones", "营业厅规范.md", "## 二、服务标准\n\n推行“四个一”服务：一张笑脸、一声问候、一杯热茶、一句道别。\n\n"
 "## 三、服务禁语\n\n- 没看见我在忙吗？\n- 你到底办不办？\n", E(f=["没看见我在忙吗？", "你到底办不办？"])),
("slogan_three_nos", "规范.txt", "第八条 坐席应做到“三不”：不推诿、不拖延、不搪塞。\n第九条 严禁使用“你听清楚没有”等语句。",
 E(f=["你听清楚没有"])),
("slogan_heart", "医院服务中心规范.html", "## 一、服务宗旨\n坚持“以患者为中心，让您就医更安心”的服务宗旨。\n"
 "## 二、预约服务用语\n开场：“您好，这里是预约挂号中心，请问您需要预约哪个科室？”", E(p=["您好，这里是预约挂号中心，请问您需要预约哪个科室？"])),
# --- names of systems, documents, buttons, statuses, campaigns and titles
("system_name", "规范.txt", "第三条 坐席应在“客户服务工单系统”中如实登记来电信息。\n第四条 坐席不得说“你自己去营业厅问”。",
 E(f=["你自己去营业厅问"])),
("book_titles", "细则.txt", "第一条 根据《中华人民共和国消费者权益保护法》和“《客户服务管理办法》”，制定本细则。\n"
 "第二条 客户投诉须在5个工作日内办结。", E(s=[(5, "working_day")])),
("status_names", "规范.md", "## 工单流转\n\n坐席办结后将工单状态由“处理中”改为“待回访”。\n\n回访须在办结后24小时内完成。\n",
 E(s=[(24, "hour")])),
("button_key", "规范.txt", "五、满意度评价\n坐席应提醒客户在通话结束后按“1”键参与满意度评价。\n六、服务用语\n结束语：“感谢您的耐心，祝您生活愉快！”",
 E(p=["感谢您的耐心，祝您生活愉快！"])),
("campaign_title", "规范.txt", "第十条 每月开展“服务之星”评选，获评坐席授予“金牌坐席”称号。\n第十一条 严禁对客户说“爱买不买”。",
 E(f=["爱买不买"])),
("chat_tools", "电商客服规范.txt", "第七条 坐席不得使用“微信”“QQ”等私人社交软件联系买家。\n第八条 不得回复买家“亲，这个没办法哦”。",
 E(f=["亲，这个没办法哦"])),
("sms_keyword", "规范.txt", "三、营销短信\n客户回复“TD”即可退订营销短信。\n四、服务禁语\n1. 这是系统规定，我也没办法。\n五、附则",
 E(f=["这是系统规定，我也没办法。"])),
("rating_word", "规范.txt", "第十二条 客户评价为“不满意”的工单，须在24小时内回访客户。", E(s=[(24, "hour")])),
("first_ask_system", "规范.md", "## 一、首问负责\n\n实行“首问负责制”和“一站式”服务。\n\n## 二、服务用语\n\n- 转接前：“请您稍等，我为您转接专业同事。”\n",
 E(p=["请您稍等，我为您转接专业同事。"])),
("docx_named_things", "规范.docx", _docx("## 第一章 总则\n第一条 为落实“客户第一”的要求，制定本规范。\n## 第二章 服务要求\n"
 "第五条 坐席应在“智能知识库”中查询答案，不得说“我也不清楚”。\n第六条 投诉须在3个工作日内回复客户。"),
 E(f=["我也不清楚"], s=[(3, "working_day")])),
# --- conduct named in quotes
("conduct_phenomenon", "规范.txt", "第九条 严禁出现“一问三不知”现象。\n第十条 严禁说“我不知道”。", E(f=["我不知道"])),
("conduct_manner", "规范.txt", "第九条 坐席不得使用“踢皮球”的方式推诿客户。\n第十条 坐席不得说“这个问题你找别人”。",
 E(f=["这个问题你找别人"])),
("conduct_attitude", "规范.md", "## 服务纪律\n\n严禁出现“冷、硬、顶、推”的服务态度。\n\n## 服务禁语\n\n1. 你怎么又打来了？\n",
 E(f=["你怎么又打来了？"])),
("conduct_kind_of_language", "规范.txt", "三、服务忌语\n说明：坐席应避免使用“推诿性”“命令性”语言。\n1. 这个不归我们管。\n2. 你必须今天办完。\n四、附则",
 E(f=["这个不归我们管。", "你必须今天办完。"])),
("conduct_you_vs_nin", "规范.txt", "第六条 称呼客户应使用“您”，不得使用“喂”开头。\n第七条 开头语：“您好，请问有什么可以帮您？”",
 E(f=["喂"], p=["您好，请问有什么可以帮您？"])),
("conduct_bureau_style", "规范.txt", "第十一条 严禁“吃拿卡要”，不得收受客户财物。\n第十二条 不得说“你找领导去吧”。",
 E(f=["你找领导去吧"])),
# --- a term in a definition
("define_first_ask", "规范.txt", "第二条 本规定所称“首问负责”，是指首位接听来电的坐席对客户诉求负责到底。\n"
 "第三条 首问坐席须在24小时内将处理进展告知客户。", E(s=[(24, "hour")])),
("define_repeat_call", "规范.txt", "一、术语\n“重复来电”是指同一客户就同一问题多次来电。\n二、服务时限\n咨询类诉求须在2个工作日内答复。",
 E(s=[(2, "working_day")])),
("define_words_with_you", "规范.md", "## 名词解释\n\n“您问我答”服务：坐席在线解答用户提问的服务。\n\n## 服务用语\n\n开场：“您好，请问有什么可以帮您？”\n",
 E(p=["您好，请问有什么可以帮您？"])),
# --- a customer's words in a scene
("customer_words_scene", "规范.txt", "第六条 客户来电称“我的银行卡被吞了”时，坐席应先安抚，并说：“请您不要着急，我马上为您处理。”",
 E(p=["请您不要着急，我马上为您处理。"])),
("customer_polite_words", "规范.txt", "第七条 客户表示“请你们领导给我回个电话”的，坐席应在2小时内安排回电。", E(s=[(2, "hour")])),
("customer_threat_and_ban", "规范.txt", "第八条 当客户说“我要向12315投诉”时，坐席应耐心解释，不得说“随便你去投诉”。",
 E(f=["随便你去投诉"])),
("customer_polite_question_scene", "规范.md", "## 服务用语\n\n客户询问“请问你们几点下班”时，坐席应答：“您好，我们的服务时间是每天9点至18点。”\n",
 E(p=["您好，我们的服务时间是每天9点至18点。"])),
("customer_line_in_dialogue", "规范.txt", "三、服务用语示例\n客户：“请问我的快递到哪儿了？”\n坐席：“请您提供一下运单号，我马上帮您查询。”\n四、附则",
 E(p=["请您提供一下运单号，我马上帮您查询。"])),
("customer_emotion_quote", "规范.txt", "第九条 客户情绪激动、反复说“我不管”时，坐席应说：“我非常理解您的心情，请您先别着急。”",
 E(p=["我非常理解您的心情，请您先别着急。"])),
("customer_asks_thanks", "燃气热线规范.txt", "第五条 来电人说“谢谢你们师傅”的，坐席应回应：“不客气，这是我们应该做的。”",
 E(p=["不客气，这是我们应该做的。"])),
("agent_soothes_caller", "规范.txt", "第十一条 客户抱怨时，坐席应耐心倾听，并安抚客户：“请您放心，我们一定给您一个满意的答复。”",
 E(p=["请您放心，我们一定给您一个满意的答复。"])),
("report_as_noun", "规范.txt", "第十二条 客户对我司报送的账单信息提出异议的，须在10日内书面答复。", E(s=[(10, "day")])),
("ban_on_saying_to_caller", "规范.txt", "第八条 对行动不便的来电人不得说“这点小事自己跑一趟”。", E(f=["这点小事自己跑一趟"])),
("scene_after_caller_waits", "规范.txt", "第七条 坐席应按以下用语服务：查询完毕、客户等候后说“感谢您的耐心等待，让您久等了。”",
 E(p=["感谢您的耐心等待，让您久等了。"])),
# --- an FAQ and a case box
("faq_customer_quote", "规范.md", "## 三、服务禁语\n\n严禁说“你们自己看说明书”。\n\n## 常见问题\n\n问：客户说“请帮我查一下话费”，坐席可以直接查吗？\n\n"
 "答：须先核实身份。\n", E(f=["你们自己看说明书"])),
("faq_restates_limit", "规范.html", "## 二、服务时限\n投诉须在48小时内回复客户。\n## 常见问题\n问：投诉多久能有答复？\n"
 "答：我们会在两天内给您答复。", E(s=[(48, "hour")])),
("case_box_bad", "规范.txt", "第十条 不得说“这个我也没办法”。\n【案例】坐席小王对客户说“你自己看着办吧”，引发客户投诉。",
 E(f=["这个我也没办法"])),
("case_box_good", "规范.md", "## 服务用语\n\n1. 致歉：“非常抱歉给您带来不便。”\n\n> 【优秀案例】坐席小李耐心解释：“请您放心，我们会一直跟进到底。”客户表示满意。\n",
 E(p=["非常抱歉给您带来不便。"])),
("case_heading", "规范.txt", "三、服务禁语\n严禁说“你听不懂吗”。\n四、典型案例\n某坐席在通话中说“请您不要再打来了”，被客户投诉至12345。\n五、附则",
 E(f=["你听不懂吗"])),
# --- words a machine plays
("ivr_menu", "规范.txt", "三、语音导航\n语音菜单提示：“话费查询请按1，业务办理请按2，人工服务请按0。”\n四、服务用语\n"
 "1. 开头语：“您好，XX号为您服务。”\n五、附则", E(p=["您好，XX号为您服务。"])),
("ivr_welcome", "燃气热线规范.md", "## 二、接听流程\n\n系统自动播放欢迎语：“您好，欢迎致电XX燃气客服热线。”\n\n坐席接起后须说：“您好，燃气热线，请问有什么可以帮您？”\n",
 E(p=["您好，燃气热线，请问有什么可以帮您？"])),
("ivr_queue_prompt", "规范.txt", "第十三条 排队时系统播报：“您好，坐席正忙，请您耐心等待。”\n第十四条 来电须在20秒内接通。",
 E(s=[(20, "second")])),
("ivr_html", "银行热线规范.html", "## 语音服务\n语音提示音：“请输入您的银行卡号，以#号键结束。”\n## 服务用语\n问候：“您好，请问有什么可以帮您？”",
 E(p=["您好，请问有什么可以帮您？"])),
# --- times that promise a caller nothing
("hours_5x8", "规范.txt", "二、服务渠道\n在线客服提供5×8小时服务（工作日9:00-17:00）。\n三、服务时限\n在线咨询须在30秒内首次响应。",
 E(s=[(30, "second")])),
("hours_7x24_channels", "规范.md", "## 二、服务渠道\n\n热线电话7×24小时受理客户咨询，在线客服每日8:00-22:00服务。\n\n## 三、服务时限\n\n来电须在15秒内接起。\n",
 E(s=[(15, "second")])),
("hours_range", "营业厅规范.txt", "第三条 营业厅服务时间为每日9:00至18:00，节假日照常营业。\n第四条 客户排队等候不超过15分钟。",
 E(s=[(15, "minute")])),
("hours_holiday_duty", "规范.txt", "第十五条 春节期间实行值班制，值班时间为8:00-20:00。\n第十六条 故障报修须在2小时内响应。", E(s=[(2, "hour")])),
("meal_break", "规范.txt", "五、劳动纪律\n坐席用餐时间每次不超过30分钟。\n坐席小休每次不超过10分钟，每班不超过2次。\n六、服务时限\n工单须在24小时内派发。",
 E(s=[(24, "hour")])),
("meal_break_in_rules", "规范.txt", "第八条 坐席就餐每次不超过40分钟，须错峰安排。\n第九条 来电须在振铃3声内接听。", E(s=[(3, "ring")])),
("toilet_break", "规范.md", "## 现场管理\n\n坐席离席如厕每次不超过5分钟，须在系统中置“小休”状态。\n\n## 服务时限\n\n邮件须在4小时内回复。\n",
 E(s=[(4, "hour")])),
("login_timeout", "规范.txt", "第十四条 坐席系统登录后15分钟内无操作的，自动锁屏。\n第十五条 来电须在15秒内接起。", E(s=[(15, "second")])),
("verification_code", "规范.txt", "第十六条 短信验证码5分钟内有效，坐席不得索要客户验证码。\n第十七条 挂失须在10分钟内办结。", E(s=[(10, "minute")])),
("coupon_validity", "电商客服规范.txt", "第二十条 补偿优惠券自发放之日起30日内有效。\n第二十一条 买家退款申请须在24小时内审核。", E(s=[(24, "hour")])),
("password_lock", "规范.txt", "第十八条 系统密码每90天更换一次，连续输错5次的，账户锁定30分钟。\n第十九条 咨询须在1个工作日内答复。",
 E(s=[(1, "working_day")])),
("session_timeout", "在线客服规范.txt", "第七条 在线会话中用户5分钟未回复的，系统自动结束会话。\n第八条 用户首次咨询须在30秒内响应。",
 E(s=[(30, "second")])),
("internal_report_daily", "规范.txt", "第十三条 班长每日17:00前向运营经理提交当日服务日报。\n第十四条 客户预约须在当日17:00前回复客户。",
 E(s=[(17, "clock")])),
("sampling_period", "规范.txt", "第十五条 质检员每周抽检每名坐席录音不少于5通，抽检结果于次周一公布。\n第十六条 回访须在办结后3日内完成。",
 E(s=[(3, "day")])),
("recording_playback", "规范.txt", "第十七条 调听录音须提前1个工作日提交申请。\n第十八条 客户查询通话记录的，须在2个工作日内提供。",
 E(s=[(2, "working_day")])),
("record_retention_months", "规范.txt", "六、信息安全\n在线会话记录保存6个月，工单资料保存3年。\n七、服务时限\n工单须在3个工作日内办结。",
 E(s=[(3, "working_day")])),
("implementation_trial", "规范.txt", "第二十条 工单须在5个工作日内办结。\n第二十一条 本规范自2026年1月1日起试行，试行期6个月。", E(s=[(5, "working_day")])),
("exam_duration", "规范.txt", "五、上岗考试\n考试时长90分钟，满分100分。\n六、服务时限\n来电须在20秒内接起。", E(s=[(20, "second")])),
("shadowing_days", "规范.txt", "第十条 新员工须完成为期7天的跟班学习，期满考核合格后上岗。\n第十一条 投诉须在5个工作日内办结。",
 E(s=[(5, "working_day")])),
("repealed_old_ring", "规范.txt", "第三条 来电须在振铃3声内接听。\n第三十条 自本规范施行之日起，振铃5声内接听的旧标准不再适用。", E(s=[(3, "ring")])),
("repealed_quoted", "规范.txt", "第四条 投诉须在24小时内回复客户。\n第三十一条 原办法中“投诉48小时内回复”的要求同时废止。", E(s=[(24, "hour")])),
("old_in_brackets", "规范.txt", "第四条 来电须在振铃3声内接听（原为5声）。", E(s=[(3, "ring")])),
("repealed_stop", "规范.md", "## 服务时限\n\n工单须在2个工作日内回访。\n\n## 附则\n\n原“3个工作日内回访”的规定停止执行。\n", E(s=[(2, "working_day")])),
("time_said_in_line", "规范.txt", "第六条 派单后应告知客户：“维修师傅将在2小时内与您联系，请您保持电话畅通。”",
 E(p=["维修师傅将在2小时内与您联系，请您保持电话畅通。"])),
("time_said_hold", "规范.md", "## 服务用语\n\n- 查询前：“请您稍等，大约需要2分钟。”\n", E(p=["请您稍等，大约需要2分钟。"])),
# --- a rule retold in a note, a recap or a summary table
("note_retells", "规范.txt", "第五条 退款须在3个工作日内原路退回。\n注：上述退款时限为3个工作日，节假日顺延。", E(s=[(3, "working_day")])),
("summary_table_heading", "规范.md", "## 一、服务时限\n\n故障报修须在24小时内修复。\n\n咨询须在1个工作日内答复。\n\n## 二、时限一览\n\n"
 "| 业务 | 时限 |\n|---|---|\n| 故障报修 | 24小时 |\n| 咨询 | 1个工作日 |\n", E(s=[(24, "hour"), (1, "working_day")])),
("recap_line", "规范.txt", "第五条 投诉须在5个工作日内办结。\n第六条 咨询须在1个工作日内答复。\n本章小结：投诉5个工作日内办结，咨询1个工作日内答复。",
 E(s=[(5, "working_day"), (1, "working_day")])),
("summary_annex", "规范.txt", "第五条 故障报修须在24小时内修复。\n附表 服务时限汇总\n业务 | 时限\n故障报修 | 24小时",
 E(s=[(24, "hour")])),
("promise_slogan", "规范.md", "## 服务承诺\n\n“您的诉求，我们件件有回音。”\n\n投诉须在3个工作日内回复客户。\n", E(s=[(3, "working_day")])),
("course_name", "规范.txt", "第十二条 每季度组织“金牌话术”专题培训，每次不少于4学时。\n第十三条 客户留言须在24小时内回电。",
 E(s=[(24, "hour")])),
("knowledge_base_update", "规范.txt", "第十四条 新政策发布后，知识库须在24小时内完成更新并推送至全体坐席。\n第十五条 咨询工单须在2个工作日内办结。",
 E(s=[(2, "working_day")])),
("sign_in", "规范.txt", "五、现场纪律\n坐席登录系统后须在5分钟内完成签入，示忙状态每次不超过3分钟。\n六、服务时限\n来电须在15秒内接起。",
 E(s=[(15, "second")])),
("past_results", "规范.txt", "第二条 2025年中心客户满意度达到95.6%，较上年提升1个百分点。\n第三条 来电须在20秒内接起。", E(s=[(20, "second")])),
("peak_hours", "规范.md", "## 话务概况\n\n热线月均来电约12万通，高峰时段为9:00-11:00。\n\n## 服务时限\n\n回访须在办结后2日内完成。\n", E(s=[(2, "day")])),
("escalation_callback", "规范.txt", "第九条 值班经理接到升级工单后须在15分钟内回电客户。\n第十条 热线坐席实行“首问负责、限时办结”。",
 E(s=[(15, "minute")])),
("quoted_example_misuse", "规范.txt", "第六条 坐席说“您好”后未报工号的，视为开头语不完整。\n第七条 开头语：“您好，XX号为您服务，请问有什么可以帮您？”",
 E(p=["您好，XX号为您服务，请问有什么可以帮您？"])),
("login_early", "规范.txt", "第五条 坐席须提前10分钟登录系统，做好接听准备。\n第六条 来电须在振铃3声内接听。", E(s=[(3, "ring")])),
("system_closes_ticket", "规范.txt", "第七条 客户确认办结后，工单系统在72小时后自动关闭。\n第八条 投诉须在5个工作日内办结。", E(s=[(5, "working_day")])),
("patrol_every_hours", "规范.txt", "第九条 班组长每2小时巡检一次现场，并在下班前30分钟完成交接。\n第十条 留言须在1个工作日内回电。",
 E(s=[(1, "working_day")])),
("monthly_report_internal", "规范.txt", "第十一条 质检组须在每月最后一个工作日前完成月度质检报告。\n第十二条 工单须在2个工作日内回访。",
 E(s=[(2, "working_day")])),
("rating_grades", "规范.md", "## 满意度评价\n\n评价分为“非常满意”“满意”“一般”“不满意”四档。\n\n## 服务用语\n\n- 结束语：“感谢您的来电，请对我的服务进行评价。”\n",
 E(p=["感谢您的来电，请对我的服务进行评价。"])),
("quoted_heading_slogan", "规范.md", "## 一、“五心”服务标准\n\n用心倾听、耐心解答、细心记录、诚心致歉、贴心回访。\n\n## 二、服务时限\n\n投诉须在24小时内首次联系客户。\n",
 E(s=[(24, "hour")])),
("principle_label", "规范.txt", "三、服务用语\n用语原则：“简洁、准确、礼貌”。\n1. 问候：“您好，请问有什么可以帮您？”\n四、附则",
 E(p=["您好，请问有什么可以帮您？"])),
("ban_on_reply_after_caller", "规范.md", "## 服务忌语\n\n客户说“我要投诉你”时，不得回应“随便你”。\n", E(f=["随便你"])),
("hours_table_promise", "规范.md", "## 服务时间\n\n| 渠道 | 服务时间 |\n|---|---|\n| 热线 | 7×24小时 |\n| 营业厅 | 9:00-17:00 |\n\n"
 "## 服务时限\n\n来电须在20秒内接起。\n", E(s=[(20, "second")])),
("html_faq_customer", "退款规范.html", "## 一、退款时限\n退款须在3个工作日内原路退回。\n## 常见问题\n问：用户说“请帮我退款”怎么处理？\n"
 "答：核实订单后提交退款，3个工作日内原路退回。", E(s=[(3, "working_day")])),
("docx_ivr_and_dialogue", "热线规范.docx", _docx("## 一、语音导航\n语音导航提示：“普通话服务请按1，英语服务请按2。”\n## 二、服务用语\n"
 "客户：“你好，我想查一下账单。”\n坐席：“好的，请您提供一下手机号码，我马上为您查询。”"),
 E(p=["好的，请您提供一下手机号码，我马上为您查询。"])),
("leak_fields", "规范.txt", "第十五条 严禁泄露客户“身份证号”“银行卡号”等个人信息。\n第十六条 严禁说“你的信息我们随便查”。", E(f=["你的信息我们随便查"])),
("private_orders", "规范.txt", "第十七条 严禁出现“飞单”“私单”等违规行为。\n第十八条 不得对客户说“找我私下办更便宜”。", E(f=["找我私下办更便宜"])),
("fee_tiers", "客运规范.txt", "第九条 退票手续费：开车前48小时以上不足8天的按票价5%计；24小时以上不足48小时的按票价10%计。\n"
 "第十条 退票款逾期未到账的，坐席须在1个工作日内回复旅客。", E(s=[(1, "working_day")])),
("share_of_the_rent", "租赁规范.txt", "第六条 提前退租的，收取当月租金的20%作为违约金。\n第七条 报修须在4小时内响应。", E(s=[(4, "hour")])),
("items_kept", "物业规范.txt", "第八条 前台对拾得物品的保管期限为30日。\n第九条 业主投诉须在24小时内回复。", E(s=[(24, "hour")])),
("orders_described", "家政规范.txt", "第五条 上门前3小时以内取消的订单，收取20元空跑费。\n第六条 退款须在2个工作日内审核。",
 E(s=[(2, "working_day")])),
("mentor_period", "规范.txt", "第十九条 新员工带教期为1个月，带教老师每周点评录音不少于3通。\n第二十条 来电须在15秒内接起。", E(s=[(15, "second")])),
# --- trades, with their own rules beside
# (Round the clock in an article of its own is a level promised, as the development folders label it; under a heading
# on opening hours, channels or general provisions it is when the centre is open.)
("bank_card", "银行信用卡中心规范.txt", "第一条 坚持“以客户为中心”的经营理念。\n第二条 挂失须在来电后5分钟内办结。\n"
 "第三条 不得对持卡人说“你自己去柜台办”。\n第四条 信用卡中心服务热线提供7×24小时服务。", E(f=["你自己去柜台办"], s=[(5, "minute")])),
("telecom_outage", "运营商客服规范.md", "## 一、总则\n\n本规范所称“重大故障”是指影响1000户以上的网络中断。\n\n## 二、服务时限\n\n"
 "重大故障须在2小时内通过短信告知受影响用户。\n\n## 三、服务禁语\n\n- 网络的事我们也管不了。\n", E(f=["网络的事我们也管不了。"], s=[(2, "hour")])),
("utility_outage_notice", "供水热线规范.txt", "第五条 计划停水须提前24小时通知用户。\n第六条 抢修人员实行“24小时待命”制度。", E(s=[(24, "hour")])),
("airline_delay", "航空客服规范.txt", "第八条 航班延误的，须在获知后30分钟内通知旅客。\n第九条 客服中心年度旅客满意度目标为95%。\n"
 "第十条 不得对旅客说“延误又不是我们造成的”。", E(f=["延误又不是我们造成的"], s=[(30, "minute")])),
("logistics_pickup", "快递客服规范.txt", "三、服务时限\n1. 上门取件须在下单后2小时内完成。\n2. 快件丢失须在3个工作日内给出赔付方案。\n"
 "四、服务理念\n“使命必达”是我们的承诺。\n五、附则", E(s=[(2, "hour"), (3, "working_day")])),
("insurer_hotline", "保险客服规范.html", "## 一、服务理念\n坚持“诚信、专业、温暖”的服务理念。\n## 二、服务时限\n"
 "报案后须在30分钟内联系客户。\n## 三、服务禁语\n严禁对客户说“这个不在理赔范围，别问了”。",
 E(f=["这个不在理赔范围，别问了"], s=[(30, "minute")])),
("school_hotline", "学校招生热线规范.txt", "第一条 热线工作时间为工作日8:30-17:30。\n第二条 家长留言须在1个工作日内回电。\n"
 "第三条 坐席应使用规范用语：“您好，这里是招生咨询热线，请问有什么可以帮您？”",
 E(p=["您好，这里是招生咨询热线，请问有什么可以帮您？"], s=[(1, "working_day")])),
("hospital_hours", "医院客服规范.md", "## 一、服务时间\n\n预约挂号服务时间为每日7:00-21:00，急诊7×24小时开放。\n\n## 二、服务时限\n\n"
 "患者投诉须在3个工作日内反馈处理结果。\n", E(s=[(3, "working_day")])),
("gov_hotline_slogan", "12345热线规范.docx", _docx("## 第一章 总则\n第一条 坚持“接诉即办”，做到“事事有回音”。\n## 第二章 办理时限\n"
 "第五条 一般诉求须在5个工作日内答复来电人。\n第六条 热线坐席实行四班三运转，每班8小时。"), E(s=[(5, "working_day")])),
("ecommerce_response", "电商客服规范.html", "## 一、服务要求\n买家咨询须在30秒内首次响应。\n在线客服工作时间为9:00-24:00。\n"
 "## 二、服务禁语\n不得回复买家“爱买不买”。", E(f=["爱买不买"], s=[(30, "second")])),
("property_hotline", "物业客服规范.txt", "第四条 业主报修须在30分钟内响应，2小时内上门。\n第五条 客服前台实行“首接负责制”。\n"
 "第六条 客服人员每日8:00前到岗，参加10分钟班前会。", E(s=[(30, "minute"), (2, "hour")])),
("docx_hours_and_rules", "热线规范.docx", _docx("## 一、服务时间\n热线服务时间为周一至周五9:00-18:00，在线客服提供5×8小时服务。\n"
 "## 二、服务时限\n来电须在振铃3声内接听。\n客户留言须在24小时内回电。\n## 三、服务禁语\n严禁说“你打错了”。"),
 E(f=["你打错了"], s=[(3, "ring"), (24, "hour")])),
]


@pytest.mark.parametrize(("name", "text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_non_rules_beside_rules(tmp_path, name, text, expected):
    if callable(text):  # a Word document built paragraph by paragraph
        text(tmp_path / name)
        book = drafted_file(tmp_path / name)
    else:
        book = drafted(tmp_path, text if not name.endswith(".html") else _html(text), name)
    assert {match_key(e.text) for e in book.forbidden_phrases} == {match_key(t) for t in expected["f"]}
    assert {match_key(e.text) for e in book.scenario_phrases} == {match_key(t) for t in expected["p"]}
    assert {(s.value, s.unit) for s in book.slas} == {(float(v), u) for v, u in expected["s"]}
    assert sorted(p.points for p in book.points) == expected["pt"]
