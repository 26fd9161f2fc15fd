"""Chinese messages the UI shows, and the one check every typed line passes first."""
from __future__ import annotations

import html
import unicodedata

from knowledge.rulebook import CATEGORY_NAMES  # noqa: F401  (the vocabulary lives with the rulebook)

# A call-centre line is a sentence or two; anything far longer is a paste by mistake.
MAX_LINE_CHARS = 2000
MAX_QUERY_CHARS = 500

EMPTY_LINE = "请输入内容后再提交。"
TOO_LONG = "内容过长（{n} 字），请控制在 {limit} 字以内。"
NO_CONTROL = "内容只包含不可见字符，请重新输入。"
NAME_REQUIRED = "请先填写学员姓名。"
NAME_TOO_LONG = "学员姓名请控制在 {limit} 字以内。"
NO_SESSION = "请先点击“开始练习”。"
SESSION_OVER = "本次练习已结束，请查看评分或点击“再练一次”。"
CALL_ENDED = "📞 通话已结束（{outcome}），评分见下方。"
NO_CUSTOMER_LINE = "请先填写客户的最新一句话。"
SERVICE_FAILED = "{what}暂时出错，请稍后重试。"
TRAINER_NO_PASSWORD = (
    "培训师控制台未启用：请设置环境变量 KEFU_TRAINER_PASSWORD 后重启应用，例如\n\n"
    "    KEFU_TRAINER_PASSWORD=你的密码 kefu app"
)
TRAINER_BAD_PASSWORD = "密码不正确。"
TRAINER_TOO_MANY = "密码错误次数过多，请 {minutes} 分钟后再试。"
TRAINER_LOCKED = "请先登录培训师控制台。"
NO_SUCH_SESSION = "找不到这次练习记录。"
NO_RECORDS = "暂无练习记录。"
SEARCH_EMPTY = "没有找到相关条文。"
INGEST_DONE = "知识库已重建：{report}"
INVALID_TRANSCRIPT = "对话记录格式不正确：{detail}"
RANDOM = "随机"

EMOTION_NAMES = {
    "angry": "愤怒", "anxious": "焦急", "sad": "悲伤", "noisy": "嘈杂/听不清",
    "confused": "困惑", "neutral": "平静", "satisfied": "满意",
}
# The grader's finding categories and subscore groups (simulator.grader).
FINDING_NAMES = {
    **CATEGORY_NAMES, "violation": "违规用语", "opening": "开头语", "opening_partial": "开头语不完整",
    "closing": "结束语", "ask_name": "询问姓氏", "surname": "用姓氏称呼", "confirmation": "复述确认",
    "empathy": "安抚与同理", "empathy_late": "安抚不及时", "unsoothed": "未安抚", "commitment": "明确时限承诺",
    "sla": "时限不符规定", "promise": "违规承诺", "must_do": "场景必做事项", "outcome": "通话结果",
    "unresolved": "问题未解决", "scolding": "埋怨说教客户", "incomplete": "通话未完成",
}
# assist.scenario keys (ARCHITECTURE.md), as the live-assist tab names them.
SCENARIO_NAMES = {
    "greeting": "来电问候", "silent_line": "客户无声", "noisy_line": "杂音大/听不清", "unclear_request": "未听清问题",
    "confirm_info": "确认咨询内容", "long_wait": "久等/打不进来", "complaint": "投诉", "thanks": "客户致谢",
    "apology": "客户致歉", "suggestion": "客户建议", "manager_contact": "索要领导电话", "misdial": "打错电话",
    "transfer": "转接他人或部门", "hold": "处理超过一分钟", "need_record": "需客户记录", "cannot_answer_now": "无法当场答复",
    "doubt_answer": "对答复有疑问", "wrong_explanation": "更正解释", "rude_customer": "客户态度恶劣", "closing": "结束通话",
    "refund": "退款", "return_exchange": "退换货", "delivery": "发货/物流", "repair": "维修/保修",
    "product_damage": "产品造成损失", "unfamiliar_business": "抱怨业务不熟", "slow_reply": "抱怨回复慢",
    "inquiry": "一般咨询",
    "other": "其他问题",
}
SUBSCORE_NAMES = {"language": "服务用语", "procedure": "服务流程", "empathy": "安抚同理", "resolution": "问题解决"}
SEVERITY_NAMES = {"high": "严重", "medium": "中等", "low": "轻微"}
OUTCOME_NAMES = {"resolved": "已解决", "escalated": "已升级", "hung_up": "客户挂断", "out_of_turns": "轮次用尽",
                 "unfinished": "中途结束", "interrupted": "已中断",
                 "ended": "未解决即结束"}


class InputError(ValueError):
    """A typed line the app will not process; the message is Chinese and safe to show."""


def clean_line(text: str | None, limit: int = MAX_LINE_CHARS) -> str:
    """Return the line stripped of control characters, or raise InputError with a Chinese message."""
    raw = (text or "").strip()
    if not raw:
        raise InputError(EMPTY_LINE)
    if len(raw) > limit:
        raise InputError(TOO_LONG.format(n=len(raw), limit=limit))
    kept = "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
    if not kept:
        raise InputError(NO_CONTROL)
    return kept


def escape(text: object) -> str:
    """HTML-escape anything user-typed before it goes into Markdown or HTML."""
    return html.escape(str(text), quote=True)


def label(names: dict[str, str], key: str | None) -> str:
    """The Chinese name of a vocabulary key, falling back to the key itself."""
    return names.get(key or "", key or "")
