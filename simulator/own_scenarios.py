"""A workspace's own practice scenarios: trainer-written YAML files beside the shipped catalogue.

One file per scenario in `Workspace.scenarios_dir`, named `<id>.yaml`. Trainers write them by hand
or in the app, and the 质检 tab makes them from real calls, so keys may be English or Chinese
(标题, 开场白, 已知信息 …) and every error is Chinese and names the file. A scenario plays as an
`OwnPlay`, a catalogue `Scenario` whose facts carry the trainer's own names (户号, 卡号后四位) and
whose goal is met by the agent turn its `resolve_*` fields describe.
"""
from __future__ import annotations

import math
import os
import re
import zlib
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assist.conversation import surname_of
from assist.intents import FACT_PATTERNS, INTENTS, SURNAMES, requested_info
from knowledge.normalize import normalize
from knowledge.rulebook import SCENARIOS
from simulator.bank import ScenarioBank
from simulator.persona import TOPICS, Catalog, Check, DataError, Scenario, load_catalog, load_personas

# Letters, digits and Chinese only: an id is a file name, so no dot, slash or space can get through.
ID = re.compile(r"^[0-9a-z\u4e00-\u9fff][0-9a-z\u4e00-\u9fff_-]{0,39}$")
# What an agent turn sounds like when it asks for something.
_ASKING = re.compile(r"请问|麻烦|提供|告诉|报一下|说一下|多少|什么|哪|核对|核实|确认|方便|吗|[？?]")
# Asking for "your details" without naming one: the caller gives what they know, never a hidden fact.
_ANY_DETAILS = re.compile(r"(相关|您的|个人|账户|账号)(信息|资料)")
# Fact names that mean the caller's name (the standard `name` fact is asked with 贵姓/怎么称呼).
_NAME_FACT = re.compile(r"^(姓|姓名|姓氏|称呼|名字|全名)$")
# Stages where the caller answers the agent's question; endings are never overridden.
_ANSWERING = ("opening", "giving_facts", "pushing", "calming", "pressing", "repeat")
# Said while pushing when the trainer named no wish: general enough for any kind of centre.
DEFAULT_WANTS = ["这个问题到底怎么解决", "你们打算怎么处理"]
INTENT_NAMES = {"solution": "给出解决办法", "commitment": "明确时限的承诺", "apology": "致歉", "empathy": "安抚",
                "confirmation": "复述确认", "transfer": "转接", "hold": "请客户稍等", "ask_info": "询问信息",
                "greeting": "问候", "closing": "结束语", "thanks": "致谢", "ask_name": "询问姓氏",
                "address_by_surname": "用姓氏称呼"}


