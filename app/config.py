"""Configuration read from environment variables, with safe defaults for `make run`."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", BASE_DIR / "instance")).resolve()


def _secret_key() -> str | None:
    """SECRET_KEY from the environment, else from instance/secret_key (written by `make run`)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = INSTANCE_DIR / "secret_key"
    if key_file.is_file():
        return key_file.read_text().strip() or None
    return None


def _path(name: str, default: Path) -> str:
    return str(Path(os.environ.get(name) or default).resolve())


class Config:
    SECRET_KEY = _secret_key()
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'rightsdesk.sqlite'}"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    CONTENT_DIR = _path("CONTENT_DIR", BASE_DIR / "content")
    SEARCH_INDEX_DIR = _path("SEARCH_INDEX_DIR", INSTANCE_DIR / "search_index")
    CASE_POLICY = os.environ.get("CASE_POLICY", "ala")
    DISTRICT_NAME = os.environ.get("DISTRICT_NAME", "Your School District")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # a form left open over lunch must still submit
    SEARCH_PER_PAGE = 10
    CASES_PER_PAGE = 25
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT_MINUTES = 15


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
