"""Web routes of dienstverlening (mounted at /dienstverlening/): the service agreements (DVO) under ``dvo/``, the
compliance under ``naleving/`` (``naleving_urls.py``), the case data under ``zaken/``."""

from __future__ import annotations

from django.urls import path

from seta.dienstverlening import naleving_urls, views, zaken_views

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
    path("zaken/importeren", zaken_views.importeren, name="zaken_importeren"),
    path("zaken/imports", zaken_views.imports, name="zaken_imports"),
    path("zaken/zaaktypen", zaken_views.koppelingen, name="zaken_koppelingen"),
    path(
        "zaken/zaaktypen/<int:pk>/wijzigen", zaken_views.koppeling_wijzigen, name="zaken_koppeling_wijzigen"
    ),
    path(
        "zaken/zaaktypen/<int:pk>/verwijderen",
        zaken_views.koppeling_verwijderen,
        name="zaken_koppeling_verwijderen",
    ),
    path("zaken/zaaksystemen", zaken_views.zaaksystemen, name="zaken_zaaksystemen"),
    path(
        "zaken/zaaksystemen/<int:pk>/wijzigen",
        zaken_views.zaaksysteem_wijzigen,
        name="zaken_zaaksysteem_wijzigen",
    ),
    path(
        "zaken/zaaksystemen/<int:pk>/verwijderen",
        zaken_views.zaaksysteem_verwijderen,
        name="zaken_zaaksysteem_verwijderen",
    ),
    path(
        "zaken/zaaksystemen/<int:pk>/ophalen",
        zaken_views.zaaksysteem_ophalen,
        name="zaken_zaaksysteem_ophalen",
    ),
]
