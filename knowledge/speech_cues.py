"""The words regulations use to forbid, suggest and prescribe speech, the tone of a forbidden phrase and
the scene a prescribed line serves. The cue words are general regulation vocabulary.
"""
from __future__ import annotations

import re

# What marks a forbidden list, a compliant rewrite, and the words an agent is told to say.
FORBID = (r"(?:不规范|不文明|不礼貌|错误|不当)(?:用语|表述|说法|言辞)|禁用语|禁止性?用语|禁语|忌语|忌说|禁说|杜绝|不应该?说|不宜说"
          r"|(?:不得|不准|不能|不要|不可|禁止|严禁)[^，。；：“”]{0,6}?(?<!只)(?:说|使用|出现)"
          r"|(?:不得|不准|不能|不要|不可|禁止|严禁)以[^，。；：“”]{1,8}?(?:口吻|语气|腔调)[^，。；：“”]{0,8}|[✗✘❌]")
# ("不可只说“您好”" forbids a bare greeting, not the word 您好; "禁止出现“…”等语句" forbids what it quotes; so does
# "禁止以讽刺口吻回答，包括但不限于“…”", a forbidden tone with its examples (the match runs on over the verb, so
# 回答 does not read as a cue to speak). A 不当表述 / 错误说法 column or list
# names wrong wording as 禁语 does.)
# A cross and a tick mark a wrong and a right wording side by side ("✗ “…” ✓ “…”").
SUGGEST = r"替代用语|规范用语|建议用语|标准用语|正确用语|推荐用语|应该说|应当说|应说|宜说|改说|可说|改为|[✓✔√✅]"
# (说法 is a noun: "以“…”等说法推诿" names the wording just quoted, it does not introduce a line to say.)
_SPEECH = r"用语|话术|开头语|结束语|问候|问好|安抚|应答|回应|回复|回答|答复|告知|询问|致歉|说(?!法)"
CUE = re.compile(f"(?P<forbid>{FORBID})|(?P<suggest>{SUGGEST})|(?P<speech>{_SPEECH})")
# A heading names a kind of speech, not a verb in a sentence.
SPEECH_HEADING = re.compile(r"用语|话术|开头语|结束语|问候|问好|安抚|等待|转接|应答|礼貌语|服务语言|文明语言")

# The tone of a forbidden phrase, by general cues (ARCHITECTURE.md categories); first match wins (a taunt
# like 有本事你去告 is rude before it sends the caller away), anything else stays a forbidden_phrase.
_CATEGORIES = [
    ("rude_tone", r"急什么|有本事|爱.不.|随便你|烦不烦|等着|挂了吧|吵什么|关我(们)?什么事|嫌.{0,3}别|没什么大不了|别找我"),
    ("shift_responsibility", r"不归|不关我|管不了|不是我(们)?(的|负责)|你(自己)?去|去找|找(别人|别的|其他|领导|.{0,4}去)|没办法|规定就是|做不了主|又不是我"),
    ("blame_customer", r"怎么(连|还|又|都)|不懂|听不懂|不明白|说过了|说了几遍|几遍了|告诉你|听清楚了没|怪谁|怪你|你自己|你的(责任|问题|错)|谁让你|啰嗦"),
    ("command_tone", r"你必须|你得|赶紧|快点|冷静点|你给我"),
]

# Scene words → scenario keys (ARCHITECTURE.md). Narrow scenes come first: a 投诉 about waiting is
# long_wait, a 结束语 thanking the caller is closing; 安抚 (calming) lines serve the upset caller.
_SCENES = [
    ("misdial", "打错|拨错|误拨"), ("manager_contact", "领导|高层|主管|经理.{0,4}(电话|联系)"),
    ("silent_line", "无声|没有声音|没有话音|不说话|不讲话|听不到"),
    ("unclear_request", "没听清|未听清|没有听清|表达不清|繁琐不清|重复一遍"),
    ("noisy_line", "杂音|声音(太|过|较)?小|听不清|信号不好"),
    ("long_wait", "久等|等待后|等候后|等待时间长|等了很久|打不进|排队|迟接|占线"), ("slow_reply", "回复不及时|回复太?慢|迟迟不回"),
    ("unfamiliar_business", "业务不熟|不专业"), ("wrong_explanation", "解释错误|解释有误|不够准确|说错"),
    ("doubt_answer", "疑问|质疑|不相信|怀疑"), ("rude_customer", "情绪激动|态度恶劣|辱骂|谩骂|发火|言语过激|安抚"),
    ("transfer", "转接|转至|转到|其他部门|其他人员"), ("need_record", "客户记录|请您记|记录一下"),
    ("cannot_answer_now", "无法当场|无法立即|当时解决不了|暂时无法|无法马上"),
    ("hold", "稍等|等待|不要挂机"), ("closing", "结束|道别|再见|还有(?:其他|别的|什么)[^，。？！]{0,10}吗"),
    ("greeting", "开头语|开场|问候|问好|接听|呼入|来电时|来电$|^您好"), ("thanks", "致谢|感谢时|道谢"),
    ("apology", "致歉|道歉"), ("suggestion", "建议|意见"), ("refund", "退款|退费|退票|退号"),
    ("return_exchange", "退货|换货|退换"), ("product_damage", "破损|损坏|丢失|丢件|损失"),
    ("repair", "维修|报修|保修|故障"), ("delivery", "物流|快件|快递|催件|发货|配送|派送"),
    ("complaint", "投诉|抱怨|不满"), ("confirm_info", "确认|核对|核实"), ("inquiry", "咨询|询问|查询|请求|配合"),
]


