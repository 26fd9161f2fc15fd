import re
from pathlib import Path

import pytest

from knowledge.chunks import MAX_CHARS, chunk_document, split_sentences
from knowledge.outline import line_level
from knowledge.clean import CleanDoc, clean_document, clean_sources
from knowledge.documents import read_document
from knowledge.normalize import match_key, to_simplified

SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"

BOILERPLATE = ["jbo", "竞博", "VIP", "下载", "原创力", "book118", "装配图网", "人人文库", "上传人", "文档编号", "网站地图", "版权说明", "展开阅读全文", "温馨提示", "baidusnap"]
SPUN = ["效劳", "歉仄", "讨教", "贫困您", "治理步伐", "本步伐", "竣事语", "谛听", "下令语", "榨取", "处置惩罚", "找向导", "不敷", "很是", "适才", "起劲性", "配适时", "不确准时", "一准时", "诠释", "纪录", "一般话"]
PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
PAGE = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页")


@pytest.fixture(scope="module")
def docs() -> list[CleanDoc]:
    return clean_sources(SOURCES)


@pytest.fixture(scope="module")
def chunks(docs):
    return [chunk for doc in docs for chunk in chunk_document(doc)]


def test_no_chunk_carries_noise(chunks):
    for chunk in chunks:
        for word in BOILERPLATE + SPUN + ["旳", "??", "</"]:
            assert word not in chunk.text, (word, chunk.source, chunk.article, chunk.text)
        assert not PAGE.search(chunk.text), chunk.text
        assert not PINYIN.search(chunk.text), chunk.text
        assert to_simplified(chunk.text) == chunk.text, chunk.text
        assert to_simplified(chunk.article) == chunk.article


def test_chunks_cite_and_fit(chunks, docs):
    assert {chunk.source for chunk in chunks} == {doc.name for doc in docs}
    for chunk in chunks:
        assert chunk.text.strip() and chunk.source.endswith(".txt")
        assert len(chunk.text) <= MAX_CHARS
    ids = [chunk.id for chunk in chunks]
    assert len(ids) == len(set(ids))


def test_ids_are_deterministic(docs):
    assert [c.id for c in chunk_document(docs[1])] == [c.id for c in chunk_document(docs[1])]


def test_no_text_is_lost(docs):
    for doc in docs:
        joined = match_key("".join(chunk.text for chunk in chunk_document(doc)))
        for line in doc.text.split("\n"):
            key = match_key(line)
            # Only pure headings (carried in the article path) may be absent from chunk text.
            if len(key) > 25:
                assert key[:40] in joined, (doc.name, line)


@pytest.mark.parametrize(
    "scenario, phrase",
    [
        ("当客户反映我怎么那么长时间都打不进来时", "很抱歉，让您久等了，请问有什么可以帮您？"),
        ("未听清客户问题时", "很抱歉，请您将刚才的问题重复一遍好吗？"),
        ("客户有所建议时", "谢谢您的建议，我会向上级反映"),
    ],
)
def test_table_rows_are_single_chunks(chunks, scenario, phrase):
    found = [c for c in chunks if f"场景：{scenario}；服务用语：{phrase}" in c.text]
    assert len(found) == 1
    assert found[0].text.count("场景：") == 1
    assert found[0].article.startswith("热线接听服务管理办法 > 第四章 服务要领 > 第十六条 服务用语 > ")


def test_every_forbidden_phrase_row_is_its_own_chunk(chunks):
    rows = [c for c in chunks if "服务禁语：" in c.text]
    assert len(rows) == 28
    assert all(c.article.endswith(f"序号{i}") for i, c in enumerate(rows, 1))


