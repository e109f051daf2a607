"""API of the case data: /zaaktypekoppelingen, /zaaksystemen, /zaakimports (POST: import a file), /zaken.

Single cases, imports and case systems are read by the pool's directeur, controller and teamleiders (and
the beheerder); the mapping by everyone who sees the cooperation. Writes go through ``zaken.py``.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.fields import IdField
from seta.api.filters import IdFilter
from seta.api.parsers import CamelCaseMultiPartParser
from seta.api.views import ActorMixin
from seta.catalogus import selectors as catalogus_selectors
from seta.core import files
from seta.core.errors import InvalidInput, NotFound
from seta.dienstverlening import zaken, zaken_selectors
from seta.dienstverlening.models import Zaak, Zaakimport, Zaaksysteem, Zaaktypekoppeling
from seta.gemeenten import selectors as gemeenten_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors


# --- serializers ----------------------------------------------------------------------------------------------
class ZaaktypekoppelingSerializer(serializers.ModelSerializer[Zaaktypekoppeling]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    catalogusitem_code = serializers.CharField(source="catalogusitem.code", read_only=True)
    catalogusitem_naam = serializers.CharField(source="catalogusitem.naam", read_only=True)

    class Meta:
        model = Zaaktypekoppeling
        fields = [
            "id",
            "samenwerkingsverband",
            "zaaktype",
            "omschrijving",
            "catalogusitem",
            "catalogusitem_code",
            "catalogusitem_naam",
            "versie",
        ]
        read_only_fields = fields


def _zichtbaar(veld: str, waarde: Any, gevonden: Any) -> Any:
    if gevonden is None:
        raise InvalidInput(fields={veld: [f"'{waarde}' bestaat niet (of is niet zichtbaar voor u)."]})
    return gevonden


def _resolve(actor: Any, invoer: dict[str, Any]) -> dict[str, Any]:
    """Slugs and ids of the body as the records the actor may see (a 400 naming the field otherwise)."""
    uit = dict(invoer)
    if "samenwerkingsverband" in uit:
        slug = uit["samenwerkingsverband"]
        uit["samenwerkingsverband"] = _zichtbaar(
            "samenwerkingsverband", slug, sv_selectors.samenwerkingsverband_by_slug(actor, slug)
        )
    if "catalogusitem" in uit:
        pk = uit["catalogusitem"]
        uit["catalogusitem"] = _zichtbaar(
            "catalogusitem", pk, catalogus_selectors.catalogusitem_for(actor, pk)
        )
    if "gemeente" in uit:
        slug = uit["gemeente"]
        uit["gemeente"] = _zichtbaar("gemeente", slug, gemeenten_selectors.gemeente_by_slug(actor, slug))
    return uit


class ZaaktypekoppelingInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(
        help_text="Slug van het samenwerkingsverband, bijvoorbeeld bel."
    )
    zaaktype = serializers.CharField(max_length=300, help_text="Code of URL (ZGW Catalogi) van het zaaktype.")
    catalogusitem = IdField(help_text="Id van het catalogusitem.")
    omschrijving = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ZaaktypekoppelingWijzigSerializer(serializers.Serializer[Any]):
    zaaktype = serializers.CharField(max_length=300, required=False)
    catalogusitem = IdField(required=False, help_text="Id van het catalogusitem.")
    omschrijving = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ZaaksysteemSerializer(serializers.ModelSerializer[Zaaksysteem]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Zaaksysteem
        fields = [
            "id",
            "samenwerkingsverband",
            "gemeente",
            "naam",
            "api_root",
            "client_id",
            "geheim_variabele",
            "timeout_seconden",
            "actief",
            "versie",
        ]
        read_only_fields = fields


class ZaaksysteemInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(
        help_text="Slug van het samenwerkingsverband, bijvoorbeeld bel."
    )
    gemeente = serializers.SlugField(help_text="Slug van de deelnemer, bijvoorbeeld laren.")
    naam = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    api_root = serializers.URLField(
        max_length=300, help_text="Bijvoorbeeld https://zaken.example.nl/zaken/api/v1."
    )
    client_id = serializers.CharField(max_length=100)
    geheim_variabele = serializers.CharField(
        max_length=100,
        help_text="Naam van de omgevingsvariabele met het geheim; het geheim zelf wordt niet opgeslagen.",
    )
    timeout_seconden = serializers.IntegerField(min_value=1, max_value=120, required=False, default=10)
    actief = serializers.BooleanField(required=False, default=True)


class ZaaksysteemWijzigSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(max_length=100, required=False)
    api_root = serializers.URLField(max_length=300, required=False)
    client_id = serializers.CharField(max_length=100, required=False)
    geheim_variabele = serializers.CharField(max_length=100, required=False)
    timeout_seconden = serializers.IntegerField(min_value=1, max_value=120, required=False)
    actief = serializers.BooleanField(required=False)


class ZaakimportSerializer(serializers.ModelSerializer[Zaakimport]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="Leeg: de zaken van alle deelnemers."
    )
    ingelezen_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text="Leeg: het systeem."
    )

    class Meta:
        model = Zaakimport
        fields = [
            "id",
            "samenwerkingsverband",
            "gemeente",
            "periode_van",
            "periode_tot",
            "bron",
            "bestandsnaam",
            "sha256",
            "ingelezen_door",
            "tijdstip",
            "aantal_zaken",
            "aantal_vervangen",
        ]
        read_only_fields = fields


class ZaakimportInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(
        help_text="Slug van het samenwerkingsverband, bijvoorbeeld bel."
    )
    gemeente = serializers.SlugField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Slug van één deelnemer; leeg: alle deelnemers.",
    )
    periode_van = serializers.DateField()
    periode_tot = serializers.DateField(help_text="Tot en met.")
    bestand = serializers.FileField(help_text="CSV- of XLSX-export van zaken (docs/zaakgegevens.md).")

    def validate_bestand(self, value: Any) -> Any:
        try:
            files.check_size("zaken", value.size or 0, value.name or "bestand")
        except InvalidInput as exc:
            raise serializers.ValidationError([m for msgs in exc.fields.values() for m in msgs]) from exc
        return value


class ZaakSerializer(serializers.ModelSerializer[Zaak]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    catalogusitem_code = serializers.CharField(source="catalogusitem.code", read_only=True)

    class Meta:
        model = Zaak
        fields = [
            "id",
            "samenwerkingsverband",
            "zaakimport",
            "identificatie",
            "zaaktype",
            "catalogusitem",
            "catalogusitem_code",
            "gemeente",
            "ontvangen_op",
            "besloten_op",
            "opgeschorte_dagen",
            "uiterste_datum",
            "resultaat",
            "tevredenheid",
        ]
        read_only_fields = fields


# --- filters ----------------------------------------------------------------------------------------------------
class SvFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )


class ZaaktypekoppelingFilter(SvFilter):
    catalogusitem = IdFilter(field_name="catalogusitem_id", label="Id van het catalogusitem.")

    class Meta:
        model = Zaaktypekoppeling
        fields = ["samenwerkingsverband", "catalogusitem"]


class ZaaksysteemFilter(SvFilter):
    gemeente = django_filters.CharFilter(field_name="gemeente__slug", label="Slug van de gemeente.")

    class Meta:
        model = Zaaksysteem
        fields = ["samenwerkingsverband", "gemeente"]


class ZaakimportFilter(SvFilter):
    gemeente = django_filters.CharFilter(field_name="gemeente__slug", label="Slug van de gemeente.")

    class Meta:
        model = Zaakimport
        fields = ["samenwerkingsverband", "gemeente"]


class ZaakFilter(SvFilter):
    catalogusitem = IdFilter(field_name="catalogusitem_id", label="Id van het catalogusitem.")
    gemeente = django_filters.CharFilter(field_name="gemeente__slug", label="Slug van de gemeente.")
    ontvangenNa = django_filters.DateFilter(
        field_name="ontvangen_op", lookup_expr="gte", label="Ontvangen op of na deze datum."
    )
    ontvangenVoor = django_filters.DateFilter(
        field_name="ontvangen_op", lookup_expr="lte", label="Ontvangen op of vóór deze datum."
    )
    zaakimport = IdFilter(field_name="zaakimport_id", label="Id van de import.")

    class Meta:
        model = Zaak
        fields = [
            "samenwerkingsverband",
            "catalogusitem",
            "gemeente",
            "ontvangenNa",
            "ontvangenVoor",
            "zaakimport",
        ]


# --- views ------------------------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(summary="Zaaktypekoppelingen: welk zaaktype telt voor welk catalogusitem"),
    retrieve=extend_schema(summary="Eén zaaktypekoppeling"),
    create=extend_schema(
        summary="Zaaktypekoppeling vastleggen (controller of directeur van de pool)",
        request=ZaaktypekoppelingInvoerSerializer,
        responses={201: ZaaktypekoppelingSerializer},
    ),
    partial_update=extend_schema(
        summary="Zaaktypekoppeling wijzigen (If-Match)",
        request=ZaaktypekoppelingWijzigSerializer,
        responses={200: ZaaktypekoppelingSerializer},
    ),
    destroy=extend_schema(summary="Zaaktypekoppeling verwijderen (If-Match)", responses={204: None}),
)
class ZaaktypekoppelingViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Zaaktypekoppeling],
):
    serializer_class = ZaaktypekoppelingSerializer
    filterset_class = ZaaktypekoppelingFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Zaaktypekoppeling]:
        return zaken_selectors.koppelingen_for(self.actor).order_by(
            "samenwerkingsverband__naam", "zaaktype", "id"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        koppeling = zaken.create_koppeling(
            actor=self.actor, **_resolve(self.actor, self.validated(ZaaktypekoppelingInvoerSerializer))
        )
        return self.respond(koppeling, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        koppeling = self.get_object()
        invoer = _resolve(self.actor, self.validated(ZaaktypekoppelingWijzigSerializer))
        koppeling = zaken.update_koppeling(
            actor=self.actor, koppeling=koppeling, expected_version=expected_version(request), **invoer
        )
        return self.respond(koppeling)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaken.delete_koppeling(
            actor=self.actor, koppeling=self.get_object(), expected_version=expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Zaaksystemen (Zaken API's) van de deelnemers; zonder geheim"),
    retrieve=extend_schema(summary="Eén zaaksysteem"),
    create=extend_schema(
        summary="Zaaksysteem instellen (controller of directeur van de pool)",
        request=ZaaksysteemInvoerSerializer,
        responses={201: ZaaksysteemSerializer},
    ),
    partial_update=extend_schema(
        summary="Zaaksysteem wijzigen (If-Match)",
        request=ZaaksysteemWijzigSerializer,
        responses={200: ZaaksysteemSerializer},
    ),
    destroy=extend_schema(summary="Zaaksysteem verwijderen (If-Match)", responses={204: None}),
)
class ZaaksysteemViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Zaaksysteem],
):
    serializer_class = ZaaksysteemSerializer
    filterset_class = ZaaksysteemFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Zaaksysteem]:
        return zaken_selectors.zaaksystemen_for(self.actor).order_by(
            "samenwerkingsverband__naam", "gemeente__naam", "id"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaaksysteem = zaken.create_zaaksysteem(
            actor=self.actor, **_resolve(self.actor, self.validated(ZaaksysteemInvoerSerializer))
        )
        return self.respond(zaaksysteem, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaaksysteem = self.get_object()
        invoer = self.validated(ZaaksysteemWijzigSerializer)
        zaaksysteem = zaken.update_zaaksysteem(
            actor=self.actor, zaaksysteem=zaaksysteem, expected_version=expected_version(request), **invoer
        )
        return self.respond(zaaksysteem)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        zaken.delete_zaaksysteem(
            actor=self.actor, zaaksysteem=self.get_object(), expected_version=expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Zaakimports: wie las welke periode in, met hoeveel zaken"),
    retrieve=extend_schema(summary="Eén zaakimport"),
    create=extend_schema(
        summary="Zaken van een periode inlezen (CSV/XLSX; alles of niets; vervangt de periode)",
        request={"multipart/form-data": ZaakimportInvoerSerializer},
        responses={201: ZaakimportSerializer},
    ),
)
class ZaakimportViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Zaakimport],
):
    serializer_class = ZaakimportSerializer
    filterset_class = ZaakimportFilter
    parser_classes = [CamelCaseMultiPartParser]  # the house parser: a NUL in a field is a 400

    def get_queryset(self) -> QuerySet[Zaakimport]:
        return zaken_selectors.zaakimports_for(self.actor).order_by("-tijdstip", "-id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(ZaakimportInvoerSerializer)
        sv = sv_selectors.samenwerkingsverband_by_slug(self.actor, invoer["samenwerkingsverband"])
        if sv is None:
            raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar voor u).")
        gemeente = None
        if invoer["gemeente"]:
            gemeente = gemeenten_selectors.gemeente_by_slug(self.actor, invoer["gemeente"])
            if gemeente is None:
                raise InvalidInput(fields={"gemeente": [f"'{invoer['gemeente']}' is geen gemeente."]})
        imp = zaken.importeer(
            actor=self.actor,
            samenwerkingsverband=sv,
            gemeente=gemeente,
            periode_van=invoer["periode_van"],
            periode_tot=invoer["periode_tot"],
            bestand=invoer["bestand"],
        )
        return Response(ZaakimportSerializer(imp).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Zaken (alleen de pool: directeur, controller, teamleider)"),
    retrieve=extend_schema(summary="Eén zaak"),
)
class ZaakViewSet(ActorMixin, viewsets.ReadOnlyModelViewSet[Zaak]):
    serializer_class = ZaakSerializer
    filterset_class = ZaakFilter

    def get_queryset(self) -> QuerySet[Zaak]:
        return zaken_selectors.zaken_for(self.actor).order_by("ontvangen_op", "identificatie", "id")


def register(router: DefaultRouter) -> None:
    router.register("zaaktypekoppelingen", ZaaktypekoppelingViewSet, basename="zaaktypekoppeling")
    router.register("zaaksystemen", ZaaksysteemViewSet, basename="zaaksysteem")
    router.register("zaakimports", ZaakimportViewSet, basename="zaakimport")
    router.register("zaken", ZaakViewSet, basename="zaak")
