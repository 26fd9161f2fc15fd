"""The REST API for agent desktops (/api/v1/…), served beside the Gradio app on the same port."""
from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Literal

import gradio as gr
import uvicorn
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from core.settings import Settings
from core.workspace import WorkspaceError
from knowledge.rulebook import RulebookError
from knowledge.search import QueryError
from knowledge.store import StoreError
from services import Services
from simulator.persona import DataError, get_persona
from simulator.transcript import Transcript, Turn
from ui.messages import MAX_QUERY_CHARS, InputError, clean_line

log = logging.getLogger(__name__)

PREFIX = "/api/v1"
MAX_BODY = 256 * 1024  # a 200-turn transcript is ~20 KB; anything far larger is a mistake or an attack
MAX_TURNS = 200
LOOPBACK = ("127.", "localhost", "::1")

NO_TOKEN = "REST 接口未启用：请设置环境变量 KEFU_API_TOKEN 后重启应用，例如 KEFU_API_TOKEN=一串足够长的随机字符 kefu app。"
BAD_TOKEN = "缺少或错误的访问令牌：请在请求头中加入 Authorization: Bearer <KEFU_API_TOKEN>。"
TOO_MANY = "请求过于频繁（每秒最多 {rate:g} 次），请稍后重试。"
TOO_LARGE = f"请求体过大：最多 {MAX_BODY // 1024} KB。"
NEED_TEXT = "请提供 text（客户的最新一句话）或 turns（对话轮次列表）中的一个。"
BAD_TURN = "turns[{i}]：{message}"
FAILED = "{what}暂时出错，请稍后重试。"
UNAVAILABLE = "{what}暂不可用：{message}"
HTTP_FAILED = {400: "请求格式不正确：请求体不是有效的 UTF-8 JSON", 404: "找不到该接口。", 405: "该接口不支持此请求方法。"}
EXPOSED = ("拒绝启动：KEFU_HOST={host} 会让局域网内的其他电脑访问 kefu，必须同时设置 {missing}。"
           "请设置后重启，或去掉 KEFU_HOST 只在本机使用。")
INVALID = {
    "missing": "缺少字段 {where}", "json_invalid": "请求体不是有效的 JSON", "string_type": "{where} 必须是文本",
    "int_type": "{where} 必须是整数", "int_parsing": "{where} 必须是整数", "int_from_float": "{where} 必须是整数",
    "literal_error": "{where} 只能是 {expected}", "greater_than_equal": "{where} 不能小于 {ge}",
    "less_than_equal": "{where} 不能大于 {le}", "too_short": "{where} 不能为空", "too_long": "{where} 最多 {max_length} 项",
    "string_too_long": "{where} 最多 {max_length} 个字符", "list_type": "{where} 必须是列表",
    "model_attributes_type": "{where} 必须是 JSON 对象", "dict_type": "{where} 必须是 JSON 对象",
}


class ApiError(Exception):
    """An answer other than 200; `detail` is Chinese and safe to show."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers


class Body(BaseModel):
    workspace: str | None = Field(None, description="工作区名称（默认 KEFU_WORKSPACE，否则 demo）")


class CheckBody(Body):
    text: str = Field(description="坐席的一句话")


class TurnIn(BaseModel):
    role: Literal["customer", "agent"]
    text: str


class SuggestBody(Body):
    text: str | None = Field(None, description="客户的最新一句话")
    turns: list[TurnIn] | None = Field(None, max_length=MAX_TURNS, description="或整段对话，最后一句是客户的话")


class SearchBody(Body):
    query: str = Field(description="要检索的问题")
    k: int = Field(5, ge=1, le=50)


class GradeBody(Body):
    persona: str = Field(description="客户角色 id，同 kefu simulate --persona")
    scenario: str | None = None
    turns: list[TurnIn] = Field(min_length=1, max_length=MAX_TURNS)


class Gate:
    """The bearer token (constant-time compare) and an optional per-token token bucket."""

    def __init__(self, token: str | None, rate: float | None):
        self.token = (token or "").encode()
        self.rate = rate or 0.0
        self.buckets: dict[bytes, tuple[float, float]] = {}  # token -> (allowance, last refill)
        self.lock = threading.Lock()

    async def __call__(self, request: Request) -> None:
        if not self.token:
            raise ApiError(503, NO_TOKEN)
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        key = given.strip().encode("latin-1")
        if scheme.lower() != "bearer" or not hmac.compare_digest(key, self.token):
            raise ApiError(401, BAD_TOKEN, {"WWW-Authenticate": "Bearer"})
        if self.rate and not self.spend(key):
            raise ApiError(429, TOO_MANY.format(rate=self.rate), {"Retry-After": str(max(1, round(1 / self.rate)))})

    def spend(self, key: bytes) -> bool:
        """Take one request from the token's bucket (burst = one second's worth, at least 1)."""
        now, burst = time.monotonic(), max(1.0, self.rate)
        with self.lock:
            allowance, last = self.buckets.get(key, (burst, now))
            allowance = min(burst, allowance + (now - last) * self.rate)
            if allowance < 1:
                self.buckets[key] = (allowance, now)
                return False
            self.buckets[key] = (allowance - 1, now)
            return True


class BodyLimit:
    """ASGI middleware: /api/v1 bodies over `limit` bytes get 413 before anything parses them."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX):
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            # The server never delivers more than Content-Length, so the header alone decides.
            if not length.isdigit() or int(length) > self.limit:
                return await _too_large(scope, receive, send)
            return await self.app(scope, receive, send)
        chunks, size, more = [], 0, True  # chunked upload: read it up to the limit, then replay it
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size, more = size + len(chunks[-1]), message.get("more_body", False)
            if size > self.limit:
                return await _too_large(scope, receive, send)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replayed():
            return replay.pop() if replay else await receive()

        await self.app(scope, replayed, send)