class OwnScenario(BaseModel):
    """A trainer's practice scenario; keys in English or Chinese."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    id: str = Field("", validation_alias=AliasChoices("id", "编号"))
    title: str = Field(min_length=1, max_length=60, validation_alias=AliasChoices("title", "标题"))
    opening: list[str] = Field(min_length=1, max_length=10, validation_alias=AliasChoices("opening", "开场白", "客户问题"))
    facts: dict[str, str] = Field({}, validation_alias=AliasChoices("facts", "已知信息"))
    hidden: dict[str, str] = Field({}, validation_alias=AliasChoices("hidden", "隐藏信息"))
    wants: list[str] = Field([], validation_alias=AliasChoices("wants", "诉求"))
    resolve_keywords: list[str] = Field([], validation_alias=AliasChoices("resolve_keywords", "解决关键词"))
    resolve_intents: list[str] = Field([], validation_alias=AliasChoices("resolve_intents", "解决意图"))
    persona: str = Field("angry", validation_alias=AliasChoices("persona", "客户类型"))
    scenario_key: str = Field("other", validation_alias=AliasChoices("scenario_key", "场景类型"))
    rules: list[str] = Field([], validation_alias=AliasChoices("rules", "规则"))
    assigned_to: list[str] = Field([], validation_alias=AliasChoices("assigned_to", "指派给"))

    @field_validator("opening", "wants", "resolve_keywords", "rules", "assigned_to", mode="before")
    @classmethod
    def _lines(cls, value):
        # A trainer writes one line as a plain string, several as a list; blank lines mean nothing.
        items = [value] if isinstance(value, str) else list(value or [])
        lines = [str(v).strip() for v in items if str(v or "").strip()]
        if any(len(line) > 200 for line in lines):
            raise ValueError("每一句请控制在 200 字以内")
        return lines

    @field_validator("facts", "hidden", mode="before")
    @classmethod
    def _fact_values(cls, value):
        if not isinstance(value, dict):
            raise ValueError("请写成“名称: 值”的形式，例如 户号: 1234567")
        facts = {str(k).strip(): str(v).strip() for k, v in value.items() if str(k or "").strip() and v is not None}
        if any(len(k) > 20 or len(v) > 100 for k, v in facts.items()):
            raise ValueError("信息名称请控制在 20 字以内，值在 100 字以内")
        return facts

    @model_validator(mode="after")
    def _consistent(self) -> "OwnScenario":
        if self.id and not ID.match(self.id):
            raise ValueError(f"场景编号 {self.id!r} 无效：只能用小写字母、数字、汉字、- 或 _，最多 40 个字")
        checks = [(self.persona, tuple(load_personas()), "客户类型"), (self.scenario_key, SCENARIOS, "场景类型"),
                  *((intent, INTENTS, "解决意图") for intent in self.resolve_intents)]
        for value, known, what in checks:
            if value not in known:
                raise ValueError(f"未知的{what} {value!r}；可选：{', '.join(known)}")
        if both := sorted(set(self.facts) & set(self.hidden)):
            raise ValueError(f"信息 {both} 不能既是已知信息又是隐藏信息")
        if not self.resolve_keywords and not self.resolve_intents:
            self.resolve_intents = ["solution"]  # a concrete solution is what resolves any caller's problem
        return self

    def play(self) -> "OwnPlay":
        """This scenario as the simulator and grader use it."""
        keywords = "、".join(self.resolve_keywords)
        intents = "或".join(INTENT_NAMES.get(i, i) for i in self.resolve_intents)
        need = "；".join(filter(None, [f"提到{keywords}" if keywords else "", intents]))
        resolve = Check(id="resolve", detail=f"没有解决客户的问题（应当：{need}）", rules=self.rules,
                        pattern="|".join(map(re.escape, self.resolve_keywords)) or None,
                        any_intent=self.resolve_intents, points=10)
        wants = self.wants or DEFAULT_WANTS
        facts, hidden = {**self.facts, **self.hidden}, set(self.hidden)
        # Like every shipped caller, this one gives a surname when asked (我姓王); the trainer need not invent one.
        named = next((n for n in facts if _NAME_FACT.match(n)), None)
        facts["name"] = surname_of(facts.pop(named)) if named else SURNAMES[zlib.crc32(self.title.encode()) % 20]
        hidden = {"name" if n == named else n for n in hidden}
        return OwnPlay(
            id=self.id, title=self.title, goal="；".join([*self.opening, *wants]),
            # The nearest catalogue topic keeps topic-driven grading (misdial needs no empathy) meaningful.
            topic=self.scenario_key if self.scenario_key in TOPICS else "inquiry",
            facts=facts, hidden=sorted(hidden), goal_needs=["do:resolve"],
            must_do=[resolve], opening=self.opening, wants=wants, persona=self.persona, assigned_to=self.assigned_to)


class OwnPlay(Scenario):
    """A workspace scenario in play: facts under the trainer's names, its own opening and wishes."""

    opening: list[str]
    wants: list[str]
    hidden: list[str] = []
    persona: str = "angry"
    assigned_to: list[str] = []

    @field_validator("facts")
    @classmethod
    def _known_facts(cls, value: dict[str, str]) -> dict[str, str]:
        return value  # overrides Scenario's check: a centre names its own facts (户号, 卡号后四位)

    def bank(self) -> ScenarioBank:
        """The caller's `{issue}` and `{want}` lines for the persona's mood frames."""
        trim = lambda lines: [line.rstrip("。！!？?，,；; ") or line for line in lines]
        return ScenarioBank(issue=trim(self.opening), want=trim(self.wants))

    def answer(self, stage: str, asked: list[str], agent_text: str) -> tuple[str, list[str]]:
        """The stage and facts to give after this agent turn: facts named their own way are understood too."""
        if stage not in _ANSWERING or not agent_text:
            return stage, asked
        named = self.asked_facts(agent_text)
        covered = {_standard(name) for name in named}
        rest = [key for key in asked if key not in covered and key not in named]
        return ("giving_facts", named + rest) if named or rest else (stage, asked)

    def asked_facts(self, agent_text: str) -> list[str]:
        """Which of this scenario's facts the turn asks for; a general request gets only the known ones."""
        norm = normalize(agent_text).replace(" ", "")
        if not _ASKING.search(norm):
            return []
        standard = requested_info(norm)
        named = [name for name, value in self.facts.items()
                 if value not in norm and (_standard(name) in standard or _mentions(norm, name))]
        if not named and _ANY_DETAILS.search(norm):
            named = [name for name in self.facts if name not in self.hidden]
        return named

    def own_intents(self, agent_text: str) -> set[str]:
        """Asking for a fact named the centre's own way (户号) is asking for information, not ignoring the caller."""
        return {"ask_info"} if self.asked_facts(agent_text) else set()


def _standard(name: str) -> str | None:
    """The assist.intents fact a trainer's fact name stands for (订单号 → order), if any."""
    if _NAME_FACT.match(name):
        return "name"
    return next((key for key, pattern in FACT_PATTERNS.items() if pattern.search(name)), None)


def _mentions(text: str, name: str) -> bool:
    """Whether the text names the fact: the whole name, or most of its character pairs (燃气表的表号 ~ 燃气表号)."""
    if name in text:
        return True
    pairs = {name[i:i + 2] for i in range(len(name) - 1)}
    return len(pairs) >= 2 and sum(p in text for p in pairs) >= math.ceil(len(pairs) * 0.6)


