from pathlib import Path

import pytest

from knowledge.boilerplate import drop_boilerplate, is_boilerplate, strip_debris
from knowledge.clean import (
    CleanDoc,
    clean_document,
    clean_sources,
    join_page_breaks,
    join_wrapped_lines,
    repair_encoding,
    split_structure,
    tidy_punctuation,
)
from knowledge.duplicates import drop_repeated_blocks, drop_repeated_paragraphs
from knowledge.report import ingest_report
from knowledge.synonyms import Replacement, load_replacements, restore
from knowledge.tables import format_tables

SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"


@pytest.fixture(scope="module")
def docs() -> dict[str, CleanDoc]:
    return {doc.name[:3]: doc for doc in clean_sources(SOURCES)}


@pytest.mark.parametrize(
    "line",
    [
        "- 1、本文档共5页,可阅读全部内容。",
        "- 5、该文档为VIP文档,如果想要下载,成为VIP会员后,下载免费。",
        "上传人:卷*** 文档编号:133338819 上传时间:2022-08-10 格式:DOC 页数:10 大小:24KB",
        "收藏 版权申诉 举报 下载",
        "客服基础知识_第1页",
        "第1页 / 共10页",
        "- 格式:docx",
        "- 文档页数:6",
        "jbo竞博·(电竞)Dota2、LoL、CSGO等电竞赛事竞猜",
        "【网站地图】",
        "版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领",
        "《客服基础知识》由会员分享,可在线阅读,更多相关《客服基础知识(10页珍藏版)》请在装配图网上搜索。",
    ],
)
def test_site_lines_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "第十九条 本步伐诠释权归效劳稽察部",
        "4、工作时间内的400来电都应及时记录来电事项及内容",
        "2.检查时间:每日/1次",
        "第一条 为贯彻公司服务工作标准",
    ],
)
def test_regulation_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("footer", ["您可能关注的文档", "展开阅读全文", "温馨提示:", "最新文档", "文档评论(0)"])
def test_footer_cuts_the_rest(footer):
    lines = ["第一条 本规定适用于公司全体员工。", footer, "- 坚持不懈走向成功.doc", "关于我们 - 网站声明"]
    kept, dropped = drop_boilerplate(lines)
    assert kept == lines[:1]
    assert dropped == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1愤怒 2焦急 3a name=baidusnap0/a悲伤/B 4喧哗", "1愤怒 2焦急 3悲伤 4喧哗"),
        ("现制订济南jbo竞博投资控股集团热线职员接听效劳治理步伐。", "现制订公司热线职员接听效劳治理步伐。"),
        ("确保客户权益。</p>", "确保客户权益。"),
    ],
)
def test_inline_debris(text, expected):
    assert strip_debris(text)[0] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("內(nèi)容提供方", "內容提供方"),
        ("紡織品客戶服務規(guī)定", "紡織品客戶服務規定"),
        ("-退換貨:提供便捷的退換貨流程,確??蛻魴嘁?。", "-退換貨:提供便捷的退換貨流程,確保客戶權益。"),
        ("流程,確??蛻魴嘁妗?/p>", "流程,確保客戶權益。"),
        ("-提供不同角度的產(chǎn)品圖片,確??蛻羧媪私猱a(chǎn)品。", "-提供不同角度的產品圖片,確保客戶全面了解產品。"),
        ("(1)提供详细的产品规格(根据产品保修政策)", "(1)提供详细的产品规格(根据产品保修政策)"),
    ],
)
def test_repair_encoding(text, expected):
    assert repair_encoding(text)[0] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("为贯彻公司效劳事情标准,,,,切实热线职员岗位职责,,,, 引发员工", "为贯彻公司效劳事情标准，切实热线职员岗位职责，引发员工"),
        ("现制订热线职员接听效劳治理步伐。。。。。。", "现制订热线职员接听效劳治理步伐。"),
        ("(一)专心谛听客户的语义;;;; ;;", "(一)专心谛听客户的语义；"),
        ("请讲/讨教有什么可以帮您??? 当客户", "请讲/讨教有什么可以帮您？当客户"),
        ("(一语言的方法比语言的内容更具有影响力", "(一)语言的方法比语言的内容更具有影响力"),
        ("(三语速:适中", "(三)语速：适中"),
        ("正常工作时间为周一至周五9:00—12:00", "正常工作时间为周一至周五9:00—12:00"),
        ("第一行,,,,\n第二行。。。。。。\n第三行", "第一行，\n第二行。\n第三行"),
    ],
)
def test_tidy_punctuation(text, expected):
    assert tidy_punctuation(text) == expected


