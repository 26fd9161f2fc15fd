"""An annex (附件 / 附录) stands beside the chapters: it is neither part of the last chapter or clause nor of the
annex before it, so a hit inside it cites the annex alone."""
from __future__ import annotations

import pytest

from knowledge.chunks import chunk_document, line_level
from knowledge.clean import CleanDoc


@pytest.mark.parametrize("text, needle, annex, not_under", [
    ("物流客服热线管理办法\n第一章 总则\n第一条 为规范快递客服工作，制定本办法。\n第五章 附则\n"
     "第十八条 本办法自发布之日起施行。\n附件1 理赔材料清单\n1. 快递面单照片\n2. 破损物品照片\n"
     "附件2 异常件处理流程\n1.登记：客服记录运单号与异常情况，生成异常工单。\n2.回复：应在12小时内答复寄件人。",
     "12小时", "附件2 异常件处理流程", ["附则", "附件1"]),
    ("燃气客服质检细则\n1 总则\n本细则适用于燃气热线全体坐席。\n4 申诉\n坐席对质检结果有异议的，可在3日内申诉。\n"
     "附录 A 质检等级\n月度得分 | 等级\n90分以上 | 优秀\n附录 B 典型案例\n用户反映燃气表读数异常，坐席未登记即挂断，扣5分。",
     "读数异常", "附录 B 典型案例", ["4 申诉", "附录 A"]),
    ("酒店预订中心服务规范\n第三章 服务用语\n第九条 开头语：“您好，这里是预订中心。”\n附录 常用房型说明\n"
     "房型 | 说明\n大床房 | 一张一点八米床", "大床房", "附录 常用房型说明", ["第三章", "第九条"]),
])
def test_an_annex_is_cited_on_its_own(text, needle, annex, not_under):
    hit = next(c for c in chunk_document(CleanDoc(name="规范.txt", text=text)) if needle in c.text)
    assert annex in hit.article
    assert not any(part in hit.article for part in not_under), hit.article


@pytest.mark.parametrize("line", [
    "附件：1.理赔材料清单　2.异常件处理流程",  # the list of annexes that closes the body is text
    "附件须在提交工单时一并上传。",
    "附录中的案例仅供培训使用，不作为扣分依据，各班组不得另行解释。",
])
def test_a_sentence_about_annexes_is_no_annex_heading(line):
    assert line_level(line) != 1.0
