"""The shape's own PostgreSQL database and Redis database number, emptied at start and at stop."""

from __future__ import annotations

import psycopg
import redis
from psycopg import sql

from .config import ShapeConfig


def recreate_database(config: ShapeConfig) -> None:
    """A fresh database on every start: moto keeps objects in memory only, so rows left by an
    earlier run would point at images that no longer exist."""
    with psycopg.connect(f"{config.pg_server}/postgres", autocommit=True) as conn:
        name = sql.Identifier(config.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(config: ShapeConfig) -> None:
    with psycopg.connect(f"{config.pg_server}/postgres", autocommit=True) as conn:
        name = sql.Identifier(config.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def flush_redis(url: str) -> None:
    """FLUSHDB on the shape's own database number only, never the whole server."""
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()
