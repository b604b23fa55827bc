"""What an operator copies from deploy/ stays in step with the code: every setting in the
environment example, every scheduled command a real one, the units running what README says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

from topology.config import ShapeConfig
from topology.timers import read_timers, timespan_seconds
from topology.varnish import backends_vcl

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
# Read by the settings but not production's to set: DEBUG is forced off there.
NOT_FOR_PRODUCTION = {"DEBUG"}


def settings_read_from_environment() -> set[str]:
    sources = [
        *(ROOT / "kindness_site" / "settings").glob("*.py"),
        ROOT / "kindness_site" / "gunicorn_conf.py",
    ]
    names: set[str] = set()
    for source in sources:
        if source.name in {"dev.py", "test.py"}:
            continue
        names |= set(re.findall(r'env_[a-z]+\(\s*"([A-Z][A-Z0-9_]+)"', source.read_text()))
    return {name for name in names if not name.endswith("_")}  # ANYMAIL_*: a prefix


def test_the_environment_example_lists_every_production_setting():
    example = (DEPLOY / "env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.M))
    missing = settings_read_from_environment() - NOT_FOR_PRODUCTION - listed
    assert not missing, f"add to deploy/env.example: {sorted(missing)}"
    assert len(settings_read_from_environment()) > 60  # the scan found the settings at all


def test_each_timer_runs_a_real_command_at_the_documented_interval():
    timers = {timer.name: timer.interval for timer in read_timers()}
    assert timers == {
        "publish_scheduled": 60,
        "newsletter_run_due": 60,
        "newsletter_purge": 86400,
    }
    assert set(timers) <= set(get_commands())


@pytest.mark.parametrize(
    ("text", "seconds"), [("1min", 60), ("1d", 86400), ("5min 30s", 330), ("90", 90), ("2h", 7200)]
)
def test_systemd_time_spans(text: str, seconds: float):
    assert timespan_seconds(text) == seconds


def test_systemd_time_span_with_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="fortnight"):
        timespan_seconds("1fortnight")


def test_the_units_run_gunicorn_with_its_config_and_the_worker_from_the_environment_file():
    web = (DEPLOY / "systemd" / "kindness-web.service").read_text()
    worker = (DEPLOY / "systemd" / "kindness-worker.service").read_text()
    assert "--config python:kindness_site.gunicorn_conf kindness_site.wsgi" in web
    assert "manage.py db_worker" in worker
    for unit in (DEPLOY / "systemd").glob("kindness-*.*"):
        assert "EnvironmentFile=/etc/kindness/env" in unit.read_text() or unit.suffix == ".timer"
        assert "[Install]" in unit.read_text() or unit.suffix == ".service"


def test_the_shape_points_varnish_at_its_own_nodes(tmp_path):
    config = ShapeConfig.from_env(tmp_path, port_base=8150)
    vcl = backends_vcl(config)
    assert re.search(r'backend node_a \{\s*\.host = "127\.0\.0\.1";\s*\.port = "8152";', vcl)
    assert re.search(r'backend node_b \{\s*\.host = "127\.0\.0\.1";\s*\.port = "8153";', vcl)
    assert '.host = "10.' not in vcl
