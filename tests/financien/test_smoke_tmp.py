import pytest
from seta.financien import mutaties
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.gemeenten.models import Gemeente
import datetime as dt, json
pytestmark = pytest.mark.django_db

def test_smoke(actor_named):
    sv = Samenwerkingsverband.objects.get(slug="bel")
    c = actor_named("controller.bel")
    s = mutaties.draft_member_scenario(actor=c, samenwerkingsverband=sv, soort="uittreding", gemeente=Gemeente.objects.get(slug="eemnes"), datum=dt.date(2027,1,1))
    r=dict(s.resultaat); u=dict(r.pop("uittreding")); u.pop("personeel"); print(json.dumps(r, indent=1)[:3000]); print(json.dumps(u, indent=1)[:3000])
    h = Gemeente.objects.get(slug="huizen")
    s2 = mutaties.draft_member_scenario(actor=c, samenwerkingsverband=sv, soort="toetreding", gemeente=h, datum=dt.date(2027,1,1), inbreng=mutaties.veronderstelde_inbreng(sv, 2025, h))
    print(json.dumps(s2.resultaat["deelnemers"], indent=1), s2.resultaat["toetreder"])