async def _too_large(scope, receive, send) -> None:
    await JSONResponse({"detail": TOO_LARGE}, status_code=413, headers={"Connection": "close"})(scope, receive, send)


def _explain(errors) -> str:
    """The first validation error, in Chinese, naming the field."""
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "请求体"
    template = INVALID.get(first.get("type"), "{where} 的值无效")
    try:
        return "请求格式不正确：" + template.format(where=where, **(first.get("ctx") or {}))
    except (KeyError, IndexError):
        return f"请求格式不正确：{where} 的值无效"


def _turns(turns: list[TurnIn]) -> list[dict]:
    """Each turn's text cleaned (NUL and other control characters dropped); a bad one is named."""
    cleaned = []
    for i, turn in enumerate(turns):
        try:
            cleaned.append({"role": turn.role, "text": clean_line(turn.text)})
        except InputError as exc:
            raise ApiError(422, BAD_TURN.format(i=i, message=exc)) from None
    return cleaned


def _suggest_input(body: SuggestBody):
    if (body.text is None) == (body.turns is None):
        raise ApiError(422, NEED_TEXT)
    return clean_line(body.text) if body.text is not None else _turns(body.turns)


def _guard(what: str, fn: Callable):
    """Run one service call; bad input is 422, a store or rulebook that will not load 503, a bug a logged 500."""
    try:
        return fn()
    except ApiError:
        raise
    except (InputError, QueryError, DataError) as exc:
        raise ApiError(422, str(exc)) from None
    except (RulebookError, StoreError) as exc:
        raise ApiError(503, UNAVAILABLE.format(what=what, message=exc)) from None
    except Exception:
        log.exception("REST %s failed", what)
        raise ApiError(500, FAILED.format(what=what)) from None


