"""Cues that tell curt service speech from courteous speech, read by the check model's gate.

A learned model over character n-grams also picks up topic words (款式, 记录, 领导) that rude
and polite lines share, so on its own it flags compliant near-misses. Rude Chinese service
speech nearly always carries a marker of its own: 你 aimed at the customer, a dismissal
(别/少/自己去/随便), a rhetorical or impatient question (难道, 怎么还, 不是…吗, 还用…), sarcasm or
annoyance (烦, 啰嗦, 有完没完), a count of repetitions. The model may only flag a clause that
carries one of them and none of the prescribed courtesy words. Both run on matching keys
(simplified, no punctuation).
"""
from __future__ import annotations

import re

# A clause offering service in the prescribed words (帮您, 请您, 抱歉) is not a rude paraphrase,
# whatever words it shares with one; only the explicit rules may flag it.
COURTEOUS = re.compile(r"帮您|为您|给您|请您|请问|麻烦您|谢谢|感谢|抱歉|对不起|不好意思")

# Admitting a limit (不清楚, 没办法马上…), or naming whose fault it is, is honest when a later clause
# has the agent take the next step themselves (我问一下主管, 我会跟踪, 两小时内给您回电, 我们来跟他们交涉).
# A brush-off hands that step to the customer instead (您去问…, 您自己看), which this never matches.
LIMIT = re.compile(r"(?:不|没)(?:太)?(?:清楚|知道|了解)|没(?:有)?办法|管不了|查不了|的(?:问题|责任|原因)$")
NEXT_STEP = re.compile(
    # 我马上帮您查 / 我可以帮您申请, or after 但是/不过 with the agent implied (不过可以给您推荐…)
    r"(?:我(?:这边|们)?|(?:但是?|不过|可是)(?:我(?:这边|们)?)?(?=可以|能))"
    r"(?:马上|立即|立刻|这就|现在|先|再|会|一定|来|去|也|就|尽力|同步|继续|亲自|全程|负责|可以|能|还)*"
    # the agent doing something for the customer (我可以帮您升级…), whatever the verb, unless refused
    r"(?:(?:帮您|为您|替您)(?![了过]|不|没)|(?:帮您|为您|给您|替您)?"
    r"(?:问|查|核实|确认|咨询|联系|打听|转|申请|跟进|跟踪|跟到底|反馈|反映|上报|报给|处理|解决|安排|协调|交涉|催|预约|登记|记录|记下|提交|办理|加急|派|发起|推荐|备注|让|跟(?:他们|对方))"
    # a step still to take: not one already taken (我查了), refused (我处理不了) or a retort (我问谁)
    r"(?![了过完谁睡啥]|不[了到好动成]))"
    # asking, courteously, for what the agent needs to go on (您方便把订单号发我一下吗, 麻烦您提供…)
    r"|(?:(?:麻烦|请|辛苦)您|您(?:方便|可以|能否))(?:再|先)?(?:把.{1,8}?)?(?:提供|告诉我|[发报](?:给)?我|[发报]一下|描述|说明一下)"
    # or to make the change themselves where the system allows it (麻烦您在订单里更新一下, 请您登录App重新提交)
    r"|(?:麻烦|请|辛苦)您(?:在|通过|登录|打开).{0,8}?(?:更新|修改|填写|补充|上传|提交|操作|重新)"
    r"|(?:一定|马上|尽快|稍后|待会儿?|一会儿?|[0-9一二两三四五六七八九十半]+个?(?:分钟|小时|天|工作日)(?:内|后|之内)?)"
    r"(?:会)?(?:给|回复?|答复|联系|通知)您|回您|给您回"
    # a promise by a named time (今天下班前给您回电, 明天上午十点前回复您), or at one (今天下午给您答复)
    r"|(?:今天|明天|今晚|后天|本周|这周|下周|周[一二三四五六日末]|月底|上午|下午|中午|晚上|下班|[0-9一二两三四五六七八九十]+点半?|[0-9一二两三四五六七八九十]+号){1,3}"
    r"(?:(?:之前|前|以前|以内|之内|内)(?:会|一定|肯定|就)?(?:给您|回复您|答复您|联系您|通知您|回您|告诉您)"
    r"|(?:会|一定|肯定|就)?(?:给您(?:答复|回复|回电|回话|回个?电话|打电话|消息|结果)|回复您|答复您|联系您|通知您|回您))")

RUDE_CUE = re.compile(
    # addressing the customer with 你 (你好 is a greeting)
    r"你(?!好)"
    # dismissal and bare orders (别着急 / 别担心 / 别客气 / 别挂 are reassurance)
    r"|(?<![请特分区级类告识离差性派个鉴辨])别(?!着急|急|担心|客气|介意|挂|人|的|处|家)|少(?:跟|来|说|废话|啰嗦|管)"
    r"|自己(?:去|看|查|问|弄|找|想|来|没|不)|随(?:你|便)|拉倒|算了|懒得|没空"
    # rhetorical and impatient questions
    r"|难道|怎么(?:还|又|这么|那么|就|不|老|总)|还(?:不|要|想|用|有完)|又(?:不是|是|来|打|问)|不是.{0,8}?[吗么嘛]|不就"
    r"|凭什么|干嘛|干什么|什么用|有什么好|谁(?:让|叫|答应|说)|问谁|找谁|能不能|懂不懂|听不懂|没完|到底|明摆|值得"
    # annoyance, repetition counts, sarcasm, threats to hang up
    r"|烦|啰嗦|罗嗦|麻烦死|服了|离谱|难缠|找事|抱怨|怪|嚷|吵|吼|闹|发火|脾气|几遍|多少遍|八百|都(?:说|讲|告诉|写)|早(?:就|说|干|知道|点)"
    r"|挂了|管不|不管|没办法|没用|不认|反正|就这样|见多了|小事|真是的|下班|(?:明天|以后|回头|改天)再说|再说吧|商量"
    # flat refusals and put-downs of the customer's judgement
    r"|无所谓|至于|几点了|怎么办|不对|本来就|就该|就应该|谁(?:来|打来)都|规矩就|无关|做不了主|改不了|常识|白说|说了不算|[嘛呗]$"
)


def rude_signal(key: str) -> bool:
    """Whether a clause key carries a marker of curt speech and no prescribed courtesy."""
    return bool(RUDE_CUE.search(key)) and not COURTEOUS.search(key)