@pytest.mark.parametrize(
    "source, needle, article",
    [
        ("001", "专心聆听客户的语义", "热线接听服务管理办法 > 第四章 服务要领 > 第十一条 聆听"),
        ("004", "退款操作需在3个工作日内完成", "纺织品客户服务规定 > 二、服务流程 > (三)售后服务"),
        ("002", "请问有什么能够帮您", "紫金400电话管理细则 > 七、标准用语 > 1、开头语 > 呼入"),
        ("002", "公司提供的业务电话仅限于办公使用", "业务电话使用管理制度 > 第二章 业务电话的使用 > 第三条"),
        # An item's name ends at a space or at a glued sub-item, so a second "(1)" list is told apart.
        ("003", "言行举止", "客服基础知识 > 二、客服技能技巧 > (1)良好的语言表达能力"),
        # Short numbered items may share a chunk, whose citation then names every one of them.
        ("002", "尽量在3个铃声内接听", "企业400客户服务电话使用管理制度 > 五、客户服务电话的使用规范 > 1.电话接听 + 2.电话转接 + 3.电话回拨"),
        # A section name ended by a colon, in a file that starts mid-document (no title to lean on).
        ("000", "1分即为2元", "五、备注"),
        # A document whose title was glued to its first sentence starts a heading path of its own.
        ("002", "由提报办事处出具书面建议", "Xxxx有限公司市场事业部对内联络管理规范细则 > 1、技术或产品改进建议"),
    ],
)
def test_heading_paths(chunks, source, needle, article):
    hits = [c for c in chunks if c.source.startswith(source) and needle in c.text]
    assert hits and hits[0].article == article


@pytest.mark.parametrize(
    "line, level",
    [
        ("热线接听服务管理办法", 0.0),
        ("第四章 服务要领", 1.0),
        ("七、标准用语", 1.0),
        ("四、400电话使用管理规定", 1.0),
        ("第十六条 服务用语", 2.0),
        ("(一)基础服务用语", 3.0),
        ("1、开头语", 4.0),
        ("3.1.2操作流程。", 4.2),
        ("(1)在24小时内回复客户的邮件或在线咨询。", 5.0),
        ("-退款操作需在3个工作日内完成。", 6.0),
        ("呼入：", 4.5),
        ("语音要求", 1.5),
        ("400电话是与客户沟通及提供服务的重要途径之一，也是提高公司业绩的重要渠道。", 9.0),
    ],
)
def test_line_levels(line, level):
    assert line_level(line) == pytest.approx(level)


def test_long_text_splits_at_sentences():
    text = "客服人员要热情、周到、真诚的为顾客服务。" * 40
    pieces = split_sentences(text)
    assert all(len(p) <= MAX_CHARS and p.endswith("。") for p in pieces)
    assert "".join(pieces) == text


@pytest.mark.parametrize("text", ["", "😀", "第一章", "a" * 5000])
def test_odd_documents(text):
    chunks = chunk_document(CleanDoc(name="odd.txt", text=text))
    assert all(len(c.text) <= MAX_CHARS for c in chunks)


REGULATIONS = Path(__file__).parent / "regulations"
ARTICLE_LINE = re.compile(r"^第[一二三四五六七八九十百零]+条", re.M)


@pytest.fixture(scope="module")
def dev_docs() -> list[CleanDoc]:
    return [clean_document(p.read_text(encoding="utf-8"), p.name) for p in sorted(REGULATIONS.glob("*.txt"))]


def test_no_chunk_spans_two_articles_and_each_names_its_article(docs, dev_docs):
    for doc in [*docs, *dev_docs]:
        for chunk in chunk_document(doc):
            articles = ARTICLE_LINE.findall(chunk.text)
            assert len(articles) <= 1, (doc.name, chunk.article)
            assert all(a in chunk.article for a in articles), (doc.name, chunk.article)


def test_a_short_chapter_is_cut_at_its_articles():
    doc = CleanDoc(name="bank.txt", text="信用卡中心热线规范\n第四章 争议处理\n第十一条 客户对交易有异议的，应耐心解释。\n"
                   "第十二条 客户申请调单的，应在7个工作日内反馈调单结果。\n第十三条 争议处理结果应告知客户。")
    hit = next(c for c in chunk_document(doc) if "调单" in c.text)
    assert hit.article == "信用卡中心热线规范 > 第四章 争议处理 > 第十二条"


@pytest.mark.parametrize("name, needle, article", [
    ("insurance_hotline.txt", "理赔进度", "第二章 接听与响应 > 第四条"),
    ("property_management.txt", "紧急报修", "第二章 服务时限 > 第三条"),
    ("airline_contact_centre.txt", "你听不懂吗", "三、服务用语 > (二)服务忌语"),
    ("hospital_appointments.txt", "退号", "第一部分服务要求 > 三、"),
    ("logistics_service_centre.txt", "你急也没用", "三、服务用语规范 > (四)服务禁用语"),
])
def test_dev_regulation_hits_cite_the_item(dev_docs, name, needle, article):
    doc = next(d for d in dev_docs if d.name == name)
    hits = [c for c in chunk_document(doc) if needle in c.text]
    assert hits and hits[0].article.endswith(article)


