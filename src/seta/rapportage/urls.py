"""Web routes of the council reports (mounted at /rapportage/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from seta.rapportage import views

app_name = "rapportage"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.lijst, name="lijst"),
    path("nieuw", views.opstellen, name="opstellen"),
    path("abonneren", views.abonneren, name="abonneren"),
    path("abonnementen/<int:pk>/opzeggen", views.opzeggen, name="opzeggen"),
    path("cyclus/<slug:slug>/", views.cyclus, name="cyclus"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf", views.pdf, name="pdf"),
    path("<int:pk>/xlsx", views.xlsx, name="xlsx"),
    path("<int:pk>/<slug:actie>", views.actie, name="actie"),
]
