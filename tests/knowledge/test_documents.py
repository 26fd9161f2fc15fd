import random
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from msoffcrypto.format.ooxml import OOXMLFile
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from knowledge.documents import SUPPORTED, Document, DocumentError, read_document
from pdfs import write_pdf

# Two small regulations as blocks: (kind, content); every format writes the same blocks.
SERVICE_RULES = [
    ("title", "客服中心服务用语管理办法"),
    ("heading", "第一章 总则"),
    ("para", "第一条 为规范坐席服务用语，提升客户满意度，依据公司服务标准制定本办法。"),
    ("para", "第二条 本办法适用于热线中心全体坐席及班组长。"),
    ("heading", "第二章 服务忌语"),
    ("table", [["服务忌语", "替代用语"],
               ["不知道", "请稍等，我帮您查询一下。"],
               ["这不归我管", "我帮您转接到负责的部门。"],
               ["你自己看说明书", "我来为您逐步说明操作方法。"]]),
    ("list", ["1、接听电话须在铃响三声内应答；", "2、通话中不得与同事闲聊；", "3、挂机前确认客户没有其他问题。"]),
    ("para", "第五条 本办法自发布之日起施行，由客户服务部负责解释。"),
]
COMPLAINT_RULES = [
    ("title", "客户投诉处理细则"),
    ("heading", "一、受理时限"),
    ("table", [["投诉等级", "首次回复时限", "办结时限"],
               ["一般投诉", "24小时", "3个工作日"],
               ["重大投诉", "2小时", "1个工作日"]]),
    ("list", ["1、坐席受理投诉后须当场登记工单；", "2、升级投诉由值班主管在30分钟内回电。"]),
    ("heading", "二、考核"),
    ("para", "未按时回复的，每单扣2分；客户表扬的，每次加1分。"),
]
REGULATIONS = {"服务用语": SERVICE_RULES, "投诉处理": COMPLAINT_RULES}


def expected_lines(blocks) -> list[str]:
    lines = []
    for kind, content in blocks:
        if kind == "table":
            lines += [" | ".join(row) for row in content]
        elif kind == "list":
            lines += content
        else:
            lines.append(content)
    return lines


def write_docx(path: Path, blocks) -> None:
    document = docx.Document()
    for kind, content in blocks:
        if kind == "title":
            document.add_heading(content, level=0)
        elif kind == "heading":
            document.add_heading(content, level=1)
        elif kind == "para":
            document.add_paragraph(content)
        elif kind == "list":
            for item in content:
                document.add_paragraph(item)
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(path)