@pytest.mark.parametrize("line, level", [
    ("服务忌语 | 替代用语", 9.0), ("违规情形 | 扣分", 9.0), ("客服人员严禁使用以下服务禁用语：", 4.5),
    ("第一部分服务要求", 0.5), ("第二节 投诉处理", 1.5),
])
def test_table_rows_and_list_intros_are_not_headings(line, level):
    assert line_level(line) == pytest.approx(level)


@pytest.mark.parametrize("header, rows", [
    ("服务忌语 | 替代用语", [(f"这事我管不了，第{i}次说了你自己去营业厅问清楚再打过来", f"非常抱歉，我帮您联系营业厅核实第{i}项业务，稍后回电告诉您结果") for i in range(1, 9)]),
    ("违规情形 | 扣分", [(f"第{i}类情形：未按规定向患者说明预约挂号退号流程及注意事项的", f"每次扣{i}分") for i in range(1, 12)]),
])
def test_a_long_table_repeats_its_column_names_in_every_chunk(header, rows):
    lines = [f"{a} | {b}" for a, b in rows]
    doc = CleanDoc(name="规范.txt", text="\n".join(["客服规范", "第八条 服务用语见下表：", header, *lines, "第九条 本规范自印发之日起施行。"]))
    pieces = [c for c in chunk_document(doc) if any(line in c.text for line in lines)]
    assert len(pieces) > 1
    assert all(c.text.startswith(header) and "第八条" in c.article and len(c.text) <= MAX_CHARS for c in pieces)
    assert sum(c.text.count(line) for c in pieces for line in lines) == len(lines)


@pytest.mark.parametrize("text, needle, cited", [
    ("宽带服务手册\n一、服务承诺时限\n1. 热线接听\n来电振铃不超过4声接听。\n2. 装机与移机\n城区新装宽带在受理后48小时内上门安装。\n"
     "3. 故障修复\n城区故障24小时内修复。", "48小时", "一、服务承诺时限 > 2. 装机与移机"),
    ("医院预约中心规范\n二、服务时限\n（一）预约：网上预约应在提交后10分钟内确认。\n（二）退号：就诊前一日17时前可退号。\n"
     "（三）投诉：患者投诉应在1个工作日内回复。", "退号", "（二）退号"),
])
def test_a_short_chapter_is_cut_at_its_numbered_items(text, needle, cited):
    hit = next(c for c in chunk_document(CleanDoc(name="规范.txt", text=text)) if needle in c.text)
    assert cited in hit.article


def test_merged_short_items_are_each_named():
    doc = CleanDoc(name="物业.txt", text="物业客服标准\n三、服务用语\n（一）接听时，应说：“您好，物业服务中心。”\n"
                   "（二）报修时，应说：“请您留一下房号。”\n（三）结束时，应说：“感谢您的来电，再见。”")
    chunks = [c for c in chunk_document(doc) if "房号" in c.text]
    assert len(chunks) == 1
    assert all(marker in chunks[0].article for marker in re.findall(r"（[一二三]）", chunks[0].text))


@pytest.mark.parametrize("text, items", [
    ("医院预约中心规范\n五、考核\n有下列情形之一的，每次扣3分：\n未告知患者就诊须知\n预约信息登记错误\n六、附则",
     ["未告知患者就诊须知", "预约信息登记错误"]),
    ("燃气热线标准\n第九条 座席人员严禁使用下列用语：\n没气了找物业去\n燃气费又不是我定的\n第十条 本标准自印发之日起施行。",
     ["没气了找物业去", "燃气费又不是我定的"]),
])
def test_short_lines_listed_under_a_lead_in_are_no_headings(text, items):
    chunks = chunk_document(CleanDoc(name="规范.txt", text=text))
    for item in items:
        hit = next(c for c in chunks if item in c.text)
        assert item not in hit.article


