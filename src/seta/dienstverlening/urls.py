from django.urls import path

from seta.dienstverlening import zaken_views

app_name = "dienstverlening"
urlpatterns = [
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
