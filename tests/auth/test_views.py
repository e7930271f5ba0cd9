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
        assert str(GENERIC_LOGIN_ERROR) in body
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


@pytest.mark.parametrize("target", ["/\\evil.example", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example", "\\\\evil.example"])
def test_next_redirect_rejects_backslashes_and_control_characters(client, users, target):
    response = client.post("/login", query_string={"next": target},
                           data={"email": "teacher@example.org", "password": "correct horse battery"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_deactivated_user_is_signed_out_on_the_next_request(client, auth, users, db):
    auth.login("admin")
    assert client.get("/admin/").status_code == 200
    users["admin"].active = False
    db.session.commit()
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_failed_sign_in_keeps_the_email_but_not_the_password(client, users):
    body = client.post("/login", data={"email": "teacher@example.org", "password": "wrong guess 123"}).get_data(as_text=True)
    assert 'value="teacher@example.org"' in body and "wrong guess 123" not in body
