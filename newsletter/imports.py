"""CSV import of subscribers. Double opt-in unless the row proves consent was recorded elsewhere.

Columns: ``email`` (required), ``language`` (en/it), ``topics`` (area slugs separated by ``;``),
``consent_at`` (ISO date-time of the original consent) and ``consent_source`` (where it was
given). Rows with ``consent_at`` are imported as confirmed, with the proof in the ledger; the
others get a confirmation email like any sign-up. Suppressed and existing addresses are skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.dateparse import parse_datetime

from pages.models import Area

from .models import ConsentAction, Subscriber, SubscriberStatus, Suppression
from .normalise import normalise_email
from .subscriptions import Origin, record

MAX_ROWS = 50_000


@dataclass
class ImportReport:
    confirmed: int = 0
    pending: int = 0
    skipped_existing: int = 0
    skipped_suppressed: int = 0
    errors: list[str] = field(default_factory=list)
    to_confirm: list[int] = field(default_factory=list)


def import_csv(data: bytes, origin: Origin) -> ImportReport:
    report = ImportReport()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append("The file is not UTF-8 text.")
        return report
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "email" not in reader.fieldnames:
        report.errors.append('The first line must name the columns and include "email".')
        return report
    languages = {code for code, _ in settings.LANGUAGES}
    areas = {a.slug: a for a in Area.objects.filter(locale__language_code=settings.LANGUAGE_CODE)}
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            report.errors.append(f"Stopped after {MAX_ROWS} rows.")
            break
        _import_row(number, row, languages, areas, origin, report)
    return report


def _import_row(
    number: int,
    row: dict[str, str],
    languages: set[str],
    areas: dict[str, Area],
    origin: Origin,
    report: ImportReport,
) -> None:
    email = normalise_email(row.get("email") or "")
    try:
        validate_email(email)
    except ValidationError:
        report.errors.append(f"Line {number}: {row.get('email')!r} is not an email address.")
        return
    language = (row.get("language") or settings.LANGUAGE_CODE).strip().lower()
    if language not in languages:
        report.errors.append(f"Line {number}: unknown language {language!r}.")
        return
    slugs = [s.strip() for s in (row.get("topics") or "").split(";") if s.strip()]
    unknown = [s for s in slugs if s not in areas]
    if unknown:
        report.errors.append(f"Line {number}: unknown topics {', '.join(unknown)}.")
        return
    consent_at = (row.get("consent_at") or "").strip()
    consent_time = parse_datetime(consent_at) if consent_at else None
    if consent_at and consent_time is None:
        report.errors.append(f"Line {number}: consent_at {consent_at!r} is not a date-time.")
        return
    if Suppression.is_suppressed(email):
        report.skipped_suppressed += 1
        return
    if Subscriber.objects.filter(email=email).exists():
        report.skipped_existing += 1
        return
    with transaction.atomic():
        subscriber = Subscriber.objects.create(
            email=email,
            language=language,
            source="import",
            status=SubscriberStatus.CONFIRMED if consent_time else SubscriberStatus.PENDING,
            confirmed_at=consent_time,
        )
        subscriber.topics.set([areas[s] for s in slugs])
        record(
            subscriber,
            ConsentAction.IMPORT,
            origin,
            consent_at=consent_at,
            consent_source=(row.get("consent_source") or "")[:200],
        )
    if consent_time:
        report.confirmed += 1
    else:
        report.pending += 1
        report.to_confirm.append(subscriber.pk)
