"""Web routes of dienstverlening (mounted at /dienstverlening/): the service agreements (DVO) under ``dvo/``, the
compliance under ``naleving/`` (``naleving_urls.py``)."""

from __future__ import annotations

from django.urls import path

from seta.dienstverlening import naleving_urls, views

app_name = "dienstverlening"

urlpatterns = [
    path("dvo", views.lijst, name="dvo_lijst"),
    path("dvo/nieuw/<slug:slug>", views.nieuw, name="dvo_nieuw"),
    path("dvo/<int:pk>", views.detail, name="dvo_detail"),
    path("dvo/<int:pk>/wijzigen", views.wijzigen, name="dvo_wijzigen"),
    path("dvo/<int:pk>/escalatie", views.escalatie, name="dvo_escalatie"),
    path("dvo/<int:pk>/diensten/nieuw", views.dienst, name="dvo_dienst_nieuw"),
    path("dvo/<int:pk>/diensten/<int:afspraak_pk>", views.dienst, name="dvo_dienst"),
    path(
        "dvo/<int:pk>/diensten/<int:afspraak_pk>/verwijderen",
        views.dienst_verwijderen,
        name="dvo_dienst_verwijderen",
    ),
    path("dvo/<int:pk>/<slug:actie>", views.actie, name="dvo_actie"),
    *naleving_urls.urlpatterns,
]