# --- files ---


def _problem(exc: ValidationError) -> str:
    # Fields are named the Chinese way trainers write them (开场白, not opening).
    labels = {alias: f.validation_alias.choices[1] for f in OwnScenario.model_fields.values()
              for alias in f.validation_alias.choices}
    parts = []
    for err in exc.errors():
        where = ".".join(labels.get(str(p), str(p)) for p in err["loc"])
        what = "必填" if err["type"] == "missing" else str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}：{what}" if where else what)
    return "；".join(parts)


def parse_scenario(data, name: str = "") -> OwnScenario:
    """A spec from a mapping (a YAML file's or a form's); DataError names `name` and the field at fault."""
    where = f"练习场景 {name}" if name else "练习场景"
    if not isinstance(data, dict):
        raise DataError(f"{where} 格式不对：最外层应当是“字段: 值”的映射")
    try:
        return OwnScenario.model_validate(data)
    except ValidationError as exc:
        raise DataError(f"{where} 有误：{_problem(exc)}") from None


def _reserved() -> set[str]:
    return set(load_catalog().scenarios) | set(SCENARIOS)


def check_id(scenario_id: str) -> str:
    """The id, or DataError: it must be a safe file name and not a shipped scenario's id or key."""
    candidate = (scenario_id or "").strip()
    if not ID.match(candidate):
        raise DataError(f"场景编号 {scenario_id!r} 无效：只能用小写字母、数字、汉字、- 或 _，最多 40 个字。")
    if candidate in _reserved():
        raise DataError(f"场景编号 {candidate} 与内置场景重名，请换一个。")
    return candidate


def _slug(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "-", normalize(title).lower()).strip("-")[:36] or "scenario"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def save_scenario(scenarios_dir: Path, spec) -> str:
    """Write one scenario (a new one gets an id from its title); the file is replaced whole, never half-written."""
    spec = spec if isinstance(spec, OwnScenario) else parse_scenario(spec)
    directory = Path(scenarios_dir)
    existing = {p.stem for p in directory.glob("*.yaml")} if directory.is_dir() else set()
    scenario_id = check_id(spec.id) if spec.id else _slug(spec.title, existing | _reserved())
    directory.mkdir(parents=True, exist_ok=True)
    body = spec.model_dump(exclude={"id"})
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    tmp = directory / f".{scenario_id}.yaml.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, directory / f"{scenario_id}.yaml")
    return scenario_id


def read_scenarios(scenarios_dir: Path) -> tuple[list[OwnScenario], list[str]]:
    """Every valid scenario in the folder, and a Chinese message for each file that is not one."""
    directory = Path(scenarios_dir)
    specs, problems = [], []
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        try:
            scenario_id = check_id(path.stem)
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            spec = parse_scenario(data, path.name)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f"第 {mark.line + 1} 行" if mark is not None else ""
            problems.append(f"练习场景文件 {path.name} 不是有效的 YAML（{line}），已跳过；请检查缩进和冒号。")
            continue
        except (OSError, UnicodeDecodeError):
            problems.append(f"练习场景文件 {path.name} 无法读取（请保存为 UTF-8 文本），已跳过。")
            continue
        except DataError as exc:
            problems.append(f"{exc}（文件 {path.name}），已跳过。" if path.name not in str(exc) else f"{exc}，已跳过。")
            continue
        specs.append(spec.model_copy(update={"id": scenario_id}))
    return specs, problems


def load_scenarios(scenarios_dir: Path) -> list[OwnScenario]:
    """Every valid scenario in the folder (see `read_scenarios` for the files that are not)."""
    return read_scenarios(scenarios_dir)[0]


def delete_scenario(scenarios_dir: Path, scenario_id: str) -> None:
    """Delete one scenario file; an unknown id is a DataError."""
    path = Path(scenarios_dir) / f"{check_id(scenario_id)}.yaml"
    if not path.is_file():
        raise DataError(f"练习场景 {scenario_id} 不存在。")
    path.unlink()


def workspace_catalog(scenarios_dir: Path) -> Catalog:
    """The shipped catalogue plus the folder's scenarios, re-read only when a file there changes."""
    directory = Path(scenarios_dir)
    signature = []
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:  # deleted while we looked
            continue
        signature.append((path.name, stat.st_mtime_ns, stat.st_size))
    return _catalog(directory, tuple(signature))


@lru_cache(maxsize=16)
def _catalog(directory: Path, signature: tuple) -> Catalog:
    base = load_catalog()
    own = {spec.id: spec.play() for spec in load_scenarios(directory)}
    return base.model_copy(update={"scenarios": {**base.scenarios, **own}})


def for_trainee(scenarios: dict, trainee: str | None) -> list[str]:
    """Scenario ids with those assigned to this trainee first."""
    who = (trainee or "").strip()
    mine = [k for k, s in scenarios.items() if who and who in getattr(s, "assigned_to", ())]
    return mine + [k for k in scenarios if k not in mine]
