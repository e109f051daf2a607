"""Pages of the nacalculatie: /nacalculatie/… (the actuals themselves are a section of the assignment page)."""

from __future__ import annotations

from django.urls import path

from seta.nacalculatie import views

app_name = "nacalculatie"
urlpatterns = [
    path("opdrachten/<int:pk>/kosten", views.boeken, name="boeken"),
    path("opdrachten/<int:pk>/export.<str:formaat>", views.export, name="export"),
    path("kostenposten/<int:pk>", views.wijzigen, name="wijzigen"),
    path("kostenposten/<int:pk>/verwijderen", views.verwijderen, name="verwijderen"),
]
