"""The desk's pages and forms (Starlette + Jinja2): rounds, proposals, decisions and exports.

Why server-rendered pages without JavaScript: a forum secretary opens it in any browser,
every action is a plain form, and Jinja2's autoescaping keeps every proposal's text inert.
"""

from __future__ import annotations

import secrets
from functools import partial
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from ambicion.errors import localized
from ambicion.i18n import catalogue

from . import feedback, intake
from .config import DeskConfig
from .security import BodyLimit, Gate, form_token, valid_form_token
from .store import Store
from .texts import LANGS, DEFAULT_LANG, decisions, plural, words
from .views import card

LANG_COOKIE = "desk_lang"
MAX_NAME = 200
MAX_ANSWER = 20_000
MAX_PASTE = 500_000
KEPT_NOTICES = 200


@dataclass
class Desk:
    """What every request needs: the configuration, the database and the page templates."""

    config: DeskConfig
    store: Store
    env: Environment
    notices: "OrderedDict[str, dict[str, Any]]" = field(default_factory=OrderedDict)

    def notice(self, **content: Any) -> str:
        """Keep a message for the page a form redirects to; only the newest are kept."""
        key = secrets.token_urlsafe(8)
        self.notices[key] = content
        while len(self.notices) > KEPT_NOTICES:
            self.notices.popitem(last=False)
        return key


