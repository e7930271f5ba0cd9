"""RightsDesk: guideline library, case tracker and decision tools for school districts."""
from flask import Flask

from app.config import INSTANCE_DIR, Config
from app.extensions import csrf, db, login_manager, migrate


def create_app(config_class: type = Config, overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    app.config.from_object(config_class)
    if overrides:
        app.config.update(overrides)
    _check_secret_key(app)
    _bound_int_urls(app)
    register_extensions(app)
    register_i18n(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_cli(app)
    return app


def _check_secret_key(app: Flask) -> None:
    if not app.config.get("SECRET_KEY") and not (app.debug or app.testing):
        raise RuntimeError(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(`make run` writes one to instance/secret_key for local use)."
        )


def _bound_int_urls(app: Flask) -> None:
    """<int:...> URL parts above PostgreSQL's integer range are a 404, not an overflow (500) in the query."""
    from werkzeug.routing import IntegerConverter

    class RowIdConverter(IntegerConverter):
        def __init__(self, map, *args, **kwargs):
            kwargs.setdefault("max", 2**31 - 1)
            super().__init__(map, *args, **kwargs)

    app.url_map.converters["int"] = RowIdConverter


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (every table registered before migrate/create_all)

    db.init_app(app)
    from app.cases.fulltext import alembic_include_object

    # The full-text tables, triggers and tsvector column are made by the migration's own DDL;
    # autogenerate must not offer to drop them.
    migrate.init_app(app, db, render_as_batch=True, compare_type=True, include_object=alembic_include_object)
    csrf.init_app(app)
    login_manager.init_app(app)


def register_i18n(app: Flask) -> None:
    from app import i18n

    i18n.init_app(app)


def register_blueprints(app: Flask) -> None:
    from app import admin, auth, cases, library, tools

    for module in (library, auth, admin, cases, tools):
        module.init_app(app)


def register_errorhandlers(app: Flask) -> None:
    from app import errors

    errors.init_app(app)


def register_template_helpers(app: Flask) -> None:
    from app import templating

    templating.init_app(app)


def register_cli(app: Flask) -> None:
    from app import cli

    cli.init_app(app)
