"""Web routes of planning (mounted at /planning/). Placeholder until the rules' pages are merged."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from seta.planning import urls_watals

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [*urls_watals.urlpatterns]
