"""The Hanoi Convention conference platform: one Flask app over one PostgreSQL database."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user

from conference.config import ROOT, load_config
from conference.core.domains import DOMAINS, domain_module
from conference.core.logs import configure_logging
from conference.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_relative_config=False,
    )
    app.config.update(load_config(config))
    app.instance_path = app.config["INSTANCE_PATH"]
    configure_logging(app)
    _configure_database(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    return app


def _configure_database(app: Flask) -> None:
    url = app.config.get("SQLALCHEMY_DATABASE_URI") or app.config.get("DATABASE_URL")
    if not url:
        from conference.core.embedded import embedded_database_url

        url = embedded_database_url(app.config["EMBEDDED_PG_DIR"])
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    elif url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    if not url.startswith("postgresql+psycopg://"):
        raise RuntimeError("DATABASE_URL must point to PostgreSQL (postgresql://…).")
    app.config["SQLALCHEMY_DATABASE_URI"] = url


def _select_locale() -> str:
    if not has_request_context():  # a CLI command, a job or a service test: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    langs = list(babel_languages())
    chosen = session.get("locale")
    if chosen in langs:
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.preferred_locale in langs:
        return current_user.preferred_locale
    return request.accept_languages.best_match(langs) or "en"


def babel_languages() -> dict[str, str]:
    from flask import current_app

    return current_app.config["LANGUAGES"]


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, default_translation_directories="translations")
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    from conference.accounts import auth

    auth.init_login_manager(login_manager)
    auth.init_csrf(app)


def register_blueprints(app: Flask) -> None:
    from conference.core.web import register_converters

    register_converters(app)
    for domain in DOMAINS:
        domain_module(domain, "models")
        domain_module(domain, "receivers")
        for name in ("views", "api"):
            module = domain_module(domain, name)
            if module is not None and hasattr(module, "bp"):
                app.register_blueprint(module.bp)


def register_errorhandlers(app: Flask) -> None:
    from conference.core.errors import register_errorhandlers as register
    from conference.core.security import register_security_headers
    from conference.core.web import register_unit_of_work

    register(app)
    register_security_headers(app)
    register_unit_of_work(app)


def register_commands(app: Flask) -> None:
    from conference.core.cli import register_cli

    register_cli(app)


def register_template_helpers(app: Flask) -> None:
    from conference.core.templating import register

    register(app)
