"""A passage under a long heading (a long title, a run of merged item labels) is found by what its items say."""
from __future__ import annotations

import pytest

from core.settings import Settings
from core.types import Chunk
from knowledge.embeddings import make_embedder
from knowledge.search import Searcher
from knowledge.store import Store

BANK = "丰泽银行信用卡中心客户服务热线管理规定"
AIRLINE = "云程航空客户服务中心热线座席服务规范"
WATER = "清源水务供水服务热线规范"


@pytest.mark.parametrize(("rows", "query"), [
    ([(f"{BANK} > 第三章 账务、分期与额度服务 > （一）账单查询 + （二）账单分期 + （三）溢缴款领回 + （四）年费减免",
       "（一）持卡人查询账单的，座席核实身份后告知本期应还金额。（二）申请账单分期的，说明手续费和期数。"
       "（三）持卡人多还了款项申请领回的，3个工作日内退回本人借记卡。"),
      (f"{BANK} > 第四章 挂失与安全 > 第十条", "第十条 持卡人来电挂失的，座席应立即冻结卡片并告知补卡费用。"),
      (f"{BANK} > 第四章 挂失与安全 > 第十一条", "第十一条 持卡人反映盗刷的，当日提交调查并在30日内答复。"),
      (f"{BANK} > 第五章 投诉处理 > 第十二条", "第十二条 投诉应在2个工作日内回访持卡人。")],
     "我还款的时候多打了钱，能退给我吗"),
    ([(f"{AIRLINE} > 第二章 航班不正常服务与旅客安置工作要求 > （一）延误通知 + （二）取消改签 + （三）餐食酒店",
       "（一）航班延误的，座席应主动告知预计起飞时间。（二）航班取消的，免费改签或全额退票。"
       "（三）延误超过4小时的，安排餐食，夜间延误安排酒店住宿。"),
      (f"{AIRLINE} > 第三章 行李服务 > 第八条", "第八条 行李延误到达的，24小时内告知查找进展。"),
      (f"{AIRLINE} > 第三章 行李服务 > 第九条", "第九条 行李破损的，7日内完成赔偿核定。"),
      (f"{AIRLINE} > 第四章 会员服务 > 第十条", "第十条 会员里程补登应在15个工作日内完成。")],
     "飞机晚了大半夜走不了，航空公司管住宿吗"),
    ([(f"{WATER} > 三、停水与抢修服务时限及到场要求 > 1.计划停水 + 2.突发停水 + 3.抢修到场 + 4.恢复供水 + 5.水质",
       "1.计划停水提前24小时公告。2.突发停水1小时内在小区张贴通知。3.抢修人员1小时内到场。4.恢复供水后冲洗管道。"
       "5.用户反映自来水发黄有异味的，2小时内上门取样。"),
      (f"{WATER} > 四、业务受理 > 1.过户", "1.过户资料齐全的，2个工作日内办结。"),
      (f"{WATER} > 四、业务受理 > 2.水表", "2.水表故障的，3个工作日内更换。"),
      (f"{WATER} > 五、收费 > 1.账单", "1.水费账单有疑问的，5个工作日内复核。")],
     "家里自来水发黄还有异味，什么时候来人取样"),
])
def test_an_item_under_a_long_merged_heading_ranks_first(tmp_path, rows, query):
    settings = Settings(data_dir=tmp_path)
    store = Store(settings, make_embedder(settings))
    store.upsert([Chunk(id=f"{i:02d}", text=text, source="规范.md", article=article)
                  for i, (article, text) in enumerate(rows)])
    hits = Searcher(settings, store).search(query, 3).hits
    assert hits[0].article == rows[0][0]
