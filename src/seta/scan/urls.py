"""Web routes of the samenwerkingsscan (mounted under /scan/)."""

from __future__ import annotations

from django.urls import path

from seta.scan import views

app_name = "scan"
urlpatterns = [
    path("", views.start, name="start"),
    path("nieuw", views.nieuw, name="nieuw"),
    path("vergelijk", views.vergelijk, name="vergelijk"),
    path("casussen", views.casussen, name="casussen"),
    path("<int:pk>/partners", views.partners, name="partners"),
    path("<int:pk>/vragen/<int:stap>", views.vragen, name="vragen"),
    path("<int:pk>/overzicht", views.overzicht, name="overzicht"),
    path("<int:pk>/berekenen", views.berekenen, name="berekenen"),
    path("<int:pk>/resultaat", views.resultaat, name="resultaat"),
    path("<int:pk>/rapport.pdf", views.rapport_pdf, name="rapport"),
    path("<int:pk>/verwijderen", views.verwijderen, name="verwijderen"),
]
