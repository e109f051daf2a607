"""API of harmonisation: similar orders, proposals with their answers, and the variant map."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from seta.api.fields import IdField
from seta.api.views import ActorMixin
from seta.core.errors import InvalidInput

# --- similar orders and the variant map (h-app) -------------------------------------------------------------------------
from seta.harmonisatie import selectors as harmonisatie_selectors
from seta.harmonisatie import varianten as harmonisatie_varianten


class VergelijkbaarParameters(serializers.Serializer[Any]):
    """The query parameters: an assignment (its own text), or a text being drafted in a cooperation."""

    opdracht = IdField(required=False, help_text="Id van een bestuursopdracht: zoek met haar eigen tekst.")
    samenwerkingsverband = IdField(
        required=False, help_text="Id van het samenwerkingsverband waarin gezocht wordt."
    )
    titel = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Titel van de opdracht."
    )
    tekst = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10000,
        help_text="Doelen, scope en wensen van de opdracht.",
    )
    catalogusitem = IdField(required=False, help_text="Id van het catalogusitem van de opdracht.")
    gemeenten = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Ids van de opdrachtgevers, gescheiden door komma's: hun eigen opdrachten zijn geen treffers.",
    )

    def validate_gemeenten(self, value: str) -> list[int]:
        ids: list[int] = []
        for deel in value.split(","):
            if not deel.strip():
                continue
            if not deel.strip().isdigit() or not 1 <= int(deel.strip()) <= 2**63 - 1:
                raise serializers.ValidationError("Een lijst ids gescheiden door komma's, bijvoorbeeld 3,7.")
            ids.append(int(deel.strip()))
        return ids

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("opdracht") is None and attrs.get("samenwerkingsverband") is None:
            raise serializers.ValidationError(
                {"samenwerkingsverband": "Geef een samenwerkingsverband (of een opdracht)."}
            )
        if attrs.get("opdracht") is None and not (attrs.get("titel") or attrs.get("tekst")):
            raise serializers.ValidationError({"titel": "Geef een titel of tekst (of een opdracht)."})
        return attrs


class RedenSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(
        choices=["termen", "betekenis", "catalogusitem", "taakveld", "periode"],
        help_text="Waarom de opdracht lijkt: gedeelde termen, betekenis, zelfde catalogusitem, taakveld, periode.",
    )
    tekst = serializers.CharField()


class TrefferSerializer(serializers.Serializer[Any]):
    """One hit, with only the fields its ``zicht`` allows (the others are null or empty)."""

    zicht = serializers.ChoiceField(
        choices=["volledig", "concept", "vertrouwelijk"],
        help_text="volledig: alle velden; concept (een concept van een partner): alleen gemeenten, catalogusitem en "
        "periode; vertrouwelijk (alleen de werkorganisatie): alleen de zin.",
    )
    zin = serializers.CharField(
        help_text="De treffer in één zin (bij concept en vertrouwelijk de enige omschrijving)."
    )
    score = serializers.FloatField(help_text="Gelijkenis tussen 0 en 1.")
    id = serializers.IntegerField(allow_null=True)
    nummer = serializers.CharField(allow_null=True)
    titel = serializers.CharField(allow_null=True)
    gemeenten = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField(allow_null=True)
    catalogusitem = serializers.CharField(allow_null=True)
    begin = serializers.DateField(allow_null=True)
    eind = serializers.DateField(allow_null=True)
    redenen = RedenSerializer(many=True)
    gedeelde_termen = serializers.ListField(child=serializers.CharField())
    methode = serializers.CharField(help_text="hybride (woorden en betekenis) of lexicaal (alleen woorden).")


def _treffer(h: harmonisatie_selectors.Hit) -> dict[str, Any]:
    volledig = h.zicht == "volledig"
    concept = h.zicht == "concept"
    return {
        "zicht": h.zicht,
        "zin": h.zin if not volledig else f"{h.nummer} {h.titel}",
        "score": round(h.score, 4),
        "id": h.id if volledig else None,
        "nummer": h.nummer if volledig else None,
        "titel": h.titel if volledig else None,
        "gemeenten": list(h.gemeenten) if volledig or concept else [],
        "status": h.status if volledig else None,
        "catalogusitem": h.catalogusitem if (volledig or concept) and h.catalogusitem else None,
        "begin": h.begin if volledig or concept else None,
        "eind": h.eind if volledig or concept else None,
        "redenen": [{"soort": r.soort, "tekst": r.tekst} for r in h.redenen] if volledig or concept else [],
        "gedeelde_termen": list(h.gedeelde_termen) if volledig else [],
        "methode": h.methode,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Vergelijkbare opdrachten van de andere partners",
        description=(
            "Zoekt met de tekst van een opdracht (`opdracht`) of met een tekst in opbouw (`samenwerkingsverband`, "
            "`titel`, `tekst`, `catalogusitem`, `gemeenten`) naar vergelijkbare opdrachten van de andere partners: "
            "concepten, lopende en in de laatste drie jaar opgeleverde. Elke treffer geeft alleen wat u mag zien "
            "(`zicht`, zie docs/harmonisatie.md); een vertrouwelijke opdracht van een partner ontbreekt voor een "
            "gemeente helemaal. Vereist het recht om te zoeken in het samenwerkingsverband (403)."
        ),
        parameters=[VergelijkbaarParameters],
        responses=TrefferSerializer(many=True),
    )
)
class VergelijkbaarViewSet(ActorMixin, viewsets.ViewSet):
    def list(self, request: Request) -> Response:
        invoer = VergelijkbaarParameters(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        p = invoer.validated_data
        vraag = harmonisatie_selectors.vraag_uit(
            self.actor,
            samenwerkingsverband_id=p.get("samenwerkingsverband"),
            catalogusitem_id=p.get("catalogusitem"),
            opdracht_id=p.get("opdracht"),
            gemeente_ids=p.get("gemeenten") or (),
            titel=p.get("titel", ""),
            tekst=p.get("tekst", ""),
        )
        if vraag.samenwerkingsverband is None:  # pragma: no cover - validate() demands one of both
            raise InvalidInput(fields={"samenwerkingsverband": ["Geef een samenwerkingsverband."]})
        hits = harmonisatie_selectors.vergelijkbaar_voor_vraag(self.actor, vraag)
        return Response(TrefferSerializer([_treffer(h) for h in hits], many=True).data)


class VariantenkaartParameters(serializers.Serializer[Any]):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")


class VariantSerializer(serializers.Serializer[Any]):
    nummer = serializers.IntegerField()
    gemeenten = serializers.ListField(child=serializers.CharField())
    aantal_opdrachten = serializers.IntegerField()
    uren = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Goedgekeurde uren samen.")
    klein_verschil = serializers.BooleanField(help_text="Verschilt maar weinig van een andere variant.")
    gelijkenis_naaste = serializers.FloatField(
        allow_null=True, help_text="Gelijkenis met de naaste andere variant."
    )
    voorbeeld = serializers.CharField(
        help_text="Nummer en titel van de opdracht die de variant vertegenwoordigt."
    )
    kader = serializers.CharField(
        help_text="Het representatieve kader: dienstverleningskader, DVO-normen, normen."
    )


class ItemkaartSerializer(serializers.Serializer[Any]):
    catalogusitem = serializers.IntegerField()
    catalogusitem_naam = serializers.CharField()
    taaksoort = serializers.CharField()
    partners = serializers.IntegerField()
    index = serializers.FloatField(help_text="De ijsco-zaak-index: varianten per partner.")
    varianten = VariantSerializer(many=True)


def _itemkaart(i: harmonisatie_varianten.Itemkaart) -> dict[str, Any]:
    return {
        "catalogusitem": i.catalogusitem.pk,
        "catalogusitem_naam": i.catalogusitem.naam,
        "taaksoort": i.taaksoort,
        "partners": i.kaart.partners,
        "index": round(i.index, 4),
        "varianten": [
            {
                "nummer": v.nummer,
                "gemeenten": list(v.gemeenten),
                "aantal_opdrachten": v.aantal,
                "uren": v.uren,
                "klein_verschil": v.klein_verschil,
                "gelijkenis_naaste": None if v.gelijkenis_naaste is None else round(v.gelijkenis_naaste, 4),
                "voorbeeld": f"{v.voorbeeld_nummer} {v.voorbeeld_titel}",
                "kader": v.kader,
            }
            for v in i.varianten
        ],
    }


@extend_schema_view(
    list=extend_schema(
        summary="De variantenkaart van de catalogus van een samenwerkingsverband",
        description=(
            "Per catalogusitem: de partners, de varianten (verschillende kaders en normen) met hun gemeenten en "
            "goedgekeurde uren, welke maar weinig verschillen, en de ijsco-zaak-index (varianten per partner). "
            "Zonder vertrouwelijke opdrachten. Gesorteerd op index, dan uren. Zie docs/harmonisatie.md."
        ),
        parameters=[VariantenkaartParameters],
        responses=ItemkaartSerializer(many=True),
    )
)
class VariantenkaartViewSet(ActorMixin, viewsets.ViewSet):
    def list(self, request: Request) -> Response:
        from seta.samenwerkingsverbanden import selectors as sv_selectors

        invoer = VariantenkaartParameters(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        sv = (
            sv_selectors.samenwerkingsverbanden_for(self.actor)
            .filter(pk=invoer.validated_data["samenwerkingsverband"])
            .first()
        )
        if sv is None:
            raise InvalidInput(fields={"samenwerkingsverband": ["Onbekend samenwerkingsverband."]})
        kaarten = harmonisatie_varianten.kaarten(self.actor, sv)
        return Response(ItemkaartSerializer([_itemkaart(i) for i in kaarten], many=True).data)


# --- end similar orders and the variant map


def register(router: BaseRouter) -> None:
    """Register this app's viewsets on ``router``."""
    # --- similar orders and the variant map (h-app)
    router.register("vergelijkbare-opdrachten", VergelijkbaarViewSet, basename="vergelijkbare-opdrachten")
    router.register("variantenkaart", VariantenkaartViewSet, basename="variantenkaart")
    # --- end similar orders and the variant map
    from seta.harmonisatie.api_voorstel import register_voorstellen

    register_voorstellen(router)  # harmonisation proposals
