"""Pages of harmonisation (``/harmonisatie/…``)."""

from django.urls import URLPattern, path

from seta.harmonisatie import views

app_name = "harmonisatie"
urlpatterns: list[URLPattern] = [
    # --- similar orders and the variant map (h-app)
    path("vergelijkbaar", views.vergelijkbaar, name="vergelijkbaar"),
    path("variantenkaart", views.variantenkaarten, name="variantenkaarten"),
    path("variantenkaart/<str:sv>", views.variantenkaart, name="variantenkaart"),
    path("variantenkaart/<str:sv>/<int:item>", views.variantenkaart_item, name="variantenkaart_item"),
    # --- end similar orders and the variant map
]
