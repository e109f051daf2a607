"""Web routes of the what-if and the principal's queue (included by ``planning/urls.py``)."""

from __future__ import annotations

from django.urls import path

from seta.planning import views_watals

urlpatterns = [
    path("wat-als/", views_watals.wat_als, name="wat-als"),
    path("wachtrij/", views_watals.wachtrij, name="wachtrij"),
]
