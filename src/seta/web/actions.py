"""The web side of a service call: every refusal keeps its meaning and its HTTP status.

The API maps each ``SetaError`` to problem+json with its status (``ActorMixin.validated/respond`` and
``api/exceptions.py``); the pages do the same here, so a refused POST is a 403 that says why, not a
302 with a message:

- ``run(request, call, form=...)`` calls the service; a ``SetaError`` goes onto the form
  (``apply_errors``: each message next to its field) or, without a form, into the messages, and its
  status (400 invalid, 403 forbidden, 404, 409 conflict, 412 stale, 428) is remembered for the answer;
- ``page_status(request, form)`` is that status for the re-rendered page (400 for a form that did not
  validate, 200 otherwise);
- ``refusal(request, exc, back=...)`` is the page for a refused button (no form to show it on;
  ``form_invalid(form)`` turns a small button form's errors into the same 400);
- ``SetaErrorMiddleware`` renders ``refusal`` for any ``SetaError`` a view lets through (e.g. a
  tampered parameter parsed with ``seta.core.bounds``), so none becomes a 500;
- ``safe_next(request, value, default)`` is the only way a page redirects to an address from the request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from seta.core.errors import InvalidInput, SetaError
from seta.web.forms import apply_errors

T = TypeVar("T")
_STATUS = "_seta_status"


@dataclass
class Outcome(Generic[T]):
    """What a service call gave: its value, or the error that refused it."""

    value: T | None = None
    error: SetaError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status(self) -> int:
        return self.error.status if self.error is not None else 200


def run(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    form: forms.BaseForm | None = None,
    rename: Mapping[str, str] | None = None,
    fallback: str | None = None,
) -> Outcome[T]:
    """``call()``; a ``SetaError`` is shown on ``form`` (or as a message) and sets the page's status."""
    try:
        return Outcome(value=call())
    except SetaError as exc:
        if form is not None:
            apply_errors(form, exc, rename=rename, fallback=fallback)
        else:
            messages.error(request, exc.detail)
        setattr(request, _STATUS, exc.status)
        return Outcome(error=exc)


def page_status(request: HttpRequest, form: forms.BaseForm | None = None) -> int:
    """The status of a page (re)rendered after a POST: the refusal's, 400 for form errors, else 200."""
    status = getattr(request, _STATUS, None) or getattr(form, "seta_status", None)
    if status:
        return int(status)
    if request.method == "POST" and form is not None and form.is_bound and form.errors:
        return 400
    return 200


def form_invalid(form: forms.BaseForm, detail: str = "Een of meer velden zijn ongeldig.") -> InvalidInput:
    """A bound form's errors as the ``InvalidInput`` a service would raise (for ``refusal``)."""
    fields = {
        (naam if naam != "__all__" else "formulier"): [str(m) for m in berichten]
        for naam, berichten in form.errors.items()
    }
    return InvalidInput(detail, fields=fields)


def safe_next(request: HttpRequest, value: str | None, default: str) -> str:
    """``value`` when it is a path or address on this site (https when the request was), else ``default``."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


def refusal(request: HttpRequest, exc: SetaError, *, back: str | None = None) -> HttpResponse:
    """The page for a refused action: what was refused and why, with the status of the refusal."""
    velden: list[tuple[str, str]] = []
    if isinstance(exc, InvalidInput):
        velden = [(naam, bericht) for naam, berichten in exc.fields.items() for bericht in berichten]
    referer = request.META.get("HTTP_REFERER")
    terug = back or safe_next(request, referer, "/")
    return render(
        request,
        "web/weigering.html",
        {"titel": exc.title, "uitleg": exc.detail, "velden": velden, "terug": terug},
        status=exc.status,
    )


class SetaErrorMiddleware:
    """A ``SetaError`` that leaves a page view is answered with ``refusal`` (the API has its own handler)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SetaError) and not request.path.startswith("/api/"):
            return refusal(request, exception)
        return None
