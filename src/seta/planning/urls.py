"""Web routes of planning (mounted at /planning/): the index, the rules under ``regels/``, the absences under
``afwezigheden/``, the capacity under ``capaciteit/``; the plan's and the what-if's pages (``urls_plan.py``,
``urls_watals.py``) are included when those modules exist."""

from __future__ import annotations

import importlib

from django.urls import URLPattern, URLResolver, path

from seta.planning import views

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("regels/", views.regels_lijst, name="regels_lijst"),
    path("regels/nieuw/<slug:slug>", views.regels_nieuw, name="regels_nieuw"),
    path("regels/<int:pk>", views.regels_detail, name="regels_detail"),
    path("regels/<int:pk>/wijzigen", views.regels_wijzigen, name="regels_wijzigen"),
    path("regels/<int:pk>/<slug:actie>", views.regels_actie, name="regels_actie"),
    path("afwezigheden/", views.afwezigheden, name="afwezigheden"),
    path("afwezigheden/nieuw", views.afwezigheid_nieuw, name="afwezigheid_nieuw"),
    path("afwezigheden/<int:pk>/wijzigen", views.afwezigheid_wijzigen, name="afwezigheid_wijzigen"),
    path("afwezigheden/<int:pk>/verwijderen", views.afwezigheid_verwijderen, name="afwezigheid_verwijderen"),
    path("capaciteit/", views.capaciteit, name="capaciteit"),
]

for _naam in ("seta.planning.urls_plan", "seta.planning.urls_watals"):
    try:
        _module = importlib.import_module(_naam)
    except ModuleNotFoundError as exc:
        if exc.name != _naam:
            raise
        continue
    urlpatterns += _module.urlpatterns