def write_md(path: Path, blocks) -> None:
    out = []
    for kind, content in blocks:
        if kind == "title":
            out.append(f"# {content}")
        elif kind == "heading":
            out.append(f"## {content}")
        elif kind == "para":
            out.append(content)
        elif kind == "list":
            out.append("\n".join(content))
        else:
            rows = ["| " + " | ".join(row) + " |" for row in content]
            out.append("\n".join([rows[0], "|" + " --- |" * len(content[0])] + rows[1:]))
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def write_html(path: Path, blocks) -> None:
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>制度</title>"
           "<style>td{border:1px}</style></head><body>"]
    for kind, content in blocks:
        if kind == "title":
            out.append(f"<h1>{content}</h1>")
        elif kind == "heading":
            out.append(f"<h2>{content}</h2>")
        elif kind == "para":
            out.append(f"<p>{content}</p>")
        elif kind == "list":
            out.append("<p>" + "<br>\n".join(content) + "</p>")
        else:
            head = "".join(f"<th>{cell}</th>" for cell in content[0])
            body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in content[1:])
            out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>")
    out.append("<script>var tracker = 1;</script></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


WRITERS = {"docx": write_docx, "md": write_md, "html": write_html}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("regulation", sorted(REGULATIONS))
def test_structured_formats_give_one_line_per_paragraph_heading_and_table_row(tmp_path, fmt, regulation):
    path = tmp_path / f"{regulation}.{fmt}"
    WRITERS[fmt](path, REGULATIONS[regulation])
    doc = read_document(path)
    assert doc == Document(name=path.name, format=fmt, encoding=None if fmt == "docx" else "utf-8",
                           text="\n".join(expected_lines(REGULATIONS[regulation])))


def test_docx_auto_numbered_paragraphs_keep_their_text_and_merged_cells_read_once(tmp_path):
    document = docx.Document()
    document.add_heading("坐席考核办法", level=1)
    for item in ["准时上线并签入系统", "通话结束后及时小结"]:
        paragraph = document.add_paragraph(item, style="List Number")
        # An explicit numPr, as Word writes for a numbered list the user typed (numbering 5 of the default
        # template is List Number's decimal list; 1 is List Bullet's bullets).
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", "5")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            num_pr.append(element)
        paragraph._p.get_or_add_pPr().append(num_pr)
    table = document.add_table(rows=4, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "附表：服务禁语"
    table.cell(1, 0).text, table.cell(1, 1).text = "类别", "用语"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "推诿"
    table.cell(2, 1).text, table.cell(3, 1).text = "这事不归我们管", "你找别的部门吧"
    path = tmp_path / "考核.docx"
    document.save(path)
    assert read_document(path).text.split("\n") == [
        "坐席考核办法", "准时上线并签入系统", "通话结束后及时小结",
        "附表：服务禁语", "类别 | 用语", "推诿 | 这事不归我们管", "推诿 | 你找别的部门吧",
    ]


@pytest.mark.parametrize(
    "markdown, lines",
    [
        ("服务忌语 | 替代用语\n--- | ---\n您不懂 | 我再为您解释一遍\n",
         ["服务忌语 | 替代用语", "您不懂 | 我再为您解释一遍"]),
        ("| 场景 | 规范用语 |\n|:---|:---:|\n| 客户**久等** | 抱歉让您久等了<br>请问有什么可以帮您？ |\n\n后续说明。\n",
         # A cell's <br> paragraphs stay apart, as in an HTML table cell.
         ["场景 | 规范用语", "客户久等 | 抱歉让您久等了；请问有什么可以帮您？", "后续说明。"]),
        ("### 三、服务要求 ###\n1. 使用普通话\n2. 语速适中\n- 保持*微笑*服务\n* 详见[附件一](fj1.md)\n> 注：违反者扣分\n---\n",
         # Short bullets keep a plain "- " so that they stay list items, not headings.
         ["三、服务要求", "1. 使用普通话", "2. 语速适中", "- 保持微笑服务", "- 详见附件一", "注：违反者扣分"]),
        ("客户服务部\n==========\n```\n示例：您好，很高兴为您服务\n```\n<!-- 草稿 -->\n",
         ["客户服务部", "示例：您好，很高兴为您服务"]),
    ],
)
def test_markdown_markup_is_removed(tmp_path, markdown, lines):
    path = tmp_path / "规范.md"
    path.write_text(markdown, encoding="utf-8")
    assert read_document(path).text.split("\n") == lines


@pytest.mark.parametrize(
    "body, lines",
    [
        ("<p>第一条 坐席应使用<b>普通话</b>，<br/>语速适中。</p><p>第二条 坐席应\n  主动问好。</p>",
         ["第一条 坐席应使用普通话，", "语速适中。", "第二条 坐席应主动问好。"]),
        ("<table><caption>服务忌语对照表</caption><tr><td rowspan='2'>推诿</td><td>不归我管</td></tr>"
         "<tr><td>找别人去</td></tr><thead><tr><th>类别</th><th>忌语</th></tr></thead></table>",
         ["服务忌语对照表", "类别 | 忌语", "推诿 | 不归我管", "推诿 | 找别人去"]),
        ("<table><tr><th>情形</th><th>规范用语</th></tr><tr><td>客户听不清</td>"
         "<td>抱歉，<br>我稍微大声一点。</td></tr><tr><td colspan='2'>以上用语须使用普通话</td></tr></table>",
         ["情形 | 规范用语", "客户听不清 | 抱歉， 我稍微大声一点。", "以上用语须使用普通话"]),
        ("<ul><li>1、主动问好</li><li>2、&ldquo;请&rdquo;字当先</li></ul><div>客服中心\n宣</div>",
         ["1、主动问好", "2、“请”字当先", "客服中心宣"]),
        ("<pre>第一条  接听\n第二条  记录</pre><p>附则</p>", ["第一条  接听", "第二条  记录", "附则"]),
    ],
    ids=["段落与换行", "表头行合并单元格", "单元格内换行与跨列", "列表与实体", "预排版"],
)
def test_html_blocks_breaks_and_tables_become_lines(tmp_path, body, lines):
    path = tmp_path / "规范.htm"
    path.write_text(f"<html><head><title>忽略</title></head><body>{body}</body></html>", encoding="utf-8")
    assert read_document(path).text.split("\n") == lines


SHORT = "您好"
LONG = ("第一条 为规范客服中心服务用语，提升服务质量，特制定本办法。\r\n"
        "第二条 坐席接听电话时应主动问好，使用“您好，很高兴为您服务”。\r\n") * 40


def _bytes(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


TEXTS = {"2字": SHORT, "4字": "请稍等。", "长文": LONG, "扩展字": "客户𠮷先生来电，" + LONG}
ENCODINGS = [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
             ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")]
# GBK cannot encode characters outside the BMP such as 𠮷; GB18030 and the UTFs can.
ENCODED = [(e, r, t) for e, r in ENCODINGS for t in TEXTS if not (e == "gbk" and t == "扩展字")]


@pytest.mark.parametrize("encoding, reported, text", ENCODED, ids=[f"{e}-{t}" for e, _, t in ENCODED])
def test_text_encodings_are_read_strictly(tmp_path, encoding, reported, text):
    text = TEXTS[text]
    path = tmp_path / "用语.txt"
    path.write_bytes(_bytes(text, encoding))
    doc = read_document(path)
    assert (doc.format, doc.encoding) == ("txt", reported)
    assert doc.text == "\n".join(line for line in text.splitlines() if line)


def test_big5_text_is_not_taken_for_gbk(tmp_path):
    text = "第一條 為規範客服中心服務用語，提升服務品質，特制定本辦法。客服人員應使用禮貌用語，不得推諉。\n" * 5
    path = tmp_path / "繁體.txt"
    path.write_bytes(text.encode("big5"))
    doc = read_document(path)
    assert doc.encoding == "big5" and doc.text == text.strip().replace("\n\n", "\n")


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_markdown_and_html_use_the_same_encoding_cascade(tmp_path, encoding):
    md, page = tmp_path / "规范.md", tmp_path / "规范.html"
    md.write_bytes("## 服务禁语\n| 忌语 | 替代 |\n|---|---|\n| 不知道 | 我帮您查询 |\n".encode(encoding))
    page.write_bytes("<h2>服务禁语</h2><table><tr><th>忌语</th><th>替代</th></tr><tr><td>不知道</td><td>我帮您查询</td></tr></table>".encode(encoding))
    for path in (md, page):
        assert read_document(path).text == "服务禁语\n忌语 | 替代\n不知道 | 我帮您查询"


PDF_PAGES = [
    ["第一章 总则", "第一条 为规范热线服务行为，制定本规定。", "第二条 坐席应在铃响三声内接听。"],
    ["第二章 服务要求", "第三条 坐席不得使用服务忌语，不得推诿客户。", "1、耐心倾听客户诉求；", "2、及时记录并回复。"],
    ["第三章 附则", "第四条 本规定由客户服务部负责解释。"],
]


@pytest.mark.parametrize("pages", [PDF_PAGES, PDF_PAGES[:1]], ids=["三页", "一页"])
def test_pdf_text_layer_without_page_numbers_or_running_header(tmp_path, pages):
    path = tmp_path / "热线服务规定.pdf"
    write_pdf(path, pages, header="某某公司客户服务中心" if len(pages) > 1 else None)
    doc = read_document(path)
    assert (doc.format, doc.encoding) == ("pdf", None)
    assert doc.text.split("\n") == [line for page in pages for line in page]


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    path = tmp_path / "限制打印.pdf"
    write_pdf(path, PDF_PAGES[:1], user_password="", owner_password="owner-secret", algorithm="AES-128")
    assert PdfReader(path).is_encrypted
    assert read_document(path).text.split("\n") == PDF_PAGES[0]


def _scanned_pdf(path: Path) -> None:
    sheet = canvas.Canvas(str(path))
    image = Image.new("RGB", (200, 60), "white")
    sheet.drawImage(ImageReader(image), 72, 700, width=400, height=120)
    sheet.showPage()
    sheet.save()


def _encrypted_docx(path: Path) -> None:
    plain = path.with_suffix(".plain")
    write_docx(plain, SERVICE_RULES)
    with open(plain, "rb") as source, open(path, "wb") as out:
        OOXMLFile(source).encrypt("mima123", out)


def _legacy_doc(path: Path) -> None:
    # An OLE compound file without an EncryptedPackage stream, as a .doc saved as .docx is.
    _encrypted_docx(path)
    data = path.read_bytes().replace("EncryptedPackage".encode("utf-16-le"), "WordDocumentData".encode("utf-16-le"))
    path.write_bytes(data)


def _zip_without_document(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")


def _truncated_docx(path: Path) -> None:
    write_docx(path, SERVICE_RULES)
    path.write_bytes(path.read_bytes()[:3000])


BAD_FILES = [
    ("管理办法.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"x" * 100), "不支持"),
    ("考核表.xlsx", lambda p: p.write_bytes(b"PK\x03\x04"), "不支持"),
    ("服务规范", lambda p: p.write_text("第一条", encoding="utf-8"), "无扩展名"),
    ("空白.txt", lambda p: p.write_bytes(b""), "空文件"),
    ("空白.md", lambda p: p.write_text(" \n\t\u3000\n\n", encoding="utf-8"), "没有文字内容"),
    ("空白.html", lambda p: p.write_text("<html><body><p> </p><br></body></html>", encoding="utf-8"), "没有文字内容"),
    ("只有BOM.txt", lambda p: p.write_bytes(b"\xef\xbb\xbf\r\n"), "没有文字内容"),
    ("截图.txt", lambda p: Image.new("RGB", (8, 8)).save(p, format="PNG"), "不是文本文件"),
    ("随机.txt", lambda p: p.write_bytes(random.Random(7).randbytes(4096)), "不是文本文件"),
    ("改名.md", lambda p: write_docx(p, SERVICE_RULES), "不是文本文件"),
    ("扫描件.pdf", _scanned_pdf, "没有可提取的文字层（可能是扫描件），请先做文字识别（OCR）或提供文字版"),
    ("加密.docx", _encrypted_docx, "设置了打开密码"),
    ("加密.pdf", lambda p: write_pdf(p, PDF_PAGES, user_password="mima123", owner_password="mima123"), "设置了打开密码"),
    ("旧版.docx", _legacy_doc, "旧版 Word（.doc）"),
    ("损坏.docx", lambda p: p.write_bytes(random.Random(3).randbytes(2048)), "已损坏"),
    ("非Word.docx", _zip_without_document, "已损坏"),
    ("截断.docx", _truncated_docx, "已损坏"),
    ("损坏.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog"), "已损坏"),
    ("表格.pdf", _zip_without_document, "已损坏"),
]


@pytest.mark.parametrize("name, write, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_refused_with_a_chinese_message_naming_the_file(tmp_path, name, write, message):
    path = tmp_path / name
    write(path)
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert message in str(error.value) and f"“{name}”" in str(error.value)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize("name", ["不存在.txt", "目录.md"])
def test_missing_file_or_directory_is_refused(tmp_path, name):
    if name == "目录.md":
        (tmp_path / name).mkdir()
    with pytest.raises(DocumentError, match=name):
        read_document(tmp_path / name)


@pytest.mark.parametrize("name", ["巨大.txt", "巨大.pdf", "巨大.docx"])
def test_file_over_50_mb_is_refused_without_reading_it(tmp_path, monkeypatch, name):
    path = tmp_path / name
    with open(path, "wb") as sparse:
        sparse.truncate(60 * 1024 * 1024)

    def no_read(*args, **kwargs):
        raise AssertionError("the file must not be read")

    monkeypatch.setattr(Path, "open", no_read)
    monkeypatch.setattr(Path, "read_bytes", no_read)
    started = time.perf_counter()
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert time.perf_counter() - started < 1
    assert f"“{name}”" in str(error.value) and "60 MB" in str(error.value) and "50 MB" in str(error.value)


def test_supported_extensions_all_read(tmp_path):
    for suffix in SUPPORTED:
        path = tmp_path / f"规范{suffix}"
        if suffix == ".docx":
            write_docx(path, COMPLAINT_RULES)
        elif suffix == ".pdf":
            write_pdf(path, PDF_PAGES)
        else:
            path.write_text("第一条 坐席应文明用语。\n", encoding="utf-8")
        assert read_document(path).text.startswith(("第一条", "客户投诉处理细则", "第一章"))


def test_uppercase_extension_is_accepted(tmp_path):
    path = tmp_path / "README.TXT"
    path.write_bytes("坐席守则".encode("gb18030"))
    assert read_document(path) == Document(name="README.TXT", format="txt", encoding="gb18030", text="坐席守则")
