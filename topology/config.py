"""Where every part of the shape listens and the environment each process is given.

All ports are consecutive from ``SHAPE_PORT_BASE`` on 127.0.0.1, so a developer (or CI) gives the
shape one range and nothing else on the machine collides with it. The environment is what an
operator writes into ``deploy/env.example``: production settings, with the few loopback
differences named in ``LOOPBACK``.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NODES = ("a", "b")
BUCKET = "kindness-media"

# Offsets from SHAPE_PORT_BASE.
PORT_OFFSETS = {
    "varnish": 0,
    "varnish_admin": 1,
    "a": 2,
    "b": 3,
    "s3": 4,
    "provider": 5,  # the tests' stand-in for the email provider
    "dead": 9,  # nothing listens here: a service that is down
}

# Production settings differ on loopback only here: there is no TLS terminator in front of Varnish
# (so no redirect to https), two small gunicorn nodes share two cores, and a few workers' intervals
# are short so that a test does not wait minutes.
LOOPBACK = {
    "SECURE_SSL_REDIRECT": "false",
    "WEB_CONCURRENCY": "2",
    "GUNICORN_THREADS": "4",
    "GUNICORN_TIMEOUT": "60",
    "DATABASE_CONN_MAX_AGE": "60",
    "LOG_FORMAT": "json",
    "LOG_LEVEL": "INFO",
    "ACCESS_LOG_LEVEL": "WARNING",
    "TASKS_BACKEND": "database",
    "EMAIL_PROVIDER": "file",
}


def _database_url(server_or_url: str, name: str) -> str:
    parts = urlsplit(server_or_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


@dataclass
class ShapeConfig:
    """Everything the launcher decides; built from the environment by ``from_env``."""

    port_base: int
    pg_server: str  # postgres://user@host:port (no database)
    database: str
    redis_url: str
    run_dir: Path
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, run_dir: Path, **overrides: object) -> ShapeConfig:
        """``SHAPE_PORT_BASE`` (8150), ``SHAPE_DATABASE_URL`` (else ``DATABASE_URL`` with
        ``_shape`` appended to its name, else ``kindness_shape``), ``SHAPE_REDIS_URL``
        (``redis://127.0.0.1:6379/14``)."""
        source = os.environ.get("SHAPE_DATABASE_URL") or ""
        if source:
            name = urlsplit(source).path.lstrip("/")
        else:
            base = os.environ.get("DATABASE_URL", "")
            base = base if base.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/"
            source = base
            name = (urlsplit(base).path.lstrip("/") or "kindness") + "_shape"
        values: dict[str, object] = {
            "port_base": int(os.environ.get("SHAPE_PORT_BASE", "8150")),
            "pg_server": _database_url(source, "").rstrip("/"),
            "database": name,
            "redis_url": os.environ.get("SHAPE_REDIS_URL", "redis://127.0.0.1:6379/14"),
            "run_dir": run_dir,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def port(self, name: str) -> int:
        return self.port_base + PORT_OFFSETS[name]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port(name)}"

    @property
    def database_url(self) -> str:
        return f"{self.pg_server}/{self.database}"

    @property
    def s3_endpoint(self) -> str:
        return self.url("s3")

    def var_dir(self, process: str) -> Path:
        """Each process its own VAR_DIR: nothing is shared through the disk."""
        path = self.run_dir / "var" / process
        path.mkdir(parents=True, exist_ok=True)
        return path

    def django_env(self, process: str, **override: str) -> dict[str, str]:
        """The environment of one Django process (a node, the worker, the timers, a command)."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("SHAPE_")}
        for key in ("DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER", "COV_CORE_SOURCE"):
            env.pop(key, None)
        varnish = self.url("varnish")
        env.update(LOOPBACK)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "kindness_site.settings.production",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "BASE_URL": varnish,
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "CACHE_KEY_PREFIX": "kindness-shape",
                "VAR_DIR": str(self.var_dir(process)),
                # Object storage: moto's S3 server, reached through boto3 like a real bucket.
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": self.s3_endpoint,
                "AWS_S3_REGION_NAME": "us-east-1",
                "AWS_S3_ADDRESSING_STYLE": "path",
                "AWS_ACCESS_KEY_ID": "shape-access-key",
                "AWS_SECRET_ACCESS_KEY": "shape-secret-key",
                # Varnish purged on publish (wagtail.contrib.frontend_cache).
                "FRONTEND_CACHE_VARNISH_URL": varnish,
                # Varnish is the one proxy in front of the nodes here.
                "TRUSTED_PROXY_COUNT": "1",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if process in NODES:
            env["GUNICORN_BIND"] = f"127.0.0.1:{self.port(process)}"
        env.update(self.extra_env)
        env.update(override)
        return env