def test_broken_wraps_are_joined():
    lines = ["第十条 四个一样:生人熟人一个样、有无检查一个样、工", "作忙闲一个样、情绪优劣一个样。", "第四章 服务要领"]
    assert join_wrapped_lines(lines) == [
        "第十条 四个一样:生人熟人一个样、有无检查一个样、工作忙闲一个样、情绪优劣一个样。",
        "第四章 服务要领",
    ]
    assert join_wrapped_lines(["“XX先生/女士,您好,这里是紫金金行。", "”"]) == ["“XX先生/女士,您好,这里是紫金金行。”"]
    # Headings and numbered items are never glued to the line before.
    assert join_wrapped_lines(["紫金400电话管理细则", "一、工作目的及内容"]) == ["紫金400电话管理细则", "一、工作目的及内容"]
    # A title split off its first sentence stays a line of its own, however long.
    title = "Xxxx有限公司市场事业部对内联络管理规范细则"
    assert join_wrapped_lines([title, "根据山东国强五金科技有限公司销售管理方案的相关规定要求"])[0] == title


@pytest.mark.parametrize("text, expected", [
    # 000: the next section glued to the end of the one before, found by its number.
    ("六.客户投诉：做好情绪判断 1愤怒 2焦急 3悲伤 4喧哗七.安抚客户情绪：1聆听客户的倾诉 2判断是否",
     ["六.客户投诉：做好情绪判断 1愤怒 2焦急 3悲伤 4喧哗", "七.安抚客户情绪：1聆听客户的倾诉 2判断是否"]),
    # Any other numeral inside a section is left alone: 第七条 and a skipped number are not the next section.
    ("六、按第七、八条执行，遇到九、十月旺季另行安排", ["六、按第七、八条执行，遇到九、十月旺季另行安排"]),
])
def test_glued_sections_are_split(text, expected):
    assert join_wrapped_lines(split_structure(text).split("\n")) == expected


def test_page_numbers_of_converted_files_are_removed():
    paragraphs = [
        "客服基础知识",
        "1、一、 基础知识 后汉书冯异",
        "2、传:“观其言语举止,非庸人也。”",
        "3、由于突来一声巨响,使得打电话旳人也吓了一跳",
        "4、。不过客户服务人员必须要重视自己旳诺言",
    ]
    assert join_page_breaks(paragraphs) == [
        "客服基础知识",
        "一、 基础知识 后汉书冯异传:“观其言语举止,非庸人也。”",
        "由于突来一声巨响,使得打电话旳人也吓了一跳。不过客户服务人员必须要重视自己旳诺言",
    ]


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("热线接听效劳治理步伐", "001_x.txt", "热线接听服务管理办法"),
        ("第二条 本步伐适用于公司热线所有员工。", "001_x.txt", "第二条 本办法适用于公司热线所有员工。"),
        ("很歉仄，请您将适才的问题重复一遍好吗？", "001_x.txt", "很抱歉，请您将刚才的问题重复一遍好吗？"),
        ("“请”、“贫困您” “讨教您******谢谢”", "001_x.txt", "“请”、“麻烦您” “请问您******谢谢”"),
        ("(二)专心明确客户的真意。", "001_x.txt", "(二)专心明白客户的真意。"),
        ("不是告诉你了吗，怎么还不明确", "001_x.txt", "不是告诉你了吗，怎么还不明白"),
        ("“很歉仄”、 “对不起 ”、“可能是我明确错了", "001_x.txt", "“很抱歉”、 “对不起 ”、“可能是我理解错了"),
        ("(一)标准通俗话，语言流通，语义明确；", "001_x.txt", "(一)标准普通话，语言流畅，语义明确；"),
        ("不！这不是我的事情！", "001_x.txt", "不！这不是我的工作！"),
        ("有意见找向导去！", "001_x.txt", "有意见找领导去！"),
        ("这个我不清晰", "001_x.txt", "这个我不清楚"),
        ("(二口齿清晰，无不良口语表达习惯", "001_x.txt", "(二口齿清晰，无不良口语表达习惯"),
        ("很是歉仄(对不起)，适才我的诠释不敷准确", "001_x.txt", "非常抱歉(对不起)，刚才我的解释不够准确"),
        # Real words elsewhere are left alone.
        ("主要负责400电话接听、确认顾客身份、明确顾客来电目的", "002_x.txt", "主要负责400电话接听、确认顾客身份、明确顾客来电目的"),
        ("如果农化主管觉得事情比较严重，应立即向上级领导汇报。", "002_x.txt", "如果农化主管觉得事情比较严重，应立即向上级领导汇报。"),
        ("3.制定详细的拜访纪录", "000_x.txt", "3.制定详细的拜访记录"),
        ("需要有良好的服务精神、一般话流利", "003_x.txt", "需要有良好的服务精神、普通话流利"),
    ],
)
def test_spun_synonyms_restored_in_context(text, name, expected):
    assert restore(text, name)[0] == expected


def test_keep_and_only_contexts():
    table = (
        Replacement(spun="明确", standard="明白", keep=["语义明确"]),
        Replacement(spun="清晰", standard="清楚", only=["听不清晰"]),
    )
    text, count = restore("语义明确，怎么还不明确；口齿清晰，仍听不清晰", "any.txt", table)
    assert text == "语义明确，怎么还不明白；口齿清晰，仍听不清楚"
    assert count == 2