@pytest.mark.parametrize("text, needle, cited", [
    ("证券客服办法\n第三章 服务时限\n第八条 受理业务时应按下列要求办理：\n一、账户类业务\n（一）密码重置：身份核验通过后当场重置。\n"
     "二、资金类业务\n（一）转账未到账的，次一交易日告知客户。\n第九条 客户要求回拨的，应在30分钟内回拨。", "转账未到账", ("第八条", "二、资金类业务")),
    ("物流客服规范\n第五条 理赔按下列规定处理：\n一、破损\n外包装破损的，应拍照留存。\n二、丢失\n确认丢失的，3个工作日内赔付。\n"
     "第六条 本规范自印发之日起施行。", "确认丢失", ("第五条", "二、丢失")),
])
def test_cn_numbered_parts_inside_an_article_stay_in_it(text, needle, cited):
    article, part = cited
    chunks = chunk_document(CleanDoc(name="规范.txt", text=text))
    hit = next(c for c in chunks if needle in c.text)
    assert article in hit.article and (part in hit.article or part in hit.text)
    # The article after it is no part of "二、…": the parts never turned into chapters.
    assert all(part not in c.article for c in chunks if c.text.startswith(("第六条", "第九条")))


def test_cn_numbered_chapters_above_articles_still_enclose_them():
    doc = CleanDoc(name="规范.txt", text="热线规范\n一、总则\n第一条 为规范热线服务，制定本规范。\n第二条 本规范适用于全体座席。\n"
                   "二、服务时限\n第三条 来电应在振铃3声内接听。")
    hit = next(c for c in chunk_document(doc) if "振铃" in c.text)
    assert "二、服务时限" in hit.article and "第三条" in hit.article and "第二条" not in hit.article


@pytest.mark.parametrize("line", ["“爱买不买”", "“差评随便你”；", "\"这个我们不管\""])
def test_a_quoted_line_is_speech_not_a_heading(line):
    assert line_level(line) == pytest.approx(9.0)


def test_a_quoted_list_stays_in_its_article():
    doc = CleanDoc(name="规范.txt", text="电商客服规则\n第十条 禁用语 客服人员严禁使用以下禁用语：\n“爱买不买”\n“差评随便你”\n"
                   "“页面写得很清楚，自己看”\n第十一条 客服人员不得诱导好评返现。")
    for needle in ("爱买不买", "差评随便你"):
        hit = next(c for c in chunk_document(doc) if needle in c.text)
        assert "第十条" in hit.article and needle not in hit.article


def test_a_web_page_keeps_no_navigation_sidebar_or_footer(tmp_path):
    page = tmp_path / "规则.html"
    page.write_text("<html><body><nav><ul><li>首页</li><li>规则中心</li></ul></nav><main><h1>平台客服规则</h1>"
                    "<h3>第三条 响应</h3><p>客服首次响应时间不超过30秒。</p></main><aside><h4>相关规则</h4><ul><li>评价规则</li>"
                    "</ul></aside><footer><p>关于我们 | 隐私政策</p></footer></body></html>", encoding="utf-8")
    doc = clean_document(read_document(page).text, page.name)
    text = "\n".join(c.article + c.text for c in chunk_document(doc))
    assert "30秒" in text and not any(word in text for word in ("规则中心", "相关规则", "评价规则", "隐私政策"))


@pytest.mark.parametrize("text, article, reference", [
    ("宽带质检手册\n第十条 忌语见附表。\n第十一条 座席扣分：使用本手册第十条所列忌语的，一次性扣5分；与用户争吵的，扣除当月绩效10分。",
     "第十一条", "扣除当月绩效10分"),
    ("银行热线细则\n第五条 办理挂失应核验身份。\n第六条 违反第五条规定的，每次扣2分，并通报批评。", "第六条", "通报批评"),
    ("燃气客服标准\n第三条 抢修时限见第四条、第五条。\n第四条 城区抢修人员30分钟内到达现场。", "第三条", "第五条"),
])
def test_a_reference_to_another_article_stays_in_its_sentence(text, article, reference):
    chunks = chunk_document(clean_document(text, "规范.txt"))
    hit = next(c for c in chunks if reference in c.text)
    assert hit.article.endswith(article) and hit.text.startswith(article)
