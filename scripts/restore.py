"""Restore a backup made by scripts/backup.py into the site's database and media folder.

Usage: python scripts/restore.py [BACKUP_DIR] [--yes] [--no-media]   (``make restore``)

BACKUP_DIR defaults to the newest folder in var/backups. The database named by DATABASE_URL is
overwritten (PostgreSQL: pg_restore --clean into the existing database, which must exist, e.g.
``createdb kindness``; SQLite: the file is replaced through the online backup API), then every
table's row count is compared with the backup's manifest and any difference is an error. Media
files are extracted over MEDIA_ROOT. Without ``--yes`` it asks before overwriting anything.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backup import (
    MANIFEST,
    PRIVATE_ARCNAME,
    is_postgres,
    pg_env,
    private_media_root,
    site_config,
    table_counts,
)


class RestoreError(Exception):
    pass


def newest_backup(folder: Path) -> Path:
    candidates = sorted(p for p in folder.glob("*") if (p / MANIFEST).is_file())
    if not candidates:
        raise RestoreError(f"No backup found in {folder}.")
    return candidates[-1]


def restore_database(database: dict[str, Any], source: Path, manifest: dict[str, Any]) -> None:
    dump = source / manifest["database"]["file"]
    if manifest["database"]["vendor"] == "postgresql":
        if not is_postgres(database):
            raise RestoreError("This backup is from PostgreSQL; DATABASE_URL names SQLite.")
        result = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                database["NAME"],
                str(dump),
            ],
            env=pg_env(database),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RestoreError(f"pg_restore failed:\n{result.stderr}")
        return
    if is_postgres(database):
        raise RestoreError("This backup is from SQLite; DATABASE_URL names PostgreSQL.")
    Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(dump) as copy, sqlite3.connect(database["NAME"]) as target:
        copy.backup(target)


def restore_media(
    source: Path, manifest: dict[str, Any], media_root: Path, private_root: Path | None = None
) -> int:
    """Extract the media archive over MEDIA_ROOT (and the documents over PRIVATE_MEDIA_ROOT);
    refuses members that would escape them."""
    if not manifest.get("media"):
        return 0
    roots = {"media": media_root, PRIVATE_ARCNAME: private_root}
    count = 0
    with tarfile.open(source / manifest["media"], "r:gz") as archive:
        for member in archive.getmembers():
            top = member.name.split("/", 1)[0]
            root = roots.get(top)
            if root is None:
                raise RestoreError(f"Unexpected member {member.name!r} in the media archive.")
            root.mkdir(parents=True, exist_ok=True)
            member.name = member.name.removeprefix(top).lstrip("/") or "."
            archive.extract(member, root, filter="data")
            count += member.isfile()
    return count


def verify(database: dict[str, Any], manifest: dict[str, Any]) -> int:
    """Every table of the backup exists again with exactly as many rows."""
    expected = manifest["row_counts"]
    actual = table_counts(database)
    wrong = {t: (n, actual.get(t)) for t, n in expected.items() if actual.get(t) != n}
    if wrong:
        raise RestoreError(f"Row counts differ after restore (expected, found): {wrong}")
    return sum(expected.values())


def restore(
    source: Path,
    database: dict[str, Any],
    media_root: Path | None,
    *,
    media: bool = True,
    private_root: Path | None = None,
) -> tuple[int, int, int]:
    """Restore ``source``; return (tables, rows, media files) once verified."""
    manifest = json.loads((source / MANIFEST).read_text())
    restore_database(database, source, manifest)
    rows = verify(database, manifest)
    files = restore_media(source, manifest, media_root, private_root) if media and media_root else 0
    return len(manifest["row_counts"]), rows, files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backup", nargs="?", type=Path, help="backup folder (default: newest)")
    parser.add_argument("--yes", action="store_true", help="do not ask before overwriting")
    parser.add_argument("--no-media", action="store_true", help="restore the database only")
    args = parser.parse_args(argv)
    database, media_root, backups = site_config()
    try:
        source = args.backup or newest_backup(backups)
        if not args.yes:
            answer = input(f"Overwrite {database['NAME']} with {source}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                print("Nothing restored.")
                return 1
        tables, rows, files = restore(
            source,
            database,
            media_root,
            media=not args.no_media,
            private_root=private_media_root(),
        )
    except (RestoreError, FileNotFoundError) as exc:
        print(f"Restore failed: {exc}", file=sys.stderr)
        return 2
    print(f"Restored {source}: {tables} tables, {rows} rows verified, {files} media files.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
