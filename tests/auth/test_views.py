import pytest

from app.auth.services import GENERIC_LOGIN_ERROR


def test_login_succeeds_and_logout_requires_post(client, auth):
    response = auth.login("teacher")
    assert response.status_code == 302
    assert client.get("/logout").status_code == 405
    assert auth.logout().status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [("teacher@example.org", "wrong password"), ("nobody@example.org", "correct horse battery"), ("", "")],
)
def test_login_failure_shows_one_generic_error(client, users, email, password):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    if email:
        assert GENERIC_LOGIN_ERROR in body
    assert "Signed in" not in body


def test_lockout_after_repeated_failures_even_with_right_password(client, users, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login", data={"email": "teacher@example.org", "password": "nope nope nope"})
    response = client.post("/login", data={"email": "teacher@example.org", "password": "correct horse battery"})
    assert "Too many failed sign-in attempts" in response.get_data(as_text=True)
    assert response.status_code == 200


def test_lockout_message_is_the_same_for_unknown_addresses(client, users, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login", data={"email": "ghost@example.org", "password": "x"})
    response = client.post("/login", data={"email": "ghost@example.org", "password": "x"})
    assert "Too many failed sign-in attempts" in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "http:/evil", "javascript:alert(1)"])
def test_next_redirect_never_leaves_the_site(client, users, target):
    response = client.post(f"/login?next={target}", data={"email": "teacher@example.org", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_redirect_keeps_local_paths(client, users):
    response = client.post("/login?next=/tools/", data={"email": "teacher@example.org", "password": "correct horse battery"})
    assert response.headers["Location"] == "/tools/"