def test_spun_table_is_consistent():
    rows = load_replacements()
    assert len(rows) >= 60
    spun_forms = [(row.spun, tuple(row.files), tuple(row.only)) for row in rows]
    assert len(spun_forms) == len(set(spun_forms))
    assert all(row.spun != row.standard for row in rows)


def test_scenario_table_becomes_one_line_per_row():
    lines = [
        "序号", "场景", "服务用语",
        "9", "当客户反映我怎么那么长时", "间都打不进来时", "“很抱歉，让您久等了，请问有什么可以帮", "您？",
        "10", "当客户对客户代表的回复提", "出疑问", "“对不起，您看哪方面还没有解释清楚，我可", "以再帮您核实一下。",
        "(三)服务禁语",
    ]
    out, rows = format_tables(lines)
    assert rows == 2
    assert out == [
        "9. 场景：当客户反映我怎么那么长时间都打不进来时；服务用语：很抱歉，让您久等了，请问有什么可以帮您？",
        "10. 场景：当客户对客户代表的回复提出疑问；服务用语：对不起，您看哪方面还没有解释清楚，我可以再帮您核实一下。",
        "(三)服务禁语",
    ]


def test_two_column_forbidden_table_is_ordered_by_number():
    lines = ["序号", "服务禁语", "序号", "服务禁语", "1", "真啰嗦", "3", "怎么了", "2", "冷静点！", "4", "我告诉你几遍了", "第十七条 服务流程"]
    out, _ = format_tables(lines)
    assert out == ["1. 服务禁语：真啰嗦", "2. 服务禁语：冷静点！", "3. 服务禁语：怎么了", "4. 服务禁语：我告诉你几遍了", "第十七条 服务流程"]


def test_near_duplicate_blocks_keep_the_most_complete():
    short = ["一、总则", "本规定旨在明确客户服务的标准。", "1.客户至上：以客户需求为导向。"]
    full = short + ["-理解客户的疑问和需求，提供个性化的解决方案。", "-主动跟进客户反馈，确保问题得到妥善处理。"]
    typo = full[:-1] + ["-主动跟进客户反馈，确保问题得到妥善处理!"]
    lines, dropped = drop_repeated_blocks(["纺织品客户服务规定"] + short + full + short + typo + full[:3])
    assert lines == ["纺织品客户服务规定"] + full
    assert dropped == 4


def test_repeated_paragraphs_dropped_but_short_headings_kept():
    greeting = "问候语：“您好，这里是紫金金行，请问有什么能够帮到您？”"
    lines = ["呼入：", greeting, "呼入：", greeting]
    assert drop_repeated_paragraphs(lines) == (lines[:3], 1)


def test_file_004_keeps_one_simplified_copy(docs):
    doc = docs["004"]
    assert doc.text.count("一、总则") == 1
    assert doc.text.startswith("纺织品客户服务规定\n一、总则")
    assert "确保客户权益" in doc.text and "确保客户全面了解产品" in doc.text
    assert "换货操作需在5个工作日内完成" in doc.text  # only in the long version
    assert doc.report["duplicates_dropped"] >= 9


def test_file_001_tables_and_wording(docs):
    text = docs["001"].text
    assert "9. 场景：当客户反映我怎么那么长时间都打不进来时；服务用语：很抱歉，让您久等了，请问有什么可以帮您？" in text
    assert "第十条 四个一样：生人熟人一个样、有无检查一个样、工作忙闲一个样、情绪优劣一个样。" in text
    assert "现制订公司热线人员接听服务管理办法。" in text
    for n in range(1, 29):
        assert f"\n{n}. 服务禁语：" in text


def test_file_003_ocr_and_page_furniture(docs):
    text = docs["003"].text
    assert "旳" not in text and "第1页" not in text and "装配图网" not in text
    assert "普通话流利" in text
    assert "导致被动。不过客户服务人员" in text


@pytest.mark.parametrize("raw", ["", "   \n\n ", "😀😀😀", "紡織品客戶服務規定。" * 10_000])
def test_odd_input_never_raises(raw):
    doc = clean_document(raw, "odd.txt")
    assert doc.report["chars_in"] == len(raw)
    assert doc.report["chars_kept"] == len(doc.text)


def test_ingest_report_rows(docs):
    rows = ingest_report(list(docs.values()))
    assert [row["file"][:3] for row in rows] == ["000", "001", "002", "003", "004"]
    for row in rows:
        assert set(row) == {"file", "chars_in", "chars_kept", "boilerplate_lines", "duplicates_dropped", "substitutions"}
        assert 0 < row["chars_kept"] <= row["chars_in"]
    by_file = {row["file"][:3]: row for row in rows}
    assert by_file["000"]["boilerplate_lines"] >= 8
    assert by_file["001"]["substitutions"] >= 50
