"""Up to three replies the agent can say next, each checked against our rules and citing its sources.

One pipeline for both models: the scenario, emotion, conversation facts and relevant rules are
rendered into prompts/suggest.yaml; the offline model answers it with `assist.compose` (registered
as the 'suggest' handler), a served model from the prompt. Every reply then passes `Checker.check`;
a flagged one is regenerated once, then dropped.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from pydantic import BaseModel

from assist.compose import DEFAULT_FALLBACK, FALLBACK, Draft, DraftReply, RuleRef, compose, own_company, sla_for, sla_text
from assist.conversation import Turn, as_turns, extract_facts, last_customer_line
from assist.emotion import Emotion
from assist.intents import commitments, raised
from assist.voice import agent_line
from core.llm import ChatModel, LLMError, Provenance, fell_back
from core.prompts import PromptError, render
from core.types import Source

MAX_SUGGESTIONS = 3
SEARCH_HITS = 3
TURN_CHARS = 1000
OFFLINE_INSTEAD = "已改用离线建议"
# The served model's streamed format: one reply per line, citations as [n].
CITATION = re.compile(r"\[(\d+)\]")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.、)]|（\d+）)\s*")


class Suggestion(BaseModel):
    text: str
    sources: list[Source]


class Suggestions(Provenance):
    """What `kefu suggest --json` prints: the line, its emotion and scenario, the replies, and who wrote them."""

    text: str
    emotion: Emotion
    scenario: str
    suggestions: list[Suggestion]


class Context(BaseModel):
    """Everything a reply is built from, computed once per request."""

    turns: list[Turn]
    line: str
    emotion: Emotion
    scenario: str
    rules: list[RuleRef]
    variables: dict
    raised: set[str] = set()


class Suggester:
    """Suggests compliant, cited replies for the conversation so far."""

    def __init__(self, rulebook, searcher, checker, emotion, scenarios, chat_model: ChatModel, company: str | None = None):
        self.rulebook = rulebook
        self.company = company  # the workspace's own name; no other organisation is ever put in the agent's mouth
        self.searcher = searcher
        self.checker = checker
        self.emotion = emotion
        self.scenarios = scenarios
        self.chat_model = chat_model
        if chat_model.offline and hasattr(chat_model, "register"):
            chat_model.register("suggest", compose)
        self.calm = next((p for p in rulebook.procedures if "安抚" in p.name), None)

    def suggest(self, turns_or_text) -> Suggestions:
        """Scenario, emotion and up to three checked, cited replies."""
        context = self.context(turns_or_text)
        origin = {"backend": self.chat_model.backend}
        try:
            draft = self.chat_model.complete(render("suggest", **context.variables), Draft)
        except (LLMError, PromptError) as exc:
            draft = compose(context.variables)  # a failing endpoint still leaves the agent with replies
            origin = fell_back(exc, OFFLINE_INSTEAD)
        return self.finish(context, draft, origin)

    def stream(self, turns_or_text) -> Iterator[str | Suggestions]:
        """Yield the served model's text as it arrives, then the checked Suggestions (offline: only those)."""
        context = self.context(turns_or_text)
        if self.chat_model.offline:
            yield self.finish(context, compose(context.variables))
            return
        text, origin = "", {"backend": self.chat_model.backend}
        try:
            for piece in self.chat_model.stream(render("suggest", **{**context.variables, "stream": True})):
                text += piece
                yield piece
            draft = parse_lines(text)
            if not draft.suggestions:  # an empty stream (or a 200 body that was none) is no answer
                raise LLMError("the streamed answer held no reply", "invalid_output")
        except (LLMError, PromptError) as exc:
            draft = compose(context.variables)
            origin = fell_back(exc, OFFLINE_INSTEAD)
        yield self.finish(context, draft, origin)

    def context(self, turns_or_text) -> Context:
        turns = as_turns(turns_or_text)
        line = last_customer_line(turns)
        emotion = self.emotion.read(line)
        # Read first: a detector built with this reader (services.py) reuses its reading of the line.
        scenario = self.scenarios.detect(turns)
        facts = extract_facts(turns)
        rules = self.rules(scenario, line)
        sla = sla_for(self.rulebook, scenario)
        phrases = [r for r in rules if r.kind == "phrase" and r.scenario == scenario]
        topics = raised([t.text for t in turns if t.role == "customer"])
        variables = {
            # A pasted wall of text must not become a wall of prompt: the end of each turn is what counts.
            "turns": [{"role": t.role, "text": t.text[-TURN_CHARS:]} for t in turns[-12:]],
            "scenario": scenario,
            "situation": self.rulebook.phrases_for(scenario)[0].situation if self.rulebook.phrases_for(scenario) else "",
            "emotion": {**emotion.model_dump(), "upset": emotion.upset},
            "facts": {"address": facts.address, "order": facts.order, "sla": sla_text(sla) if sla else None},
            "rules": [r.model_dump() | {"cite": r.cite} for r in rules],
            "phrases": [r.model_dump() for r in phrases],
            "avoid": [],
            "company": self.company,
            "raised": sorted(topics),
            "stream": False,
            "count": MAX_SUGGESTIONS,
        }
        return Context(turns=turns, line=line, emotion=emotion, scenario=scenario, rules=rules, variables=variables,
                       raised=topics)

    def rules(self, scenario: str, line: str) -> list[RuleRef]:
        """The scenario's prescribed phrases (then fallbacks), its SLA, the calming procedure and search hits."""
        refs: list[RuleRef] = []
        for key in (scenario, *FALLBACK.get(scenario, DEFAULT_FALLBACK)):
            refs += [RuleRef(kind="phrase", scenario=key, text=p.text, file=p.source.file, article=p.source.article)
                     for p in self.rulebook.phrases_for(key)]
        if sla := sla_for(self.rulebook, scenario):
            refs.append(RuleRef(kind="sla", scenario=scenario, text=sla.text, file=sla.source.file, article=sla.source.article))
        if self.calm:
            refs.append(RuleRef(kind="procedure", text=f"{self.calm.name}：{'、'.join(self.calm.steps)}",
                                file=self.calm.source.file, article=self.calm.source.article))
        # Retrieval embeds the query, which costs more than the whole offline budget; only a served
        # model, which reads prose, gets the passages.
        if self.searcher is not None and not self.chat_model.offline and line.strip():
            try:
                hits = self.searcher.search(line, k=SEARCH_HITS).hits
            except ValueError:  # QueryError: nothing searchable in the line
                hits = []
            refs += [RuleRef(kind="hit", text=h.text[:300], file=h.source, article=h.article) for h in hits]
        return refs

    def finish(self, context: Context, draft: Draft, origin: dict | None = None) -> Suggestions:
        """Check every reply; regenerate the flagged ones once, drop those still flagged; attach sources."""
        kept, flagged = self.screen(context, draft.suggestions)
        if flagged:
            retry = {**context.variables, "avoid": flagged, "count": len(flagged)}
            try:
                again = self.chat_model.complete(render("suggest", **retry), Draft)
            except (LLMError, PromptError):
                again = compose(retry)
            more, _ = self.screen(context, again.suggestions, seen={s.text for s in kept})
            kept += more
        if len(kept) < MAX_SUGGESTIONS and not self.chat_model.offline:
            # Fewer than three usable model replies: the offline composer tops them up.
            more, _ = self.screen(context, compose(context.variables).suggestions, seen={s.text for s in kept})
            kept += more
        return Suggestions(text=context.line, emotion=context.emotion, scenario=context.scenario,
                           suggestions=kept[:MAX_SUGGESTIONS], **(origin or {}))

    def screen(self, context: Context, replies: list[DraftReply], seen: set[str] | None = None):
        """Replies that pass check (with sources) and the texts of those that do not."""
        seen = set(seen or ())
        kept, flagged = [], []
        for reply in replies:
            text = reply.text.strip()
            if not text or text in seen:
                continue
            seen.add(text)
            text = own_company(text, self.company)
            # Slots filled (or their sentence dropped); the customer's voice or an echo is redrafted like a flagged
            # reply, and so is a promise nobody asked for.
            spoken = agent_line(text, context.variables["facts"], [t.text for t in context.turns if t.role == "customer"])
            if spoken is None or self.checker.check(spoken).violations or commitments(spoken) - context.raised:
                flagged.append(text)
                continue
            kept.append(Suggestion(text=spoken, sources=self.sources(context, reply.rules)))
        return kept, flagged

    @staticmethod
    def sources(context: Context, numbers: list[int]) -> list[Source]:
        """The cited rules' sources; the scenario's first rule when a reply cites nothing valid."""
        cited = [context.rules[n - 1] for n in numbers if 1 <= n <= len(context.rules)] or context.rules[:1]
        unique: dict[tuple[str, str], Source] = {}
        for rule in cited:
            unique.setdefault((rule.file, rule.article), Source(file=rule.file, article=rule.article))
        return list(unique.values())


def safe_rewrite(checker, text: str | None, company: str | None = None) -> str | None:
    """A rewrite fit to show: in the workspace's own name and passing check; None when it is not."""
    if not text:
        return None
    text = own_company(text, company)
    return None if checker.check(text).violations else text


def parse_lines(text: str) -> Draft:
    """A streamed answer (one reply per line, citations as [n]) as a Draft."""
    replies = []
    for line in text.splitlines():
        numbers = [int(n) for n in CITATION.findall(line)]
        body = BULLET.sub("", CITATION.sub("", line)).strip()
        if body:
            replies.append(DraftReply(text=body, rules=numbers))
    return Draft(suggestions=replies)


def parse_turns(line: str):
    """A CLI/JSONL input: a JSON list of turns when it looks like one, else one customer line."""
    stripped = line.strip()
    if stripped.startswith("["):
        try:
            turns = json.loads(stripped)
        except ValueError:
            return line
        if isinstance(turns, list):
            return turns
    return line
