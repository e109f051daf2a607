"""Login, home page per role, account (personal API token) and the error pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from seta.autorisaties import selectors
from seta.autorisaties import services as autorisatie_services
from seta.autorisaties.actor import actor_for
from seta.autorisaties.inloggen import InlogFormulier
from seta.core.errors import SetaError
from seta.web.forms import apply_errors
from seta.web.home import panels_for

DEMO_VOORBEELDEN = [
    "wethouder.blaricum",
    "burgemeester.laren",
    "raadslid.laren",
    "griffier.eemnes",
    "regisseur.eemnes",
    "secretaris.laren",
    "directeur.bel",
    "teamleider.bel",
    "medewerker.bel",
    "controller.bel",
    "wethouder.ten-boer",
    "directeur.kempen",
    "beheerder",
]


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = InlogFormulier  # lockout after repeated failures (autorisaties/inloggen.py)
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.SETA_DEMO:
            context["demo_gebruikers"] = DEMO_VOORBEELDEN
        return context

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        form.fields["username"].label = "Gebruikersnaam"
        form.fields["password"].label = "Wachtwoord"
        return form


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    panels = panels_for(actor)
    for panel in panels:
        panel.html = mark_safe(render_to_string(panel.template, panel.context, request))
    return render(request, "web/home.html", {"panels": panels})


class WachtwoordFormulier(forms.Form):
    huidig = forms.CharField(
        label="Huidig wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    nieuw = forms.CharField(
        label="Nieuw wachtwoord",
        strip=False,
        help_text="Minstens 12 tekens; geen veelgebruikt wachtwoord, niet alleen cijfers, niet uw naam.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    herhaling = forms.CharField(
        label="Nieuw wachtwoord (nogmaals)",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


@never_cache  # the answer to "make a token" holds the full token
@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    token = selectors.eigen_token(request.user)
    nieuw = None
    wachtwoord_form = WachtwoordFormulier(auto_id="wachtwoord-%s")
    status = 200
    if request.method == "POST" and request.POST.get("actie") == "wachtwoord":
        wachtwoord_form = WachtwoordFormulier(request.POST, auto_id="wachtwoord-%s")
        if wachtwoord_form.is_valid():
            try:
                autorisatie_services.change_password(
                    actor=actor, user=request.user, **wachtwoord_form.cleaned_data
                )
            except SetaError as exc:
                apply_errors(wachtwoord_form, exc)
                status = exc.status
            else:
                update_session_auth_hash(request, actor.user)  # stay logged in
                messages.success(request, "Uw wachtwoord is gewijzigd.")
                return redirect("web:account")
        else:
            status = 400
    elif request.method == "POST":
        try:
            if request.POST.get("actie") == "intrekken":
                autorisatie_services.revoke_token(actor=actor, user=request.user)
                messages.success(request, "Uw API-token is ingetrokken.")
                return redirect("web:account")
            nieuw = autorisatie_services.renew_token(actor=actor, user=request.user)
            token = nieuw.token
            messages.success(
                request,
                "Er is een nieuw API-token aangemaakt. Kopieer het nu: het wordt niet opnieuw getoond, "
                "en een vorig token werkt niet meer.",
            )
        except SetaError as exc:
            messages.error(request, exc.detail)
    context = {"token": token, "nieuw": nieuw, "rollen": actor.rollen, "wachtwoord_form": wachtwoord_form}
    return render(request, "web/account.html", context, status=status)


def error_page(
    request: HttpRequest,
    status: int,
    titel: str,
    uitleg: str,
    *,
    invalid_params: list[dict[str, str]] | None = None,
) -> HttpResponse:
    """The error page (problem+json under /api/, with ``invalidParams`` when given) with ``status``."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        from seta.api.exceptions import PROBLEM, problem

        extra: dict[str, Any] = {"invalidParams": invalid_params} if invalid_params else {}
        return JsonResponse(
            problem(status, uitleg, instance=request.get_full_path(), **extra),
            status=status,
            content_type=PROBLEM,
        )
    return render(request, "web/error.html", {"titel": titel, "uitleg": uitleg}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 (a SuspiciousOperation); a body over the upload limit is a 413 with its own page."""
    from django.core.exceptions import RequestDataTooBig

    from seta.api.exceptions import te_groot_uitleg

    if isinstance(exception, RequestDataTooBig):
        return error_page(request, 413, "Verzoek te groot", te_groot_uitleg())
    return error_page(request, 400, "Ongeldig verzoek", "Het verzoek is ongeldig en is geweigerd.")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request, 404, "Pagina niet gevonden", "Deze pagina bestaat niet, of u heeft er geen toegang toe."
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    uitleg = str(exception or "").strip() or "U mag deze handeling niet uitvoeren."
    return error_page(request, 403, "Geen toestemming", uitleg)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(
        request, 500, "Er ging iets mis", "Er ging iets mis aan onze kant. De fout is vastgelegd."
    )