def create_app(config: DeskConfig) -> ASGIApp:
    package = resources.files("ambicion_desk")
    env = Environment(loader=FileSystemLoader(str(package.joinpath("templates"))),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    desk = Desk(config, Store(config.db_path), env)
    routes = [
        Route("/", partial(rounds_page, desk)),
        Route("/rounds", partial(create_round, desk), methods=["POST"]),
        Route("/rounds/{rid:int}", partial(round_page, desk)),
        Route("/rounds/{rid:int}/proposals", partial(add_proposals, desk), methods=["POST"]),
        Route("/rounds/{rid:int}/proposals/{n:int}", partial(proposal_page, desk)),
        Route("/rounds/{rid:int}/proposals/{n:int}/decision", partial(decide, desk),
              methods=["POST"]),
        Route("/rounds/{rid:int}/proposals/{n:int}/remove", partial(remove, desk),
              methods=["POST"]),
        Route("/rounds/{rid:int}/export/{fmt:str}", partial(export, desk)),
        Route("/report.css", report_css),
        Mount("/static", StaticFiles(directory=str(package.joinpath("static"))), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        return render(desk, request, "error.html", {"message": words(lang_of(request))["not_found"]},
                      status=status)

    def too_large(request: Request, exc: Exception | None = None) -> Response:
        limit = f"{config.max_upload_bytes / 1_048_576:.2g} MB"
        return render(desk, request, "error.html",
                      {"message": words(lang_of(request))["too_large"].format(limit=limit)},
                      status=413)

    def bad_form(request: Request, exc: Exception) -> Response:
        w = words(lang_of(request))
        many = "files" in str(getattr(exc, "detail", "")).lower()
        message = w["too_many_files"].format(limit=config.max_files) if many else w["bad_form"]
        return render(desk, request, "error.html", {"message": message}, status=400)

    app = Starlette(routes=routes, exception_handlers={
        400: bad_form, 404: not_found, 405: not_found, 413: too_large})
    app.state.desk = desk

    def forbidden(request: Request, why: str) -> Response:
        w = words(lang_of(request))
        message = w["csrf"] if why == "origin" else w["forbidden"]
        return render(desk, request, "error.html", {"message": message}, status=403,
                      private=False)

    return BodyLimit(Gate(app, config.token, forbidden), config.max_upload_bytes, too_large)


# ---------------------------------------------------------------- helpers


def lang_of(request: Request) -> str:
    """?lang= first (and remembered in a cookie), then the cookie, then Spanish."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    return kept if kept in LANGS else DEFAULT_LANG


def render(desk: Desk, request: Request, template: str, context: dict[str, Any],
           status: int = 200, private: bool = True) -> HTMLResponse:
    """A page in the request's language; `private=False` for visitors not let in (no data path)."""
    lang = lang_of(request)
    other = "en" if lang == "es" else "es"
    page = desk.env.get_template(template).render(
        w=words(lang), lang=lang, decisions=decisions(), csrf=form_token(desk.store.secret()),
        switch_url=str(request.url.include_query_params(lang=other)),
        data_dir=str(desk.config.data_dir) if private else "", **context)
    response = HTMLResponse(page, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, samesite="lax", max_age=365 * 86400)
    return response


async def form_of(desk: Desk, request: Request):
    """The submitted form, or a 403 page when it lacks this desk's form token."""
    form = await request.form(max_files=desk.config.max_files + 1, max_fields=20,  # +1: functions
                              max_part_size=MAX_PASTE + 1)
    token = form.get("csrf")
    if not valid_form_token(token if isinstance(token, str) else None, desk.store.secret()):
        return None, render(desk, request, "error.html",
                            {"message": words(lang_of(request))["csrf"]}, status=403)
    return form, None


def redirect(url: str, notice: str | None = None) -> RedirectResponse:
    return RedirectResponse(url + (f"?notice={notice}" if notice else ""), status_code=303)


def round_or_404(desk: Desk, request: Request):
    rnd = desk.store.round(request.path_params["rid"])
    if rnd is None:
        raise HTTPException(404)
    return rnd


def _position(desk: Desk, round_id: int, key: int) -> int:
    """The place of proposal `key` in its round, as the forum numbers it."""
    keys = [p.number for p in desk.store.proposals(round_id)]
    return keys.index(key) + 1 if key in keys else 0


def taken_notice(desk: Desk, request: Request) -> dict[str, Any] | None:
    key = request.query_params.get("notice")
    return desk.notices.get(key) if key else None


# ---------------------------------------------------------------- pages


async def report_css(request: Request) -> Response:
    """The forum report's own styles, so the desk's cards look like the written feedback."""
    from ambicion.report.htmlkit import CSS

    return Response(CSS, media_type="text/css")


async def rounds_page(desk: Desk, request: Request) -> Response:
    return render(desk, request, "rounds.html", {"rounds": desk.store.rounds()})


async def create_round(desk: Desk, request: Request) -> Response:
    form, refused = await form_of(desk, request)
    if refused:
        return refused
    name = " ".join(str(form.get("name") or "").split())[:MAX_NAME]
    if not name:
        name = f"{words(lang_of(request))['new_round']} {len(desk.store.rounds()) + 1}"
    rid = desk.store.create_round(name)
    return redirect(f"/rounds/{rid}")


async def round_page(desk: Desk, request: Request) -> Response:
    rnd = round_or_404(desk, request)
    lang = lang_of(request)
    cards = [card(p, i, lang) for i, p in enumerate(desk.store.proposals(rnd.id), 1)]
    w = words(lang)
    decided = sum(1 for c in cards if c.decision)
    summary = " · ".join((plural(w["n_proposals"], len(cards)), plural(w["n_decided"], decided),
                          plural(w["n_pending"], len(cards) - decided)))
    return render(desk, request, "round.html",
                  {"round": rnd, "cards": cards, "summary": summary, "notice": taken_notice(desk, request),
                   "formats": feedback.FORMATS, "max_files": desk.config.max_files})


async def add_proposals(desk: Desk, request: Request) -> Response:
    rnd = round_or_404(desk, request)
    form, refused = await form_of(desk, request)
    if refused:
        return refused
    w = words(lang_of(request))
    uploads: list[intake.Upload] = []
    failures: list[tuple[str, str]] = []
    given = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(given) > desk.config.max_files:
        return redirect(f"/rounds/{rnd.id}", desk.notice(
            error=w["too_many_files"].format(limit=desk.config.max_files)))
    for item in given:
        name = intake.safe_name(item.filename or "")
        if intake.suffix_of(name) not in intake.ALLOWED_SUFFIXES:
            failures.append((name, w["bad_suffix"].format(suffix=intake.suffix_of(name) or "—")))
            continue
        uploads.append(intake.Upload(name, await item.read()))
    functions = form.get("functions")
    functions_upload = None
    if isinstance(functions, UploadFile) and functions.filename:
        fname = intake.safe_name(functions.filename)
        if intake.suffix_of(fname) in intake.FUNCTION_SUFFIXES:
            functions_upload = intake.Upload(fname, await functions.read())
        else:
            failures.append((fname, w["bad_suffix"].format(suffix=intake.suffix_of(fname) or "—")))
    pasted = str(form.get("text") or "")[:MAX_PASTE]
    pasted_source = " ".join(str(form.get("source") or "").split())[:MAX_NAME]
    if not uploads and not pasted.strip() and not failures:
        return redirect(f"/rounds/{rnd.id}", desk.notice(error=w["nothing_given"]))
    result = await run_in_threadpool(
        intake.screen, uploads, pasted, pasted_source or w["pasted_source"], functions_upload,
        desk.config.read_timeout,
        w["timed_out"].format(seconds=f"{desk.config.read_timeout:g}"))
    desk.store.add_proposals(rnd.id, [(s.source, s.assessment, s.commitment)
                                      for s in result.screened])
    said = catalogue(lang_of(request)).reason  # the library's reasons are English sentences
    key = desk.notice(added=plural(w["added"], len(result.screened)),
                      failures=failures + [(name, said(why)) for name, why in result.failures])
    return redirect(f"/rounds/{rnd.id}", key)


async def proposal_page(desk: Desk, request: Request) -> Response:
    rnd = round_or_404(desk, request)
    proposals = desk.store.proposals(rnd.id)
    n = request.path_params["n"]
    index = next((i for i, p in enumerate(proposals) if p.number == n), None)
    if index is None:
        raise HTTPException(404)
    lang = lang_of(request)
    cards = [card(p, i, lang) for i, p in enumerate(proposals, 1)]
    before = cards[index - 1] if index > 0 else None
    after = cards[index + 1] if index + 1 < len(cards) else None
    pending = next((c for c in cards[index + 1:] + cards[:index] if not c.decision), None)
    return render(desk, request, "proposal.html",
                  {"round": rnd, "card": cards[index], "previous": before,
                   "next": after, "pending": pending, "notice": taken_notice(desk, request)})


async def decide(desk: Desk, request: Request) -> Response:
    rnd = round_or_404(desk, request)
    form, refused = await form_of(desk, request)
    if refused:
        return refused
    n = request.path_params["n"]
    w = words(lang_of(request))
    decision = str(form.get("decision") or "")
    if decision and decision not in decisions():
        return redirect(f"/rounds/{rnd.id}/proposals/{n}", desk.notice(error=w["bad_decision"]))
    answer = feedback.xml_safe(str(form.get("answer") or ""))[:MAX_ANSWER].strip()
    if not desk.store.decide(rnd.id, n, decision or None, answer):
        raise HTTPException(404)
    position = _position(desk, rnd.id, n)
    return redirect(f"/rounds/{rnd.id}/proposals/{n}",
                    desk.notice(saved=w["saved"].format(n=position)))


async def remove(desk: Desk, request: Request) -> Response:
    rnd = round_or_404(desk, request)
    form, refused = await form_of(desk, request)
    if refused:
        return refused
    n = request.path_params["n"]
    if form.get("confirm") != "yes":
        return redirect(f"/rounds/{rnd.id}/proposals/{n}",
                        desk.notice(error=words(lang_of(request))["remove_unconfirmed"]))
    position = _position(desk, rnd.id, n)
    if not desk.store.remove(rnd.id, n):
        raise HTTPException(404)
    return redirect(f"/rounds/{rnd.id}",
                    desk.notice(added=words(lang_of(request))["deleted"].format(n=position)))


async def export(desk: Desk, request: Request) -> Response:
    rnd = round_or_404(desk, request)
    fmt = request.path_params["fmt"]
    if fmt not in feedback.FORMATS:
        raise HTTPException(404)
    proposals = desk.store.proposals(rnd.id)
    try:
        out = await run_in_threadpool(feedback.export, rnd, proposals, fmt, lang_of(request))
    except Exception as exc:  # one line on the page, never a traceback
        reason = localized(exc, catalogue(lang_of(request)))
        message = f"{words(lang_of(request))['export_failed']}: {reason}"
        return render(desk, request, "error.html", {"message": message}, status=500)
    return Response(out.data, media_type=out.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{out.filename}"'})
