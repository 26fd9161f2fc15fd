"""Regexes for the templated forbidden phrases of 001 (服务禁语) whose middle part varies.

The lexicon catches the wording the rulebook lists; these catch the same templates with other
fillers (你应该找物业解决, 爱找谁找谁, 我都说了八遍了). Each pattern is tied to the rulebook
entry it generalizes by matching that entry's own text, so ids never live in this file.
Patterns run on normalized text (simplified, half-width, lower case, inner spaces gone), and every
gap is bounded so matching stays linear in the input length.
"""
from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

_YOU = "(?:你|您)"
# "Said it once more" is polite (我再说一遍); counting many times is lecturing.
_NUM = "(?:几|多少|好几|八百|一百|无数|[0-9]+|[三四五六七八九十]+)"


class Pattern(BaseModel):
    """One templated phrase; `category` is used when no rulebook entry matches the template."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    regex: re.Pattern
    category: str
    severity: str = "high"


def _p(name: str, regex: str, category: str, severity: str = "high") -> Pattern:
    return Pattern(name=name, regex=re.compile(regex), category=category, severity=severity)


PATTERNS: list[Pattern] = [
    # 这件事你应该找***解决 — sending the customer elsewhere (not 我帮您找…解决).
    _p("go_solve_elsewhere", rf"(?<!帮)(?<!帮你)(?<!帮您)(?:{_YOU}.{{0,4}}?(?:应该|应当|得|自己|最好)|你)去?找.{{0,10}}?(?:解决|处理|去问|问去|办去|去办)",
       "shift_responsibility"),
    # 愿意找谁找谁去 and its cousins.
    _p("find_whoever", r"(?:愿意|爱|想|要)找谁(?:就)?找谁|找谁都(?:行|可以|没用)", "shift_responsibility"),
    # 有意见找领导去 — complaint brushed off to someone else.
    _p("complain_elsewhere", r"有(?:意见|不满|问题)(?:的话)?(?:就|你|您)?(?:去)?(?:找|投诉).{0,8}?去", "shift_responsibility"),
    # 我告诉你几遍了 / 刚才和你说过了，怎么还问 / 不是告诉你了吗，怎么还不明白.
    _p("told_you_times", rf"(?:告诉|跟|和|给|对)(?:过)?{_YOU}?(?:说|讲)?(?:过|了)*{_NUM}(?:遍|次)", "lecturing"),
    _p("said_times", rf"(?:说|讲|告诉|解释)(?:过|了)+{_NUM}(?:遍|次|回)|(?:都|已经)(?:说|讲|告诉|解释)(?:过|了)*{_NUM}(?:遍|次|回)",
       "lecturing"),
    _p("told_already_still_ask",
       rf"(?:刚才|之前|早就|已经|不是)(?:都)?(?:和|跟|给|对)?{_YOU}?(?:说|讲|告诉|解释)(?:过|了)+.{{0,6}}?(?:怎么|咋|还)(?:还)?(?:问|不明白|不懂|不清楚|听不懂)",
       "lecturing"),
    # 你必需怎么样 — a bare order to the customer.
    _p("you_must", rf"{_YOU}(?:必须|必需|务必|一定得|只能)", "command_tone", "medium"),
    # 这个我不清楚 with a word in between (这个我真不清楚).
    _p("i_dont_know", r"(?:这|那)(?:个|事|件事)?我(?:真|也|确实|实在|可)?(?:不|没)(?:太)?(?:清楚|知道)", "forbidden_phrase", "medium"),
    # 这我怎么知道呀 / 我哪知道.
    _p("how_would_i_know", r"我(?:怎么|哪|咋|又)(?:会|能)?知道", "rude_tone"),
    # 急什么 / 别催我 / 我忙着呢，你等着.
    _p("dont_rush_me", r"(?:急|催|慌)什么|别催(?:我|了)?|着什么急|我(?:正|这)?忙着呢|你等着", "rude_tone"),
    # 催了也快不了 / 投诉也没用: telling the customer that pressing or complaining is futile.
    _p("futile_to_press", r"(?:催|急|投诉|告|打电话|打过来|打来)(?:了|我|几次|多少次|再多)*也(?:没用|没有用|白搭|白费|快不了|变不了|改变不了)",
       "rude_tone"),
    # 我只给您两分钟: rationing the customer's time on the line.
    _p("rationed_time", rf"(?:只|最多)(?:能)?给{_YOU}(?:[0-9一二两三四五六七八九十半]+)(?:分钟|秒钟?|句话)", "rude_tone"),
    # 真啰嗦 / 烦不烦.
    _p("so_annoying", r"(?:真|太|好|这么)(?:啰嗦|罗嗦|啰唆|烦人)|烦不烦|烦死", "rude_tone"),
    # 你这么激动干什么.
    _p("why_so_excited", rf"{_YOU}?(?:这么|那么)?激动(?:干什么|干嘛|做什么|什么)", "rude_tone"),
    # 不行就是不行 / 没得商量: a flat refusal with no explanation.
    _p("no_means_no", r"(?:不行|不可以|不能)就是(?:不行|不可以|不能)|没(?:得|啥|的)商量|没有商量的余地", "rude_tone"),
    # 您想好了再打电话来.
    _p("think_then_call", r"想(?:好|清楚)了?.{0,6}?(?:再|在)(?:打|来|打电话|拨)", "rude_tone"),
    # 怎么基本知识都不懂 / 连这个都不会.
    _p("dont_even_know", r"(?:连|怎么).{0,6}?都不(?:懂|会|知道)", "blame_customer"),
    # 你是不是听不到我讲话.
    _p("cant_you_hear", r"是不是听不(?:到|见|清)(?:我)?(?:讲|说)?", "rude_tone"),
    # 你声音大一点.
    _p("speak_louder", r"你(?:声音|说话)?(?:大|响)(?:一)?点", "command_tone"),
    # 冷静点 / 急什么 in other words: telling off a loud or impatient customer.
    _p("stop_shouting", r"(?:别|不要|少)(?:在这儿?|跟我)?(?:嚷嚷|吵吵?|喊|叫唤)|(?:嚷嚷|吵|喊|叫)(?:什么|啥)|行了行了|得了得了", "rude_tone"),
    # Brushing the customer off: 有完没完, 关我什么事, 随你便, 爱买不买, 拉倒, 我问谁去.
    _p("brush_off", r"有完没完|关我(?:什么|啥)事|凭什么(?:要|让)?我|随(?:你|您)(?:的)?便|随便(?:你|您)|"
       r"爱(?:信|退|买|要|用|修|换|听|办|等|来|查|投)不(?:信|退|买|要|用|修|换|听|办|等|来|查|投)|爱咋咋|拉倒|我问谁|"
       r"少(?:跟我)?(?:来这套|废话|啰嗦)|懒得(?:跟|和|理)|我无所谓|听不懂人话|(?:我|你)(?:可|也)?没空(?:听|陪|跟|管)", "rude_tone"),
    # Exasperation and walking away: 真是的, 这种问题也来问, 我下班了.
    _p("exasperation", r"真是的|这种(?:问题|小事|事)(?:也|都)(?:来|要|打)|我(?:要|都|已经)?下班了", "rude_tone"),
    # Rhetorical put-downs: 我又不是…, 这还用问, 难道还要我…, 说完我就挂了, 你这人真麻烦, 现在哪家不这样.
    _p("rhetorical_put_down", rf"我又不是|又不是我|(?:我们|咱们|这边|[行司台家])又不是|(?:现在|如今|这年头)哪(?:个|家|有).{{1,5}}?不|哪(?:个|家).{{1,5}}?不是这样|至于(?:吗|么|嘛)|这还用(?:问|说)|还用(?:我)?(?:教|说|问)吗|难道(?:还)?(?:要|让|得)我|"
       rf"(?:说完|没事|不说)了?(?:我)?(?:就)?挂了|{_YOU}(?:这人)?(?:真|太|怎么这么|可真)(?:麻烦|难缠|烦人|事多)", "rude_tone"),
    # 倒是 before an order is impatience (你倒是说啊).
    _p("impatient_order", r"倒是(?:说|讲|快|听|回答)", "rude_tone"),
    # Hindsight blame: 您要是早点…不就好了嘛 / 您如果当时…也不至于这样 (the customer, not the agent, in the if-clause).
    _p("hindsight_blame", rf"不就(?:没事|好|行|完|不会这样)了(?:嘛|吗|么|呗)|"
       rf"(?:{_YOU}(?:要是|如果|当初|当时|早)|(?:要是|如果|早知道|当初){_YOU}).{{0,12}}?(?:也|就)不至于|"
       rf"(?:本来|早)就?(?:该|应该|应当){_YOU}自己|{_YOU}自己(?:本来|早)就?(?:该|应该|应当)", "blame_customer"),
    # 那是您自己的事: the customer's problem declared none of ours (不是您的事 is a denial, turned by reversal).
    _p("your_own_business", rf"是{_YOU}(?:自己)?的事(?:情|儿)?", "blame_customer"),
    # 可别赖我们 / 怪不了别人 / 别什么都往银行身上推: the fault pushed back onto the customer by ruling everyone else out.
    _p("dont_blame_us", r"可?别赖(?:我|咱|别人)|(?:怪|怨|赖)不(?:了|着)(?:我|咱|别人|谁)|(?:怨|赖)不得(?:我|咱|别人)|"
       r"(?:别|不要|少)(?:什么事?都|啥都|都)?往.{0,8}?身上(?:推|赖|扯|怪)", "blame_customer"),
    # 您没注意看 / 您当时没认真听: carelessness asserted as fact (如果您没仔细看 is a supposition).
    _p("you_did_not_look", rf"{_YOU}(?<!如果[你您])(?<!要是[你您])(?<!万一[你您])(?:当时|自己)?(?:不|没)(?:注意|仔细|认真|好好)(?:看|听|读|检查|核对)",
       "blame_customer"),
    # Belittling what the customer can bear: 这点波动都扛不住, 您才等了十分钟就来催, 急成这样.
    _p("belittle_tolerance", rf"(?:这|那)么?一?点儿?.{{0,6}}?(?:都|也|就)(?:扛|受|接受|承受|忍|等|熬)不(?:住|了)|"
       rf"{_YOU}这?才.{{1,10}}?就(?:急|催|投诉|闹|吵|受不了|坐不住|等不及|不耐烦|打电话来催|打来催)|"
       # the emotion's character first, so the lookbehinds run only where it occurs (让您急成这样 is an apology)
       rf"(?:[急气慌吵闹]|激动)(?<![让害把][你您][急气慌吵闹])(?<![让害把][你您]激动)(?<!让[急气慌吵闹])成这样", "rude_tone"),
    # 您得自己联系保险公司: the next step handed to the customer alone (请您自己签字 is a duty, not a brush-off).
    _p("on_your_own", rf"{_YOU}(?:得|只能)自己去?(?:联系|找|打|问|处理|解决|想办法|弄|搞定)", "shift_responsibility"),
    # 下个月再说吧: putting the customer off to an unnamed later.
    _p("put_off", r"(?:以后|下次|下个?月|明天|改天|回头|过两天|过几天)再说吧", "rude_tone"),
    # Telling the customer how to behave: 我劝您, 发脾气也没用, 无理取闹.
    _p("scolding", rf"我劝{_YOU}|(?:长|上)点心|(?:以后|下次|下回).{{0,6}}?(?:注意|小心|当心|留意)点(?!儿)|普及一?下?常识|(?:发脾气|生气|发火|吵|闹|骂人?|喊|嚷)(?:也|是|都)?(?:没用|解决不了)|无理取闹|{_YOU}(?:要|得|应该)讲(?:点)?道理",
       "lecturing", "medium"),
    # 似乎解决不了.
    _p("cannot_solve", r"(?:好像|似乎|恐怕|估计|这个|这)解决不了", "shift_responsibility"),
]
