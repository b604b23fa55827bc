"""CSV formula injection: every CSV export the site writes quotes cells a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from kindness_site.security.spreadsheets import safe_cell
from newsletter.models import Subscriber
from pages.models import Member

pytestmark = pytest.mark.django_db
HOSTILE = "=cmd|'/ccalc'!a0@example.com"


@pytest.fixture(autouse=True)
def _password_only_admin(settings):
    settings.OTP_REQUIRED = False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HOSTILE, "'" + HOSTILE),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("anna@example.org", "anna@example.org"),
        ("", ""),
        (-5, -5),  # numbers stay numbers
        (None, None),
        (date(2026, 1, 2), date(2026, 1, 2)),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def csv_rows(admin_client, url: str) -> list[list[str]]:
    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


def test_subscriber_export_quotes_a_formula_address(admin_client, site_tree):
    Subscriber.objects.create(email=HOSTILE, language="en", status="pending", source="@evil")
    Subscriber.objects.create(email="anna@example.org", language="it", status="confirmed")
    rows = csv_rows(admin_client, "/admin/snippets/newsletter/subscriber/")
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + HOSTILE in cells and "'@evil" in cells and "anna@example.org" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_member_export_quotes_formula_fields_of_an_application(admin_client, site_tree):
    Member.objects.create(
        name='=HYPERLINK("http://evil.example","click")',
        city="+39 Roma",
        contact_name="-1+1",
        contact_email="ok@example.org",
    )
    rows = csv_rows(admin_client, "/admin/snippets/pages/member/")
    header, *data = rows
    assert "Contact email" in header or "contact email" in [h.lower() for h in header]
    [row] = data
    assert row[0] == '\'=HYPERLINK("http://evil.example","click")'
    assert "'+39 Roma" in row and "'-1+1" in row and "ok@example.org" in row
