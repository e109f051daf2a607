"""Pages of signalen: /signalen/ (the actor's signals), /signalen/<id> and its POST …/afhandelen."""

from __future__ import annotations

from django.urls import path

from seta.signalen import views

app_name = "signalen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>", views.detail, name="detail"),
    path("<int:pk>/afhandelen", views.afhandelen, name="afhandelen"),
]
