"""Web routes of the plan, included by ``planning/urls.py`` (namespace ``planning``, mounted at /planning/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from seta.planning import views_plan

urlpatterns: list[URLPattern | URLResolver] = [
    path("plan/", views_plan.plan_overzicht, name="plan_overzicht"),
    path("plan/status", views_plan.plan_status, name="plan_status"),
    path("plan/berekenen", views_plan.plan_berekenen, name="plan_berekenen"),
    path("plan/eenheden", views_plan.plan_gantt, name="plan_gantt"),
    path("plan/verdeling", views_plan.plan_verdeling, name="plan_verdeling"),
]
