"""Login throttling and lockout (issue 8, hardening): repeated failures per user name and per client
address lock further attempts, even with the right password, until the window has passed; every failure
and lockout is in the audit trail. And passwords people set are validated."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from seta.autorisaties.models import Inlogpoging
from seta.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCKED = "Te veel mislukte inlogpogingen"


def _login(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/inloggen", {"username": username, "password": password}, **extra)


def _age_attempts(seconds: int) -> None:
    """Move every recorded attempt back in time (the window passing)."""
    for poging in Inlogpoging.objects.all():
        Inlogpoging.objects.filter(pk=poging.pk).update(
            tijdstip=poging.tijdstip - dt.timedelta(seconds=seconds)
        )


def test_thirty_wrong_passwords_then_the_right_one_is_refused_and_audited() -> None:
    client = Client()
    for _ in range(30):
        assert _login(client, "wethouder.blaricum", "fout").status_code == 200
    response = _login(client, "wethouder.blaricum", "demo")
    assert response.status_code == 200, "the right password must not log in during a lockout"
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    acties = list(
        AuditEvent.objects.filter(object_type="autorisaties.inlogpoging")
        .order_by("id")
        .values_list("actie", flat=True)
    )
    # 5 failures (the 5th starts the lock), then 25 wrong + 1 right attempt refused without a check.
    assert acties.count("inloggen.mislukt") == 5
    assert acties.count("inloggen.geblokkeerd") == 1
    assert acties.count("inloggen.geweigerd") == 26
    event = AuditEvent.objects.filter(actie="inloggen.geblokkeerd").get()
    assert event.na["gebruikersnaam"] == "wethouder.blaricum"
    assert event.na["adres"] == "127.0.0.1"
    assert event.actor_id is None


def test_after_the_window_the_right_password_works_again() -> None:
    client = Client()
    for _ in range(5):
        _login(client, "raadslid.laren", "fout")
    assert LOCKED in _login(client, "raadslid.laren", "demo").content.decode()
    _age_attempts(15 * 60 + 1)
    assert _login(client, "raadslid.laren", "demo").status_code == 302


def test_four_failures_do_not_lock() -> None:
    client = Client()
    for _ in range(4):
        response = _login(client, "directeur.bel", "fout")
    assert LOCKED not in response.content.decode()
    assert _login(client, "directeur.bel", "demo").status_code == 302


def test_the_message_is_the_same_for_a_name_that_does_not_exist() -> None:
    client = Client()
    for _ in range(5):
        bestaat = _login(client, "medewerker.bel", "fout").content.decode()
        bestaat_niet = _login(client, "bestaat.niet", "fout").content.decode()
    assert LOCKED in bestaat and LOCKED in bestaat_niet
    assert "medewerker.bel" not in bestaat.split(LOCKED)[1][:200]


def test_the_user_name_is_counted_whatever_its_case() -> None:
    client = Client()
    for naam in ("Controller.BEL", "controller.bel", "CONTROLLER.bel", "controller.Bel", "controller.bel "):
        _login(client, naam, "fout")
    assert LOCKED in _login(client, "controller.bel", "demo").content.decode()


def test_twenty_failures_from_one_address_lock_that_address_for_every_name() -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    for i in range(20):
        _login(client, f"gok{i}", "fout")
    assert LOCKED in _login(client, "griffier.laren", "demo").content.decode()
    # Another address is not affected.
    assert _login(Client(REMOTE_ADDR="10.0.0.8"), "griffier.laren", "demo").status_code == 302


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy() -> None:
    for i in range(20):
        _login(Client(), f"gok{i}", "fout", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert set(Inlogpoging.objects.values_list("adres", flat=True)) == {"127.0.0.1"}


@override_settings(SETA_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts() -> None:
    # The client forged the first hop; the proxy appended the address it saw.
    _login(Client(), "gok", "fout", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4")
    assert Inlogpoging.objects.get().adres == "198.51.100.4"


def test_the_admin_login_shares_the_lockout() -> None:
    client = Client()
    for _ in range(5):
        client.post("/beheer/login/", {"username": "beheerder", "password": "fout"})
    response = client.post("/beheer/login/?next=/beheer/", {"username": "beheerder", "password": "demo"})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()


def test_old_attempts_are_removed_when_a_new_one_is_recorded() -> None:
    oud = Inlogpoging.objects.create(gebruikersnaam="x", adres="1.2.3.4", uitkomst="mislukt")
    Inlogpoging.objects.filter(pk=oud.pk).update(tijdstip=timezone.now() - dt.timedelta(days=31))
    _login(Client(), "y", "fout")
    assert not Inlogpoging.objects.filter(pk=oud.pk).exists()


# --- password validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("wachtwoord", ["password", "Wachtwoord1", "123456789012", "kort"])
def test_weak_passwords_are_refused(wachtwoord: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(wachtwoord)


def test_a_long_uncommon_password_is_accepted() -> None:
    validate_password("paars-fietsbel-onder-de-brug-42")


def test_a_password_like_the_user_name_is_refused() -> None:
    user = get_user_model()(username="jan.jansen.bel", first_name="Jan", last_name="Jansen")
    with pytest.raises(ValidationError):
        validate_password("jan.jansen.bel1", user)


def test_the_admin_refuses_a_weak_password() -> None:
    admin_user = get_user_model().objects.get(username="beheerder")
    target = get_user_model().objects.create_user(
        "wachtwoordproef", password="paars-fietsbel-onder-de-brug-42"
    )
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        f"/beheer/auth/user/{target.pk}/password/",
        {"password1": "Wachtwoord1", "password2": "Wachtwoord1"},
    )
    assert response.status_code == 200  # the form again, with the validators' errors
    target.refresh_from_db()
    assert not target.check_password("Wachtwoord1")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_createsuperuser_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interactively (how an operator makes the first account) a weak password is refused and asked
    again; Django's non-interactive mode (DJANGO_SUPERUSER_PASSWORD) does not validate, by its design."""
    goed = "paars-fietsbel-onder-de-brug-42"
    antwoorden = iter(["Wachtwoord1", "Wachtwoord1", goed, goed])
    monkeypatch.setattr(
        "django.contrib.auth.management.commands.createsuperuser.getpass.getpass",
        lambda prompt="": next(antwoorden),
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")  # "bypass validation?" -> no
    err = io.StringIO()
    call_command(
        "createsuperuser",
        interactive=True,
        username="zwakbeheer",
        email="z@example.nl",
        stdin=_Terminal(),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "too short" in err.getvalue(), err.getvalue()
    user = get_user_model().objects.get(username="zwakbeheer")
    assert user.check_password(goed)


# --- changing one's own password on the account page ----------------------------------------------------


def _account_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("zwak", ["password", "Wachtwoord1", "123456789012345"])
def test_the_account_page_refuses_a_weak_password(zwak: str, user_named: Any) -> None:
    user = user_named("griffier.eemnes")
    response = _account_client(user).post(
        "/account", {"actie": "wachtwoord", "huidig": "demo", "nieuw": zwak, "herhaling": zwak}
    )
    assert response.status_code == 400
    assert "Nieuw wachtwoord" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("demo") and not user.check_password(zwak)


def test_the_account_page_changes_the_password_with_the_current_one(user_named: Any) -> None:
    user = user_named("griffier.eemnes")
    client = _account_client(user)
    goed = "paars-fietsbel-onder-de-brug-42"
    fout = client.post(
        "/account", {"actie": "wachtwoord", "huidig": "niet-demo", "nieuw": goed, "herhaling": goed}
    )
    assert fout.status_code == 400 and "huidige wachtwoord klopt niet" in fout.content.decode()
    response = client.post(
        "/account", {"actie": "wachtwoord", "huidig": "demo", "nieuw": goed, "herhaling": goed}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(goed)
    assert client.get("/account").status_code == 200  # still logged in
    event = AuditEvent.objects.filter(actie="wachtwoord.wijzigen").get()
    assert event.actor_id == user.pk and goed not in str(event.na)