# A line's own label says what its words are, in any document: "禁：" or "×" a phrase not to say, "√", "应说："
# or "正确示范：" the right wording (of the phrase on the line above, when there is one), "话术：" or "参考：" a
# line to say. Longer labels say the same with the cue words above ("服务禁语：", "标准开头语：").
_FORBID_LABEL = re.compile(r"[✗✘❌×]|禁|忌|禁用|禁说|忌说|错误|错误示范|错误示例|反例|不当示例")
_SUGGEST_LABEL = re.compile(r"[✓✔√✅]|应该?说|应当说|宜说|可说|改说|改为|正确|正确示范|正确示例|正确说法|正例")
_SPEECH_LABEL = re.compile(r"(?:规范|标准|参考|推荐|示范)?(?:话术|用语)|参考|示范|范例")


def _label_role(label: str) -> str | None:
    """The role a line's label gives the words after it: forbid, suggest or speech; None for any other label."""
    label = label.strip()
    if _FORBID_LABEL.fullmatch(label) or re.search(FORBID, label):
        return "forbid"
    if _SUGGEST_LABEL.fullmatch(label):
        return "suggest"
    return "speech" if _SPEECH_LABEL.fullmatch(label) or SPEECH_HEADING.search(label) else None


# (A run of crosses is a placeholder: "××先生，您好" is a line, not a wrong one.)
_MARK = re.compile(r"\s*([✗✘❌×✓✔√✅])(?!×)\s*")
# Words that read as said (quoted, addressing someone, polite, a question or an exclamation). A mark types only
# such words: in a checklist of conduct ("✓ 佩戴工牌", "× 上班时间玩手机") it only marks what to do.
SAID = re.compile(r"[“「你您我咱请]|谢谢|抱歉|对不起|不好意思|[吧吗呢啊呀嘛][。！？!?]?$|[！？!?]$")


def line_label(line: str, body: str, lines_named: bool = False) -> tuple[str, str | None, str]:
    """A line's mark or label, the role it gives the words after it, and those words ("× 你自己去查", "禁：…",
    "话术：…", "开头语：…"); `body` is the line without its list number. A label of no role ("故障报修：…") may
    still name a scene. ("", None, body) for a line without one, or one ending in a colon ("✗ 禁止："): that
    introduces the lines after it and states no words of its own. `lines_named`: a heading or lead-in above
    names lines to say (推荐用语, 规范话术), so a mark types the words after it whatever they are."""
    if line.endswith(("：", ":")):
        return "", None, body
    words = line[m.end():].strip() if (m := _MARK.match(line)) else ""
    if m and (lines_named or SAID.search(words)):
        return m[1], _label_role(m[1]), words
    key, colon, value = body.partition("：")
    if colon and value.strip() and len(key) <= 10:
        return key, _label_role(key), value.strip()
    return "", None, body


def role(text: str) -> str | None:
    """The role the last cue in `text` gives what follows: forbid, suggest or speech."""
    last = None
    for last in CUE.finditer(text):
        pass
    return last.lastgroup if last else None


def category(phrase: str) -> str:
    """The tone of a forbidden phrase (shift_responsibility, blame_customer …) or forbidden_phrase."""
    return next((name for name, cue in _CATEGORIES if re.search(cue, phrase)), "forbidden_phrase")


def scenario(*texts: str) -> str | None:
    """The scenario key the first text naming a scene decides; None when no text names one."""
    for text in texts:
        if text and (key := next((k for k, cue in _SCENES if re.search(cue, text)), None)):
            return key
    return None
