"""Back up the database and the uploaded media into var/backups/<UTC timestamp>/.

Usage: python scripts/backup.py [--dest DIR]        (``make backup``)
       python scripts/restore.py [BACKUP_DIR] --yes (``make restore``; see that script)

What goes in a backup directory:
- ``database.dump``: PostgreSQL in pg_dump's custom format (compressed, restorable table by table
  with pg_restore), or ``database.sqlite3``: a consistent copy made with SQLite's online backup
  API (safe while the site is running, unlike copying the file);
- ``media.tar.gz``: MEDIA_ROOT (as ``media/``) and PRIVATE_MEDIA_ROOT, the documents (as
  ``private-media/``), when uploads are on local disk (object storage is backed up by the bucket's
  own versioning or replication, not here);
- ``manifest.json``: when, what, and the row count of every table, so a restore can prove it
  brought every row back.

The database connection comes from the same settings as the site (DATABASE_URL), so the script
backs up exactly what the site uses. Keep copies off the machine: a backup on the same disk is
not a backup.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
PRIVATE_ARCNAME = "private-media"  # documents, kept outside MEDIA_ROOT (security/storage.py)


def is_postgres(database: dict[str, Any]) -> bool:
    return "postgresql" in database["ENGINE"]


def pg_env(database: dict[str, Any]) -> dict[str, str]:
    """libpq variables for pg_dump/pg_restore/psql, so no password appears on a command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[var] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _pg_query(database: dict[str, Any], sql: str) -> list[list[str]]:
    result = subprocess.run(
        [
            "psql",
            "-X",
            "-A",
            "-t",
            "-F",
            "\t",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            database["NAME"],
            "-c",
            sql,
        ],
        env=pg_env(database),
        check=True,
        capture_output=True,
        text=True,
    )
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def table_counts(database: dict[str, Any]) -> dict[str, int]:
    """Rows per table (every user table), the yardstick a restore is checked against."""
    if is_postgres(database):
        tables = [
            row[0]
            for row in _pg_query(
                database,
                "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
            )
        ]
        if not tables:
            return {}
        union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
        return {name: int(count) for name, count in _pg_query(database, union)}
    with sqlite3.connect(database["NAME"]) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        counts = {}
        for name in names:
            try:
                counts[name] = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            except sqlite3.OperationalError:  # FTS shadow tables of a missing module, etc.
                continue
        return counts


def dump_database(database: dict[str, Any], target: Path) -> Path:
    if is_postgres(database):
        path = target / PG_DUMP
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), database["NAME"]],
            env=pg_env(database),
            check=True,
        )
        return path
    path = target / SQLITE_COPY
    with sqlite3.connect(database["NAME"]) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return path


def archive_media(media_root: Path, target: Path, private_root: Path | None = None) -> Path | None:
    roots = {"media": media_root, PRIVATE_ARCNAME: private_root}
    present = {name: root for name, root in roots.items() if root is not None and root.is_dir()}
    if not present:
        return None
    path = target / MEDIA_ARCHIVE
    with tarfile.open(path, "w:gz") as archive:
        for arcname, root in present.items():
            archive.add(root, arcname=arcname)
    return path


def backup(
    database: dict[str, Any],
    media_root: Path | None,
    dest: Path,
    now: datetime | None = None,
    private_root: Path | None = None,
) -> Path:
    """Write one complete backup directory and return it. Nothing is left half-written: the
    directory is filled under a temporary name and renamed when complete."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    final = dest / stamp
    partial = dest / f".{stamp}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    counts = table_counts(database)
    dump = dump_database(database, partial)
    media = archive_media(media_root, partial, private_root) if media_root else None
    manifest = {
        "created": stamp,
        "database": {
            "vendor": "postgresql" if is_postgres(database) else "sqlite",
            "file": dump.name,
        },
        "media": media.name if media else None,
        "row_counts": counts,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    partial.rename(final)
    return final


def site_config() -> tuple[dict[str, Any], Path | None, Path]:
    """The site's database, local media root (None on object storage) and backup folder."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindness_site.settings.dev")
    from django.conf import settings

    database: Any = settings.DATABASES["default"]  # django-stubs' DBConfig, used as a plain dict
    media_root = Path(settings.MEDIA_ROOT) if local_storage() else None
    return database, media_root, Path(settings.VAR_DIR) / "backups"


def local_storage() -> bool:
    """True when uploads are on this machine's disk (any FileSystemStorage, ours included)."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage
    from django.utils.module_loading import import_string

    storage: Any = settings.STORAGES["default"]  # mypy reads this setting as ``object`` here
    return issubclass(import_string(storage["BACKEND"]), FileSystemStorage)


def private_media_root() -> Path | None:
    """Where documents are on local disk (None on object storage)."""
    from django.conf import settings

    return Path(settings.PRIVATE_MEDIA_ROOT) if local_storage() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, help="folder for backups (default: var/backups)")
    args = parser.parse_args(argv)
    database, media_root, default_dest = site_config()
    target = backup(
        database, media_root, args.dest or default_dest, private_root=private_media_root()
    )
    manifest = json.loads((target / MANIFEST).read_text())
    rows = sum(manifest["row_counts"].values())
    media = "media archived" if manifest["media"] else "no local media"
    print(
        f"Backup written to {target}: {len(manifest['row_counts'])} tables, {rows} rows, {media}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
