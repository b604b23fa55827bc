"""Request ids in responses and log records; the JSON log formatter; production logging."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from django.http import HttpResponse
from django.urls import path

from kindness_site.logging import ClientErrorFilter, JsonFormatter, build_logging
from kindness_site.security.request_id import RequestContextFilter, is_plain_id

logger = logging.getLogger("kindness_site.tests")


def logging_view(request):
    logger.warning("inside the view")
    return HttpResponse("ok")


def failing_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("log/", logging_view), path("fail/", failing_view)]


@pytest.fixture
def records(settings, caplog):
    settings.ROOT_URLCONF = __name__
    caplog.handler.addFilter(RequestContextFilter())
    caplog.set_level(logging.INFO)
    yield caplog
    caplog.handler.removeFilter(caplog.handler.filters[-1])


def test_a_new_id_is_made_and_returned(client, records):
    response = client.get("/log/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    record = next(r for r in records.records if r.name == "kindness_site.tests")
    assert record.request_id == request_id


def test_a_valid_incoming_id_is_kept_and_a_hostile_one_replaced(client, records):
    assert client.get("/log/", headers={"X-Request-ID": "lb-1234abcd"})["X-Request-ID"] == (
        "lb-1234abcd"
    )
    forged = client.get("/log/", headers={"X-Request-ID": "x\n\nFAKE LOG LINE"})["X-Request-ID"]
    assert "\n" not in forged and len(forged) == 32
    assert not is_plain_id("short") and is_plain_id("lb-1234abcd")


def test_errors_are_logged_with_the_request_id(client, records):
    client.raise_request_exception = False
    response = client.get("/fail/")
    assert response.status_code == 500
    error = next(r for r in records.records if r.name == "django.request")
    assert error.request_id == response["X-Request-ID"]
    assert error.exc_info is not None


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    RequestContextFilter().filter(record)
    assert record.request_id == "-"  # type: ignore[attr-defined]  # set by the filter


def test_json_formatter_writes_one_object_per_line():
    try:
        raise ValueError("bad")
    except ValueError:
        record = logging.LogRecord(
            "kindness", logging.ERROR, __file__, 1, "failed %s", ("é",), sys.exc_info()
        )
    record.request_id = "abc"
    record.status = 500
    record.obj = object()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "failed é" and data["level"] == "ERROR"
    assert data["request_id"] == "abc" and data["status"] == 500
    assert "ValueError: bad" in data["exception"]
    assert data["obj"].startswith("<object")


def test_build_logging():
    config = build_logging("json", "INFO", access_level="INFO")
    assert config["handlers"]["console"]["formatter"] == "json"
    assert config["handlers"]["console"]["filters"] == ["client_errors", "request_id"]
    assert config["loggers"]["kindness_site.access"]["level"] == "INFO"
    logging.config.dictConfig(config)  # valid for the logging module
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        build_logging("xml")


def test_production_logs_json(production_security):
    assert production_security.LOG_FORMAT == "json"
    assert production_security.LOGGING["handlers"]["console"]["formatter"] == "json"


@pytest.fixture
def client_error_records(caplog):
    caplog.handler.addFilter(ClientErrorFilter())
    caplog.set_level(logging.INFO)
    yield caplog
    caplog.handler.removeFilter(caplog.handler.filters[-1])


def _one_line_warnings_only(records) -> None:
    assert records, "the event is still logged"
    assert not [r for r in records if r.levelno >= logging.ERROR]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in records)


def test_a_forged_host_is_one_warning_line(client, settings, client_error_records):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/healthz", HTTP_HOST="evil.example")
    assert response.status_code == 400
    _one_line_warnings_only([r for r in client_error_records.records if "django" in r.name])
    assert any("evil.example" in r.getMessage() for r in client_error_records.records)


def test_an_oversized_body_is_one_warning_line(client, settings, client_error_records, db):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/en/newsletter/subscribe/", {"email": "x" * 5000})
    assert response.status_code == 400
    _one_line_warnings_only([r for r in client_error_records.records if "django" in r.name])


def test_other_errors_keep_their_level_and_traceback():
    try:
        raise RuntimeError("a real fault")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "boom", None, sys.exc_info()
        )
    ClientErrorFilter().filter(record)
    assert record.levelno == logging.ERROR and record.exc_info is not None
