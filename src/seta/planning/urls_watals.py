"""Web routes of the what-if and the principal's queue (included by ``planning/urls.py``)."""

from __future__ import annotations

from django.urls import path

from seta.planning import views_watals

urlpatterns = [
    path("wat-als/", views_watals.wat_als, name="wat-als"),
    path("wachtrij/", views_watals.wachtrij, name="wachtrij"),
]

#: The links on the planning index page (``PLANNING_LINKS``): (url name, label, description).
LINKS: list[tuple[str, str, str]] = [
    (
        "planning:wachtrij",
        "Mijn wachtrij",
        "Waar de opdrachten van uw gemeente in het plan staan, en waarom.",
    ),
    (
        "planning:wat-als",
        "Wat als …?",
        "Probeer een nieuwe opdracht, prioriteit, deadline of extra capaciteit uit.",
    ),
]
