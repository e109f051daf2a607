"""Web routes: login, home and account here; each domain app mounts its own ``urls.py``."""

from __future__ import annotations

import importlib

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from seta.web import views

WEB_APPS = [
    ("gemeenten", "gemeenten/"),
    ("samenwerkingsverbanden", "samenwerkingsverbanden/"),
    ("organisatie", "organisatie/"),
    ("catalogus", "catalogus/"),
    ("opdrachten", "opdrachten/"),
    ("uren", "uren/"),
    ("financien", "financien/"),
    ("dienstverlening", "dienstverlening/"),
    ("nacalculatie", "nacalculatie/"),
    ("signalen", "signalen/"),
    ("planning", "planning/"),
    ("rapportage", "rapportage/"),
    ("harmonisatie", "harmonisatie/"),
    ("scan", "scan/"),
    # the public register (Woo): no login; its own module and namespace ``register``
    ("rapportage.register_urls", "register/"),
]

app_name = "web"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("inloggen", views.LoginView.as_view(), name="login"),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("account", views.account, name="account"),
]

app_urlpatterns: list[URLPattern | URLResolver] = []
for app, prefix in WEB_APPS:
    name = f"seta.{app}" if "." in app else f"seta.{app}.urls"
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        continue
    app_urlpatterns.append(path(prefix, include(name)))
