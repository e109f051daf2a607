"""Routes of the public register (Woo), mounted at ``register/`` by ``seta/web/urls.py``: no login."""

from __future__ import annotations

from django.urls import path, re_path

from seta.rapportage import register_views as views

app_name = "register"
urlpatterns = [
    path("", views.index, name="index"),
    path("robots.txt", views.robots, name="robots"),
    path("<slug:sv>", views.verband, name="verband"),
    path("<slug:sv>/organisatie", views.organisatie, name="organisatie"),
    path("<slug:sv>/feed.json", views.feed_json, name="feed_json"),
    path("<slug:sv>/diwoo.xml", views.diwoo_xml, name="diwoo_xml"),
    # the Woo-harvester's naming convention: three digits (sitemapindex-diwoo-infocat008.xml)
    re_path(
        r"^(?P<sv>[-a-zA-Z0-9_]+)/sitemapindex-diwoo-infocat(?P<nummer>[0-9]{3})\.xml$",
        views.sitemapindex,
        name="sitemapindex",
    ),
    re_path(
        r"^(?P<sv>[-a-zA-Z0-9_]+)/diwoo-infocat(?P<nummer>[0-9]{3})\.xml$",
        views.infocat_xml,
        name="infocat_xml",
    ),
    path("<slug:sv>/opdrachten/<int:pk>", views.opdracht, name="opdracht"),
    path("<slug:sv>/besluiten/<int:pk>", views.besluit, name="besluit"),
    path("<slug:sv>/rapportages/<int:pk>", views.rapportage, name="rapportage"),
    path("<slug:sv>/rapportages/<int:pk>/pdf", views.rapportage_pdf, name="rapportage_pdf"),
    path("<slug:sv>/gemeenten/<slug:gemeente>", views.gemeente, name="gemeente"),
    path(
        "<slug:sv>/gemeenten/<slug:gemeente>/feed.json", views.gemeente_feed_json, name="gemeente_feed_json"
    ),
    path(
        "<slug:sv>/gemeenten/<slug:gemeente>/diwoo.xml", views.gemeente_diwoo_xml, name="gemeente_diwoo_xml"
    ),
]
