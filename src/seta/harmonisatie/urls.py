"""Pages of harmonisation (``/harmonisatie/…``)."""

from django.urls import URLPattern, path

from seta.harmonisatie import views, views_voorstel

app_name = "harmonisatie"
urlpatterns: list[URLPattern] = [
    # --- similar orders and the variant map (h-app)
    path("vergelijkbaar", views.vergelijkbaar, name="vergelijkbaar"),
    path("variantenkaart", views.variantenkaarten, name="variantenkaarten"),
    path("variantenkaart/<str:sv>", views.variantenkaart, name="variantenkaart"),
    path("variantenkaart/<str:sv>/<int:item>", views.variantenkaart_item, name="variantenkaart_item"),
    # --- end similar orders and the variant map
]
# --- voorstellen ------------------------------------------------------------------------------------------------------
urlpatterns += [
    path("voorstellen/", views_voorstel.lijst, name="voorstel_lijst"),
    path("voorstellen/nieuw", views_voorstel.nieuw, name="voorstel_nieuw"),
    path("voorstellen/<int:pk>/", views_voorstel.detail, name="voorstel_detail"),
    path("voorstellen/<int:pk>/<slug:actie>", views_voorstel.actie, name="voorstel_actie"),
    path("voorstellen/partij/<int:pk>/<slug:actie>", views_voorstel.besluit, name="voorstel_besluit"),
]
# --- end voorstellen --------------------------------------------------------------------------------------------------
