"""The Spanish interface: choosing the language, what is translated, and a complete catalogue."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.config import BASE_DIR
from tests.cases.test_reports import seeded  # noqa: F401  (fixture: a small public register)

PO_FILE = Path(BASE_DIR) / "app" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def html_lang(body: str) -> str:
    return re.search(r'<html lang="([^"]+)">', body).group(1)


def h1(body: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1).strip()


def test_lang_parameter_renders_spanish_and_sets_a_cookie_for_a_year(client):
    response = client.get("/?lang=es")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html_lang(body) == "es"
    assert h1(body) == "Guías sobre derechos de autor y bibliotecas"
    assert "Saltar al contenido principal" in body
    assert "Skip to main content" not in body
    cookie = client.get_cookie("lang")
    assert cookie is not None and cookie.value == "es"
    assert "Max-Age=31536000" in response.headers["Set-Cookie"]
    assert "Accept-Language" in response.headers["Vary"]


def test_the_cookie_keeps_the_choice_on_later_pages(client):
    client.get("/?lang=es")
    body = client.get("/search").get_data(as_text=True)
    assert html_lang(body) == "es"
    assert h1(body) == "Buscar en las guías"


def test_lang_en_switches_back_and_overrides_the_cookie(client):
    client.get("/?lang=es")
    body = client.get("/?lang=en").get_data(as_text=True)
    assert html_lang(body) == "en"
    assert client.get_cookie("lang").value == "en"
    assert html_lang(client.get("/").get_data(as_text=True)) == "en"


@pytest.mark.parametrize("header", ["es", "es-MX,es;q=0.9,en;q=0.5", "es-US"])
def test_accept_language_spanish_gives_spanish(client, header):
    body = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert html_lang(body) == "es"
    assert "Explorar las guías" in body


@pytest.mark.parametrize("header", [None, "en-US,en;q=0.9", "fr-FR", "en;q=0.9,es;q=0.5"])
def test_english_is_the_default(client, header):
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/", headers=headers)
    body = response.get_data(as_text=True)
    assert html_lang(body) == "en"
    assert h1(body) == "Copyright and library guidelines"
    assert "Skip to main content" in body
    assert "lang=" not in response.headers.get("Set-Cookie", "")  # no choice made: nothing stored


def test_unknown_lang_value_is_ignored(client):
    response = client.get("/?lang=fr")
    assert html_lang(response.get_data(as_text=True)) == "en"
    assert client.get_cookie("lang") is None


def test_language_switch_keeps_path_and_query(client):
    body = client.get("/search?q=fair+use&collection=copyright").get_data(as_text=True)
    link = re.search(r'<li class="language-switch"><a href="([^"]+)" hreflang="es"><span lang="es">Español</span>',
                     body)
    assert link, "the header offers Spanish with hreflang and lang"
    assert link.group(1) == "/search?q=fair+use&amp;collection=copyright&amp;lang=es"
    spanish = client.get("/search?q=fair+use&collection=copyright&lang=es").get_data(as_text=True)
    assert '<a href="/search?q=fair+use&amp;collection=copyright&amp;lang=en" hreflang="en">' \
           '<span lang="en">English</span></a>' in spanish


def test_search_empty_query_message_in_spanish(client):
    body = client.get("/search?q=&lang=es").get_data(as_text=True)
    assert "Escriba una pregunta o algunas palabras para buscar en las guías." in body
    assert "Type a question or a few words" not in body


def test_search_empty_query_message_stays_english_by_default(client):
    body = client.get("/search?q=").get_data(as_text=True)
    assert "Type a question or a few words to search the guidelines." in body


def test_404_page_in_spanish(client):
    response = client.get("/no-such-page?lang=es")
    body = response.get_data(as_text=True)
    assert response.status_code == 404
    assert html_lang(body) == "es"
    assert h1(body) == "Página no encontrada"
    assert "No encontramos esa página." in body
    assert "Ir a la página de inicio" in body


def test_json_errors_are_plain_strings_in_the_chosen_language(client):
    response = client.get("/api/no-such-endpoint", headers={"Accept-Language": "es"})
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "No encontramos esa página."


def test_login_page_and_generic_error_in_spanish(client, users):
    body = client.get("/login?lang=es").get_data(as_text=True)
    assert h1(body) == "Inicio de sesión del personal"
    assert "Correo electrónico" in body and "Contraseña" in body
    response = client.post("/login", data={"email": "teacher@example.org", "password": "wrong password"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Correo electrónico o contraseña incorrectos." in body
    assert "Invalid email or password." not in body


def test_lockout_message_in_spanish(client, users, app):
    client.get("/login?lang=es")
    for _ in range(app.config["LOGIN_MAX_FAILURES"] + 1):
        response = client.post("/login", data={"email": "ghost@example.org", "password": "x"})
    minutes = app.config["LOGIN_LOCKOUT_MINUTES"]
    assert f"Espere {minutes} minutos e inténtelo de nuevo." in response.get_data(as_text=True)


def test_public_decisions_headings_and_labels_in_spanish(client, seeded):  # noqa: F811
    body = client.get("/cases/decisions?lang=es").get_data(as_text=True)
    assert h1(body) == "Decisiones sobre solicitudes de reconsideración"
    for text in ('<th scope="col">Título</th>', '<th scope="col">Resultado</th>', '<th scope="col">Estado</th>',
                 '<th scope="col">Fecha de la decisión</th>', "Aplicar filtros", "Cualquier resultado",
                 "Se conserva", "Retirado (distrito)", "Todo el distrito", "3 de octubre de 2024"):
        assert text in body, text
    for english in ("Apply filters", "Removed (district)", "District-wide", "3 October 2024", ">Decision date<"):
        assert english not in body, english
    assert "Alpha Public Title" in body  # the data itself is not translated


def test_ask_a_question_form_in_spanish(client, auth):
    auth.login("teacher")
    body = client.get("/cases/new/question?lang=es").get_data(as_text=True)
    assert h1(body) == "Pregunte al Oficial de Cumplimiento"
    for text in ("Tema", "Asunto", "Su pregunta", "Consultar primero las guías", "Derechos de autor",
                 "No incluya nombres de estudiantes"):
        assert text in body, text
    response = client.post("/cases/new/question", data={"submit": "1", "topic": "", "subject": "", "question": ""})
    assert "Elija un tema." in response.get_data(as_text=True)


def test_article_chrome_in_spanish_with_english_note(client):
    home = client.get("/?lang=es").get_data(as_text=True)
    first_collection = re.search(r'<a href="(/library/[^"/]+)"', home).group(1)
    listing = client.get(first_collection).get_data(as_text=True)
    assert "Los artículos están escritos en inglés." in listing
    first_article = re.search(rf'<a href="({first_collection}/[^"]+)"', listing).group(1)
    body = client.get(first_article).get_data(as_text=True)
    for text in ("<dt>Dirigido a</dt>", "<dt>Jurisdicción</dt>", "<dt>Última revisión</dt>",
                 "<dt>Próxima revisión</dt>", "no asesoría legal", "Este artículo está escrito en inglés."):
        assert text in body, text
    assert "Last reviewed" not in body


def test_officer_pages_stay_in_english(client, auth):
    auth.login("officer")
    body = client.get("/cases/?lang=es").get_data(as_text=True)
    assert "Casos pendientes" in body  # the shared header follows the reader's language...
    assert h1(body) == "Case queue"  # ...but officer, admin and committee pages are English only


def test_every_message_has_a_spanish_translation():
    with PO_FILE.open("rb") as fh:
        catalog = read_po(fh)
    entries = [m for m in catalog if m.id]
    assert len(entries) > 150
    untranslated = [m.id for m in entries
                    if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    with PO_FILE.open("rb") as fh:
        catalog = read_po(fh)
    placeholder = re.compile(r"%\((\w+)\)[sd]|<a href=")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(set(placeholder.findall(ids[-1])))
        for string in strings:
            assert sorted(set(placeholder.findall(string))) == expected, message.id


def test_catalogue_is_in_step_with_the_source():
    """A string marked for translation but missing from messages.po would show in English on a
    Spanish page: run `make translations-update` and translate it."""
    with (Path(BASE_DIR) / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = dict(DEFAULT_KEYWORDS, lazy_gettext=None, _l=None, lazy_ngettext=(1, 2))
    in_source = {message if isinstance(message, str) else message[0]
                 for _file, _line, message, _comments, _context
                 in extract_from_dir(str(Path(BASE_DIR) / "app"), [(pattern.removeprefix("app/"), method)
                                                                   for pattern, method in method_map],
                                     {k.removeprefix("app/"): v for k, v in options_map.items()}, keywords=keywords)}
    with PO_FILE.open("rb") as fh:
        in_catalogue = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    assert "Skip to main content" in in_source and "Invalid email or password." in in_source  # both extractors ran
    assert sorted(in_source - in_catalogue) == []


def test_compiled_catalogue_is_present():
    assert MO_FILE.exists(), "run `make translations` (pybabel compile -d app/translations)"
