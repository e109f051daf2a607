"""API representations of bestuursopdrachten, their history, wijzigingsverzoeken, bestuursvragen and overleggen."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.api.fields import IdField, ToegestaneActiesField
from seta.autorisaties.actor import ANONYMOUS, Actor
from seta.catalogus import selectors as catalogus_selectors
from seta.gemeenten import selectors as gemeente_selectors
from seta.gemeenten.models import Functionaris, Gemeente, Portefeuille
from seta.gemeenten.serializers import ScopedPrimaryKeyField, ScopedSlugField
from seta.opdrachten import lifecycle, selectors
from seta.opdrachten.models import (
    Agendapunt,
    Besluit,
    Bestuursopdracht,
    Bestuursvraag,
    GerichtAan,
    Initiatief,
    Mijlpaal,
    Opdrachtgever,
    Overleg,
    Overlegsoort,
    Prioriteit,
    Rag,
    Reikwijdte,
    Soortwijziging,
    Statusovergang,
    Vertrouwelijkheid,
    Voortgangsrapportage,
    Wijzigingsverzoek,
)
from seta.organisatie import selectors as organisatie_selectors
from seta.planning import selectors_plan
from seta.samenwerkingsverbanden import selectors as sv_selectors


def _portefeuilles(actor: Actor) -> QuerySet[Portefeuille]:
    return gemeente_selectors.portefeuilles_for(actor)


def _regisseurs(actor: Actor) -> QuerySet[Functionaris]:
    return gemeente_selectors.functionarissen_for(actor).filter(functie="beleidsregisseur")


def _wethouders(actor: Actor) -> QuerySet[Functionaris]:
    return gemeente_selectors.functionarissen_for(actor).filter(functie="wethouder")


# --- output ----------------------------------------------------------------------------------------------------
class OpdrachtgeverSerializer(serializers.ModelSerializer[Opdrachtgever]):
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    portefeuille_naam = serializers.CharField(source="portefeuille.naam", read_only=True)
    beleidsregisseur_naam = serializers.CharField(
        source="beleidsregisseur.naam", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Opdrachtgever
        fields = [
            "gemeente",
            "gemeente_naam",
            "portefeuille",
            "portefeuille_naam",
            "beleidsregisseur",
            "beleidsregisseur_naam",
            "instemming",
            "ingestemd_op",
            "naar_raad",
            "teruggetrokken_op",
            "instemming_vervallen_op",
        ]
        read_only_fields = fields


class MijlpaalSerializer(serializers.ModelSerializer[Mijlpaal]):
    class Meta:
        model = Mijlpaal
        fields = ["omschrijving", "datum", "gereed"]
        read_only_fields = ["gereed"]


class VoortgangSerializer(serializers.ModelSerializer[Voortgangsrapportage]):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Voortgangsrapportage
        fields = ["datum", "status", "status_label", "percentage_gereed", "toelichting"]
        read_only_fields = fields


class OverschrijdingSerializer(serializers.Serializer[Any]):
    """The overrun of an estimate against its frame (``opdrachten/overschrijding.py``); amounts in euro as strings."""

    uren_boven_kader = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    euro_uren_boven_kader = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    kosten_raming = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    euro_boven_kader = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    uurtarief = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, help_text="null: geen uurtarief voor het jaar."
    )
    tariefjaar = serializers.IntegerField()
    melding = serializers.CharField()


class BestuursopdrachtSerializer(serializers.ModelSerializer[Bestuursopdracht]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    catalogusitem_naam = serializers.CharField(source="catalogusitem.naam", read_only=True)
    eenheid_naam = serializers.CharField(source="eenheid.naam", read_only=True)
    status_label = serializers.CharField(read_only=True)
    opdrachtgevers = OpdrachtgeverSerializer(many=True, read_only=True)
    gezamenlijk = serializers.BooleanField(source="is_gezamenlijk", read_only=True)
    mijlpalen = MijlpaalSerializer(many=True, read_only=True)
    deadline_in_gevaar = serializers.SerializerMethodField()
    toegestane_acties = serializers.SerializerMethodField()
    # planning (issue 11): where the assignment stands in its cooperation's current plan
    verwachte_oplevering = serializers.SerializerMethodField(
        help_text="De verwachte opleverdatum volgens het huidige plan (null: geen plan, niet planbaar of na de "
        "planperiode)."
    )
    planstatus = serializers.SerializerMethodField(help_text="De stand in het huidige plan.")
    overschrijding = serializers.SerializerMethodField(
        help_text="In intake: hoever de raming het kader overschrijdt (uren, euro's tegen het uurtarief); "
        "null als de raming binnen het kader blijft. Akkoord vraagt dan overschrijdingGezien: true."
    )

    class Meta:
        model = Bestuursopdracht
        fields = [
            "id",
            "nummer",
            "titel",
            "samenwerkingsverband",
            "catalogusitem",
            "catalogusitem_naam",
            "eenheid",
            "eenheid_naam",
            "status",
            "status_label",
            "initiatief",
            "vertrouwelijkheid",
            "gezamenlijk",
            "opdrachtgevers",
            # proceskader
            "deadline",
            "vroegste_start",
            "wettelijke_termijn",
            "verwachte_oplevering",
            "planstatus",
            "participatie_gewenst",
            "participatie_toelichting",
            "mijlpalen",
            # inhoudelijk kader
            "doelen",
            "politieke_wensen",
            "scope",
            "buiten_scope",
            "doelgroep",
            "reikwijdte",
            "prioriteit",
            # dienstverleningskader, budgetkader, raadsbesluit
            "dienstverleningskader",
            "max_uren",
            "max_euro",
            "raadsbesluit_kenmerk",
            "raadsbesluit_datum",
            # raming (intake)
            "raming_uren",
            "raming_externe_kosten",
            "raming_opleverdatum",
            "raming_toelichting",
            "overschrijding",
            "opgedragen_op",
            "opgeleverd_op",
            "vastgesteld_op",
            "naar_raad",
            "deadline_in_gevaar",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    def get_deadline_in_gevaar(self, obj: Bestuursopdracht) -> bool:
        return obj.deadline_in_gevaar()

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_verwachte_oplevering(self, obj: Bestuursopdracht) -> Any:
        return selectors_plan.planstand(obj)[0]

    @extend_schema_field(serializers.ChoiceField(choices=selectors_plan.PLANSTATUSSEN))
    def get_planstatus(self, obj: Bestuursopdracht) -> str:
        return selectors_plan.planstand(obj)[1]

    @extend_schema_field(OverschrijdingSerializer(allow_null=True))
    def get_overschrijding(self, obj: Bestuursopdracht) -> dict[str, Any] | None:
        actor = self.context.get("actor")
        if actor is None or obj.status != lifecycle.INTAKE or obj.raming_uren is None:
            return None
        context = cast("dict[str, Any]", self.context)  # shared by the rows of a list: one tariff lookup
        over = selectors.overschrijding_for(actor, obj, tarieven=context.setdefault("_uurtarieven", {}))
        return over.als_dict() if over.overschreden else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_toegestane_acties(self, obj: Bestuursopdracht) -> list[str]:
        actor = self.context.get("actor")
        if actor is None or not self.context.get("detail"):
            return []
        return [k.actie for k in selectors.allowed_actions(actor, obj)]


class StatusovergangSerializer(serializers.ModelSerializer[Statusovergang]):
    van_label = serializers.CharField(read_only=True)
    naar_label = serializers.CharField(read_only=True)
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    door = serializers.CharField(source="actor_naam", read_only=True)

    class Meta:
        model = Statusovergang
        fields = [
            "van",
            "van_label",
            "naar",
            "naar_label",
            "actie",
            "door",
            "rol",
            "kant",
            "gemeente",
            "reden",
            "deelbesluit",
            "wijzigingen",
            "overschrijding",
            "overschrijding_gezien",
            "tijdstip",
        ]
        read_only_fields = fields


class VerwantSerializer(serializers.Serializer[Any]):
    gemeente = serializers.CharField()
    zelfde_catalogusitem = serializers.IntegerField()
    zelfde_taakveld = serializers.IntegerField()


# --- input -------------------------------------------------------------------------------------------------------
class OpdrachtgeverInvoerSerializer(serializers.Serializer[Any]):
    gemeente: ScopedSlugField = ScopedSlugField(slug_field="slug", scope=gemeente_selectors.gemeenten_for)
    portefeuille = ScopedPrimaryKeyField(scope=_portefeuilles)
    beleidsregisseur = ScopedPrimaryKeyField(scope=_regisseurs, required=False, allow_null=True, default=None)


class MijlpaalInvoerSerializer(serializers.Serializer[Any]):
    omschrijving = serializers.CharField(max_length=200)
    datum = serializers.DateField()


class KaderInvoerSerializer(serializers.Serializer[Any]):
    """The frame fields (all optional here; the service says in Dutch what is missing)."""

    titel = serializers.CharField(max_length=200, required=False, allow_blank=True)
    catalogusitem = ScopedPrimaryKeyField(scope=catalogus_selectors.catalogusitems_for, required=False)
    vertrouwelijkheid = serializers.ChoiceField(choices=Vertrouwelijkheid.choices, required=False)
    deadline = serializers.DateField(required=False, allow_null=True)
    vroegste_start = serializers.DateField(required=False, allow_null=True)
    wettelijke_termijn = serializers.CharField(required=False, allow_blank=True, max_length=200)
    participatie_gewenst = serializers.BooleanField(required=False)
    participatie_toelichting = serializers.CharField(required=False, allow_blank=True)
    doelen = serializers.CharField(required=False, allow_blank=True)
    politieke_wensen = serializers.CharField(required=False, allow_blank=True)
    scope = serializers.CharField(required=False, allow_blank=True)
    buiten_scope = serializers.CharField(required=False, allow_blank=True)
    doelgroep = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reikwijdte = serializers.ChoiceField(choices=Reikwijdte.choices, required=False)
    prioriteit = serializers.ChoiceField(choices=Prioriteit.choices, required=False)
    dienstverleningskader = serializers.CharField(required=False, allow_blank=True)
    max_uren = serializers.DecimalField(
        max_digits=9, decimal_places=1, required=False, allow_null=True, min_value=0
    )
    max_euro = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    raadsbesluit_kenmerk = serializers.CharField(required=False, allow_blank=True, max_length=100)
    raadsbesluit_datum = serializers.DateField(required=False, allow_null=True)
    mijlpalen = MijlpaalInvoerSerializer(many=True, required=False)


class BestuursopdrachtInvoerSerializer(KaderInvoerSerializer):
    samenwerkingsverband: ScopedSlugField = ScopedSlugField(
        slug_field="slug", scope=sv_selectors.samenwerkingsverbanden_for
    )
    opdrachtgevers = OpdrachtgeverInvoerSerializer(many=True)
    initiatief = serializers.ChoiceField(choices=Initiatief.choices, default=Initiatief.GEMEENTE)


class OvergangInvoerSerializer(serializers.Serializer[Any]):
    reden = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Reden of toelichting; verplicht bij terugsturen, aanhouden en annuleren.",
    )


class RamingInvoerSerializer(OvergangInvoerSerializer):
    uren = serializers.DecimalField(max_digits=9, decimal_places=1, min_value=0)
    externe_kosten = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    eenheid = ScopedPrimaryKeyField(scope=organisatie_selectors.eenheden_for)
    opleverdatum = serializers.DateField()


class VoortgangInvoerSerializer(OvergangInvoerSerializer):
    status = serializers.ChoiceField(choices=Rag.choices, help_text="rood, oranje of groen")
    percentage_gereed = serializers.IntegerField(min_value=0, max_value=100, default=0)


class VaststellenInvoerSerializer(OvergangInvoerSerializer):
    naar_raad = serializers.BooleanField(
        default=False, help_text="Het resultaat ook aan de gemeenteraad aanbieden."
    )


class AkkoordInvoerSerializer(OvergangInvoerSerializer):
    overschrijding_gezien = serializers.BooleanField(
        default=False,
        help_text="Verplicht true als de raming het kader overschrijdt: u heeft de overschrijding gezien "
        "(zie overschrijding in de opdracht). Wordt bij uw besluit vastgelegd.",
    )


OVERGANG_INVOER: dict[str, type[OvergangInvoerSerializer]] = {
    "akkoord": AkkoordInvoerSerializer,
    "ramen": RamingInvoerSerializer,
    "voortgang": VoortgangInvoerSerializer,
    "vaststellen": VaststellenInvoerSerializer,
}
assert set(OVERGANG_INVOER) <= set(lifecycle.ACTIES)


# --- wijzigingsverzoeken -------------------------------------------------------------------------------------------
class WijzigingsverzoekSerializer(serializers.ModelSerializer[Wijzigingsverzoek]):
    bestuursopdracht_nummer = serializers.CharField(source="bestuursopdracht.nummer", read_only=True)
    goedgekeurd_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Wijzigingsverzoek
        fields = [
            "id",
            "bestuursopdracht",
            "bestuursopdracht_nummer",
            "soort",
            "toelichting",
            "nieuwe_scope",
            "nieuwe_deadline",
            "nieuw_max_uren",
            "nieuw_max_euro",
            "status",
            "ingediend_op",
            "goedgekeurd_door",
            "besluit_toelichting",
            "afgehandeld_op",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class WijzigingsverzoekInvoerSerializer(serializers.Serializer[Any]):
    bestuursopdracht = ScopedPrimaryKeyField(scope=selectors.bestuursopdrachten_for)
    soort = serializers.ChoiceField(choices=Soortwijziging.choices)
    toelichting = serializers.CharField(allow_blank=True)
    nieuwe_scope = serializers.CharField(required=False, allow_blank=True, default="")
    nieuwe_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    nieuw_max_uren = serializers.DecimalField(
        max_digits=9, decimal_places=1, required=False, allow_null=True, default=None
    )
    nieuw_max_euro = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )


class BesluitToelichtingSerializer(serializers.Serializer[Any]):
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


# --- bestuursvragen ---------------------------------------------------------------------------------------------------
class BestuursvraagSerializer(serializers.ModelSerializer[Bestuursvraag]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    wethouder_naam = serializers.CharField(
        source="wethouder.naam", read_only=True, allow_null=True, default=None
    )
    te_laat = serializers.SerializerMethodField()
    bestuursopdracht = serializers.SerializerMethodField(
        help_text="Id van de opdracht; null als de vraag niet bij een opdracht hoort of u die niet kunt inzien."
    )
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Bestuursvraag
        fields = [
            "id",
            "samenwerkingsverband",
            "gemeente",
            "bestuursopdracht",
            "gericht_aan",
            "wethouder",
            "wethouder_naam",
            "onderwerp",
            "vraag",
            "gesteld_op",
            "uiterlijk",
            "status",
            "te_laat",
            "antwoord",
            "besluit",
            "beantwoord_op",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    def get_te_laat(self, obj: Bestuursvraag) -> bool:
        return obj.is_te_laat()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_bestuursopdracht(self, obj: Bestuursvraag) -> int | None:
        actor = self.context.get("actor")
        opdracht = selectors.zichtbare_opdracht(actor, obj.bestuursopdracht) if actor is not None else None
        return opdracht.pk if opdracht is not None else None


class BestuursvraagInvoerSerializer(serializers.Serializer[Any]):
    bestuursopdracht = ScopedPrimaryKeyField(
        scope=selectors.bestuursopdrachten_for, required=False, allow_null=True, default=None
    )
    samenwerkingsverband: ScopedSlugField = ScopedSlugField(
        slug_field="slug",
        scope=sv_selectors.samenwerkingsverbanden_for,
        required=False,
        allow_null=True,
        default=None,
    )
    gemeente: ScopedSlugField = ScopedSlugField(slug_field="slug", scope=gemeente_selectors.gemeenten_for)
    gericht_aan = serializers.ChoiceField(choices=GerichtAan.choices)
    wethouder = ScopedPrimaryKeyField(scope=_wethouders, required=False, allow_null=True, default=None)
    onderwerp = serializers.CharField(max_length=200, allow_blank=True)
    vraag = serializers.CharField(allow_blank=True)
    uiterlijk = serializers.DateField(allow_null=True)


class AntwoordInvoerSerializer(serializers.Serializer[Any]):
    antwoord = serializers.CharField(allow_blank=True)
    besluit = serializers.CharField(required=False, allow_blank=True, default="")


# --- overleggen --------------------------------------------------------------------------------------------------------
class AgendapuntSerializer(serializers.Serializer[Any]):
    """An agenda item as the reader may see it (``selectors.agendapunt_weergave``): the assignment and the question
    only if the reader may open them (else null), the subject masked if it names one they may not open."""

    id = serializers.IntegerField(read_only=True)
    volgnummer = serializers.IntegerField(read_only=True)
    onderwerp = serializers.CharField(read_only=True)
    bestuursopdracht = serializers.IntegerField(source="bestuursopdracht_id", read_only=True, allow_null=True)
    bestuursvraag = serializers.IntegerField(source="bestuursvraag_id", read_only=True, allow_null=True)
    catalogusitem = serializers.IntegerField(source="catalogusitem_id", read_only=True, allow_null=True)
    toelichting = serializers.CharField(read_only=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        if isinstance(instance, Agendapunt):
            # Without an actor in the context, nothing linked is named (the anonymous actor reads nothing).
            instance = selectors.agendapunt_weergave(self.context.get("actor") or ANONYMOUS, instance)
        return super().to_representation(instance)


class BesluitSerializer(serializers.ModelSerializer[Besluit]):
    class Meta:
        model = Besluit
        fields = ["id", "nummer", "agendapunt", "tekst", "actiehouder"]
        read_only_fields = fields


class OverlegSerializer(serializers.ModelSerializer[Overleg]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeenten: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    agendapunten = AgendapuntSerializer(many=True, read_only=True)
    besluiten = BesluitSerializer(many=True, read_only=True)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Overleg
        fields = [
            "id",
            "soort",
            "samenwerkingsverband",
            "gemeenten",
            "thema",
            "titel",
            "datum",
            "locatie",
            "agendapunten",
            "besluiten",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class OverlegInvoerSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(choices=Overlegsoort.choices)
    samenwerkingsverband: ScopedSlugField = ScopedSlugField(
        slug_field="slug", scope=sv_selectors.samenwerkingsverbanden_for
    )
    gemeenten: ScopedSlugField = ScopedSlugField(
        slug_field="slug", scope=gemeente_selectors.gemeenten_for, many=True, queryset=Gemeente.objects.none()
    )
    thema = serializers.CharField(max_length=150, allow_blank=True)
    titel = serializers.CharField(max_length=200, allow_blank=True)
    datum = serializers.DateField(allow_null=True)
    locatie = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class AgendapuntInvoerSerializer(serializers.Serializer[Any]):
    onderwerp = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    bestuursopdracht = ScopedPrimaryKeyField(
        scope=selectors.bestuursopdrachten_for, required=False, allow_null=True, default=None
    )
    bestuursvraag = ScopedPrimaryKeyField(
        scope=selectors.bestuursvragen_for, required=False, allow_null=True, default=None
    )
    catalogusitem = ScopedPrimaryKeyField(
        scope=catalogus_selectors.catalogusitems_for, required=False, allow_null=True, default=None
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class BesluitInvoerSerializer(serializers.Serializer[Any]):
    tekst = serializers.CharField(allow_blank=True)
    agendapunt = IdField(required=False, allow_null=True, default=None)
    actiehouder = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class SuggestieSerializer(serializers.Serializer[Any]):
    soort = serializers.CharField()
    onderwerp = serializers.CharField()
    catalogusitem = serializers.IntegerField(source="catalogusitem_id", allow_null=True)
    taakveld = serializers.CharField()
    gemeenten = serializers.SerializerMethodField()
    aantal = serializers.IntegerField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_gemeenten(self, obj: Any) -> dict[str, int]:
        return dict(obj.gemeenten)
