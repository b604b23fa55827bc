"""make backup / make restore: PostgreSQL (pg_dump custom format) and SQLite, plus media.

The PostgreSQL test restores into a brand-new database on the local server (127.0.0.1:5432,
user postgres) and compares every table's row count and content with the source.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import backup
import restore

PG = {
    "ENGINE": "django.db.backends.postgresql",
    "HOST": "127.0.0.1",
    "PORT": 5432,
    "USER": "postgres",
}
SCHEMA = """
CREATE TABLE area (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE story (id serial PRIMARY KEY, area_id int REFERENCES area(id), title text, body jsonb);
INSERT INTO area (name) VALUES ('Schools'), ('Gentilezza è forza 🙂');
INSERT INTO story (area_id, title, body)
  SELECT 1 + (n % 2), 'Story ' || n, jsonb_build_object('n', n) FROM generate_series(1, 250) n;
"""


def psql(dbname: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", dbname, "-c", sql],
        env=backup.pg_env(PG),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture(scope="module")
def pg_databases():
    """A populated source and an empty target database, dropped after the module (creating and
    dropping databases costs a checkpoint each, so the tests share one pair)."""
    names = [f"kindness_backup_test_{uuid.uuid4().hex[:10]}_{role}" for role in ("src", "dst")]
    for name in names:
        psql("postgres", f"CREATE DATABASE {name}")
    psql(names[0], SCHEMA)
    yield [{**PG, "NAME": name} for name in names]
    for name in names:
        psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def media(tmp_path) -> Path:
    root = tmp_path / "media"
    (root / "original_images").mkdir(parents=True)
    (root / "original_images" / "photo.jpg").write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
    (root / "documents").mkdir()
    (root / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 kindness")
    return root


def files_in(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_postgres_backup_restores_into_a_fresh_database(pg_databases, media, tmp_path):
    source, target = pg_databases

    folder = backup.backup(source, media, tmp_path / "backups")
    manifest = json.loads((folder / backup.MANIFEST).read_text())
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump custom format
    assert manifest["row_counts"] == {"public.area": 2, "public.story": 250}
    assert not list((tmp_path / "backups").glob(".*partial"))

    restored_media = tmp_path / "restored-media"
    tables, rows, files = restore.restore(folder, target, restored_media)
    assert (tables, rows, files) == (2, 252, 2)
    assert backup.table_counts(target) == backup.table_counts(source)
    query = "SELECT string_agg(a.name || ':' || s.title || ':' || s.body::text, '|' ORDER BY s.id) "
    query += "FROM story s JOIN area a ON a.id = s.area_id"
    assert psql(target["NAME"], query) == psql(source["NAME"], query)
    # Sequences come back too: the next row does not collide with restored ids.
    assert psql(target["NAME"], "INSERT INTO story (title) VALUES ('new') RETURNING id") == "251"
    assert files_in(restored_media) == files_in(media)


def test_restore_refuses_a_database_that_does_not_match_the_backup(pg_databases, tmp_path):
    source, target = pg_databases
    folder = backup.backup(source, None, tmp_path)
    manifest_path = folder / backup.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["row_counts"]["public.story"] = 999  # as if rows were lost on the way
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(restore.RestoreError, match="Row counts differ"):
        restore.restore(folder, target, None)


def sqlite_db(path: Path) -> dict:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE subscriber (id INTEGER PRIMARY KEY, email TEXT UNIQUE)")
        connection.executemany(
            "INSERT INTO subscriber (email) VALUES (?)", [(f"p{n}@example.org",) for n in range(40)]
        )
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def test_sqlite_backup_and_restore_through_the_command_line(tmp_path, media, monkeypatch, capsys):
    source = sqlite_db(tmp_path / "site.sqlite3")
    backups = tmp_path / "backups"
    private = tmp_path / "private-media"
    (private / "documents").mkdir(parents=True)
    (private / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4 private")
    monkeypatch.setattr(backup, "site_config", lambda: (source, media, backups))
    monkeypatch.setattr(backup, "private_media_root", lambda: private)
    assert backup.main([]) == 0
    assert "1 tables, 40 rows, media archived" in capsys.readouterr().out

    target = {**source, "NAME": str(tmp_path / "restored.sqlite3")}
    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    monkeypatch.setattr(restore, "site_config", lambda: (target, restored_media, backups))
    monkeypatch.setattr(restore, "private_media_root", lambda: restored_private)
    assert restore.main(["--yes"]) == 0  # the newest backup by default
    assert "1 tables, 40 rows verified, 3 media files" in capsys.readouterr().out
    assert backup.table_counts(target) == {"subscriber": 40}
    assert files_in(restored_media) == files_in(media)
    assert files_in(restored_private) == files_in(private)


def test_restore_asks_first_and_reports_missing_backups(tmp_path, monkeypatch, capsys):
    source = sqlite_db(tmp_path / "site.sqlite3")
    monkeypatch.setattr(restore, "site_config", lambda: (source, None, tmp_path / "none"))
    assert restore.main(["--yes"]) == 2
    assert "No backup found" in capsys.readouterr().err
    folder = backup.backup(source, None, tmp_path / "b")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert restore.main([str(folder)]) == 1


def test_media_archive_members_cannot_escape(tmp_path):
    evil = tmp_path / "evil"
    evil.mkdir()
    (tmp_path / "x.txt").write_text("x")
    with tarfile.open(evil / "media.tar.gz", "w:gz") as archive:
        archive.add(tmp_path / "x.txt", arcname="../outside.txt")
    with pytest.raises(restore.RestoreError, match="Unexpected member"):
        restore.restore_media(evil, {"media": "media.tar.gz"}, tmp_path / "m")
    assert not (tmp_path / "outside.txt").exists()


def test_vendor_mismatch_is_refused(tmp_path):
    source = sqlite_db(tmp_path / "a.sqlite3")
    folder = backup.backup(source, None, tmp_path / "b")
    with pytest.raises(restore.RestoreError, match="from SQLite"):
        restore.restore(folder, {**PG, "NAME": "whatever"}, None)


def test_documents_outside_media_root_are_backed_up_and_restored_to_their_own_root(media, tmp_path):
    """Documents live in PRIVATE_MEDIA_ROOT (never served under /media/); a backup that missed
    them would lose every uploaded document."""
    private = tmp_path / "private-media"
    (private / "documents").mkdir(parents=True)
    (private / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4 private")
    target = tmp_path / "out"
    target.mkdir()
    archive = backup.archive_media(media, target, private)
    assert archive is not None
    manifest = {"media": archive.name}
    restored, restored_private = tmp_path / "r-media", tmp_path / "r-private"
    files = restore.restore_media(target, manifest, restored, restored_private)
    assert files == 3
    assert files_in(restored) == files_in(media)
    assert files_in(restored_private) == files_in(private)
    with pytest.raises(restore.RestoreError):
        restore.restore_media(target, manifest, tmp_path / "again")  # nowhere for documents