async def _answer(what: str, fn: Callable[[], dict], inline: bool) -> JSONResponse:
    """Run inline, or in the threadpool when it may wait on a model, embed a query or build a service first.

    Measured under 32 clients: a built checker (~0.2 ms) is faster inline than the thread hop; offline suggest
    and grade are faster in the threadpool, where numpy's GIL-free stretches use the second core."""
    return JSONResponse(_guard(what, fn) if inline else await run_in_threadpool(_guard, what, fn))


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def create_api(services: Services, settings: Settings) -> FastAPI:
    """The /api/v1 routes; plain FastAPI handlers, so they never wait in Gradio's queue."""
    api = FastAPI(title="kefu REST API", version="1", openapi_url=f"{PREFIX}/openapi.json", docs_url=f"{PREFIX}/docs",
                  redoc_url=None, description="坐席桌面调用的接口：话术检查、回复建议、规范检索、通话评分。")
    api.add_middleware(BodyLimit)
    gate = [Depends(Gate(settings.api_token, settings.api_rate_limit))]

    @api.exception_handler(ApiError)
    async def _api_error(request, exc: ApiError):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=exc.headers)

    @api.exception_handler(RequestValidationError)
    async def _invalid(request, exc: RequestValidationError):
        return JSONResponse({"detail": _explain(exc.errors())}, status_code=422)

    @api.exception_handler(HTTPException)
    async def _http(request, exc: HTTPException):
        detail = HTTP_FAILED.get(exc.status_code, FAILED.format(what="请求"))
        # FastAPI says 400 for a body it cannot decode; to a client that is one more invalid body.
        status = 422 if exc.status_code == 400 else exc.status_code
        return JSONResponse({"detail": detail}, status_code=status, headers=exc.headers)

    def space(name: str | None) -> Services:
        if name is None:
            return services
        try:
            return services.in_workspace(name)
        except WorkspaceError as exc:
            raise ApiError(404, str(exc)) from None

    @api.get(f"{PREFIX}/health")
    def health() -> dict:
        """Whether the app is up (no token needed): workspace, backend, and whether the API is enabled."""
        return {"status": "ok", "workspace": services.workspace.name, "backend": services.chat_model.backend,
                "api": bool(settings.api_token)}

    @api.post(f"{PREFIX}/check", dependencies=gate)
    async def check(body: CheckBody):
        """Check one agent line: {"text", "violations": [...], "backend"} (as `kefu check --json`)."""
        target = space(body.workspace)
        return await _answer("检查", lambda: target.checker.check(clean_line(body.text)).model_dump(mode="json"),
                             inline="checker" in target.__dict__)

    @api.post(f"{PREFIX}/suggest", dependencies=gate)
    async def suggest(body: SuggestBody):
        """Up to three cited replies: the Suggestions JSON of `kefu suggest --json`."""
        target = space(body.workspace)
        return await _answer("建议回复", lambda: target.suggester.suggest(_suggest_input(body)).model_dump(mode="json"),
                             inline=False)

    @api.post(f"{PREFIX}/suggest/stream", dependencies=gate)
    def suggest_stream(body: SuggestBody):
        """Server-sent events: `piece` {"text"} as a served model writes, then `suggestions` (the full JSON)."""
        target = space(body.workspace)  # 404 first, as the other routes answer; nothing is built yet
        turns = _guard("建议回复", lambda: _suggest_input(body))
        suggester = _guard("建议回复", lambda: target.suggester)

        def events() -> Iterator[str]:
            try:
                for item in suggester.stream(turns):
                    yield _sse("piece", {"text": item}) if isinstance(item, str) else \
                        _sse("suggestions", item.model_dump(mode="json"))
            except Exception:  # the status line is sent already: the failure becomes the last event
                log.exception("REST suggest stream failed")
                yield _sse("error", {"detail": FAILED.format(what="建议回复")})

        return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})

    @api.post(f"{PREFIX}/search", dependencies=gate)
    async def search(body: SearchBody):
        """Search the regulations: {"query", "relevant", "message"?, "hits": [...], "note"?} (as `kefu search --json`)."""
        target = space(body.workspace)
        return await _answer("检索", lambda: target.searcher.search(clean_line(body.query, MAX_QUERY_CHARS), body.k)
                             .model_dump(exclude_none=True), inline=False)

    @api.post(f"{PREFIX}/grade", dependencies=gate)
    async def grade(body: GradeBody):
        """Grade a transcript: the Grade JSON of `kefu grade --json`; an unknown persona is 422."""
        target = space(body.workspace)

        def run() -> dict:
            get_persona(body.persona)
            transcript = Transcript(persona=body.persona, scenario=body.scenario,
                                    turns=[Turn(**turn) for turn in _turns(body.turns)])
            return target.grader.grade(transcript).model_dump(mode="json")

        return await _answer("评分", run, inline=False)

    return api


def exposure_problem(settings: Settings) -> str | None:
    """Why serving on settings.host would be unsafe (a Chinese message), or None."""
    if settings.host.startswith(LOOPBACK):
        return None
    missing = [name for name, value in (("KEFU_TRAINER_PASSWORD", settings.trainer_password),
                                        ("KEFU_API_TOKEN", settings.api_token)) if not value]
    return EXPOSED.format(host=settings.host, missing=" 和 ".join(missing)) if missing else None


def create_app(demo: gr.Blocks, services: Services, settings: Settings, **gradio) -> FastAPI:
    """The REST API with the Gradio app mounted at / (our routes are matched first)."""
    return gr.mount_gradio_app(create_api(services, settings), demo, path="/", server_name=settings.host,
                               server_port=settings.server_port, max_file_size=f"{settings.upload_max_mb}mb", **gradio)


def serve(app: FastAPI, settings: Settings) -> None:
    """Serve on settings.host:server_port until interrupted (no access log: it would cost more than a check)."""
    print(f"kefu 已启动：http://{settings.host}:{settings.server_port}（REST 接口 {PREFIX}/docs）", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.server_port, log_level="warning", access_log=False)
