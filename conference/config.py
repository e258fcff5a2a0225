"""Settings from the environment.

Development gets generated secrets under ``instance/``; production (``FLASK_ENV=production`` or
``CONFERENCE_ENV=production``) fails fast when a secret is missing.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A required setting is missing or wrong."""


def _instance_secret(instance: Path, name: str) -> str:
    path = instance / name
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config dict from the environment, then apply ``overrides``."""
    env = os.environ
    production = env.get("CONFERENCE_ENV", env.get("FLASK_ENV", "development")) == "production"
    instance = Path(env.get("INSTANCE_PATH", ROOT / "instance")).resolve()
    secret = env.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError("SECRET_KEY must be set in production.")
        secret = _instance_secret(instance, "secret_key")
    redis_url = env.get("REDIS_URL")
    config = {
        "PRODUCTION": production,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": secret,
        "DATABASE_URL": env.get("DATABASE_URL"),
        "EMBEDDED_PG_DIR": str(instance / "pgdata"),
        "STORAGE_DIR": env.get("STORAGE_DIR", str(instance / "storage")),
        "OUTBOX_DIR": env.get("OUTBOX_DIR", str(instance / "outbox")),
        "SMTP_URL": env.get("SMTP_URL"),
        "MAIL_FROM": env.get("MAIL_FROM", "accreditation@hanoi-convention.example"),
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("SECURE_COOKIES", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": _flag("SECURE_COOKIES", production),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "SERVER_BASE_URL": env.get("SERVER_BASE_URL", ""),
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_MB", "25")) * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": {"en": "English", "fr": "Français", "vi": "Tiếng Việt"},
        "VENUE_TIMEZONE": env.get("VENUE_TIMEZONE", "Asia/Ho_Chi_Minh"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SEED_DIR": str(ROOT / "seed_data"),
        "AUTO_UPGRADE": _flag("AUTO_UPGRADE", False),
        "BADGE_SIGNING_KEY": env.get("BADGE_SIGNING_KEY"),
        "BADGE_KEY_ID": int(env.get("BADGE_KEY_ID", "1")),
        "BADGE_VERIFY_KEYS": env.get("BADGE_VERIFY_KEYS", ""),
        "TESTING": False,
        "DEBUG": False,
    }
    if overrides:
        config.update(overrides)
    try:
        ZoneInfo(config["VENUE_TIMEZONE"])
    except (ValueError, ZoneInfoNotFoundError) as exc:
        raise ConfigError(f"VENUE_TIMEZONE is not a time zone: {config['VENUE_TIMEZONE']!r}") from exc
    # Babel formats dates in the venue's zone too: one setting, not two.
    config["BABEL_DEFAULT_TIMEZONE"] = config["VENUE_TIMEZONE"]
    return config
