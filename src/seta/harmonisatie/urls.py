"""Pages of harmonisation (``/harmonisatie/…``)."""

from django.urls import URLPattern

app_name = "harmonisatie"
urlpatterns: list[URLPattern] = []
