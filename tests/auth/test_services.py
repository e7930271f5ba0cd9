"""Sign-in service: throttle and timing hardening."""
import pytest

from app.auth import services
from app.auth.services import GENERIC_LOGIN_ERROR, AuthError, authenticate
from tests.conftest import PASSWORD


def test_unknown_address_still_hashes_a_password(users, monkeypatch):
    calls = []
    real = services._check_dummy_password
    monkeypatch.setattr(services, "_check_dummy_password", lambda pw: calls.append(pw) or real(pw))
    with pytest.raises(AuthError, match=str(GENERIC_LOGIN_ERROR)):
        authenticate("ghost@example.org", "whatever")
    assert calls == ["whatever"]


def test_inactive_user_gets_the_generic_error(users, db):
    users["teacher"].active = False
    db.session.commit()
    with pytest.raises(AuthError) as info:
        authenticate("teacher@example.org", PASSWORD)
    assert str(info.value) == GENERIC_LOGIN_ERROR


def test_success_clears_earlier_failures(users, db):
    for _ in range(3):
        with pytest.raises(AuthError):
            authenticate("teacher@example.org", "wrong", max_failures=4)
    assert authenticate(" Teacher@Example.org ", PASSWORD, max_failures=4).email == "teacher@example.org"
    for _ in range(3):  # the count restarted: three more failures still do not lock
        with pytest.raises(AuthError, match=str(GENERIC_LOGIN_ERROR)):
            authenticate("teacher@example.org", "wrong", max_failures=4)
    assert authenticate("teacher@example.org", PASSWORD, max_failures=4)
