"""BibTeX (biblatex flavour) reading and writing, sharing one field table both ways.

Writing is done by hand rather than through bibtexparser's writer so that the output is stable
(same order of fields, same quoting) and round-trips exactly through our own reader, which does
use bibtexparser 2 for the hard part (the grammar, and the line of every entry and error).
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import bibtexparser
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, ImplicitComment
from django.utils.translation import gettext as _
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from .csl import ReferenceData
from .identifiers import normalise_doi
from .models import ONLINE_TYPES, CreatorRole, CslType, Reference

# CSL type -> (entry type, entrysubtype). biblatex types; classic BibTeX types are read too.
WRITE_TYPES: dict[str, tuple[str, str]] = {
    CslType.ARTICLE_JOURNAL: ("article", ""),
    CslType.ARTICLE_MAGAZINE: ("article", "magazine"),
    CslType.ARTICLE_NEWSPAPER: ("article", "newspaper"),
    CslType.REVIEW: ("article", "review"),
    CslType.BOOK: ("book", ""),
    CslType.CHAPTER: ("incollection", ""),
    CslType.PAPER_CONFERENCE: ("inproceedings", ""),
    CslType.REPORT: ("report", ""),
    CslType.THESIS: ("thesis", ""),
    CslType.WEBPAGE: ("online", ""),
    CslType.POST_WEBLOG: ("online", "blog"),
    CslType.POST: ("online", "post"),
    CslType.ARTICLE: ("online", "preprint"),
    CslType.MANUSCRIPT: ("unpublished", ""),
    CslType.SPEECH: ("misc", "speech"),
    CslType.MOTION_PICTURE: ("movie", ""),
    CslType.SOFTWARE: ("software", ""),
    CslType.DATASET: ("dataset", ""),
    CslType.DOCUMENT: ("misc", ""),
}
READ_TYPES: dict[str, str] = {
    "article": CslType.ARTICLE_JOURNAL,
    "book": CslType.BOOK,
    "mvbook": CslType.BOOK,
    "booklet": CslType.BOOK,
    "inbook": CslType.CHAPTER,
    "incollection": CslType.CHAPTER,
    "inproceedings": CslType.PAPER_CONFERENCE,
    "conference": CslType.PAPER_CONFERENCE,
    "report": CslType.REPORT,
    "techreport": CslType.REPORT,
    "thesis": CslType.THESIS,
    "phdthesis": CslType.THESIS,
    "mastersthesis": CslType.THESIS,
    "online": CslType.WEBPAGE,
    "www": CslType.WEBPAGE,
    "electronic": CslType.WEBPAGE,
    "dataset": CslType.DATASET,
    "misc": CslType.DOCUMENT,
    "unpublished": CslType.MANUSCRIPT,
    "software": CslType.SOFTWARE,
    "movie": CslType.MOTION_PICTURE,
    "video": CslType.MOTION_PICTURE,
}
SUBTYPES = {
    "magazine": CslType.ARTICLE_MAGAZINE,
    "newspaper": CslType.ARTICLE_NEWSPAPER,
    "review": CslType.REVIEW,
}
# ``entrysubtype`` (or ``type``) of @online and @misc entries.
ONLINE_SUBTYPES = {
    "blog": CslType.POST_WEBLOG,
    "blog post": CslType.POST_WEBLOG,
    "post": CslType.POST,
    "preprint": CslType.ARTICLE,
    "speech": CslType.SPEECH,
    "presentation": CslType.SPEECH,
}

# model field -> BibTeX field (container title depends on the type, see _container_field).
PLAIN_FIELDS: list[tuple[str, str]] = [
    ("title", "title"),
    ("title_short", "shorttitle"),
    ("container_title_short", "shortjournal"),
    ("volume", "volume"),
    ("issue", "number"),
    ("page", "pages"),
    ("publisher", "publisher"),
    ("publisher_place", "address"),
    ("edition", "edition"),
    ("doi", "doi"),
    ("isbn", "isbn"),
    ("issn", "issn"),
    ("pmid", "pmid"),
    ("url", "url"),
    ("open_access_url", "oaurl"),
    ("licence", "license"),
    ("abstract", "abstract"),
    ("language", "langid"),
    ("keywords", "keywords"),
]
ALIASES = {
    "location": "address",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
    "journaltitle": "journal",
    "journalabbrev": "shortjournal",
    "issue": "number",
    "language": "langid",
    "howpublished": "publisher",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_SPECIALS = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$"}
_UNESCAPE = re.compile(r"\\([&%#_$])")


def _container_field(csl_type: str) -> str:
    if csl_type in (CslType.CHAPTER, CslType.PAPER_CONFERENCE):
        return "booktitle"
    if csl_type in ONLINE_TYPES:
        return "organization"
    return "journal"


# --- writing ---------------------------------------------------------------------------------
def escape(value: str) -> str:
    """LaTeX specials escaped; braces dropped, since an unbalanced one breaks the whole file."""
    value = value.replace("{", "").replace("}", "").replace("\\", "")
    return "".join(_SPECIALS.get(c, c) for c in value)


def _name(creator: Any) -> str:
    if creator.literal:
        return "{" + escape(creator.literal) + "}"
    family = escape(creator.family)
    if " " in family:  # "De Vivo" must stay one family name
        family = "{" + family + "}"
    return f"{family}, {escape(creator.given)}" if creator.given else family


def entry(ref: Reference) -> str:
    entry_type, subtype = WRITE_TYPES.get(ref.csl_type, ("misc", ""))
    fields: list[tuple[str, str]] = []
    for role, field_name in (
        (CreatorRole.AUTHOR, "author"),
        (CreatorRole.EDITOR, "editor"),
        (CreatorRole.TRANSLATOR, "translator"),
        (CreatorRole.CONTAINER_AUTHOR, "bookauthor"),
    ):
        names = [_name(c) for c in ref.ordered_creators(role)]
        if names:
            fields.append((field_name, " and ".join(names)))
    if subtype:
        fields.append(("entrysubtype", subtype))
    for model_field, bib_field in PLAIN_FIELDS[:1]:
        fields.append((bib_field, escape(getattr(ref, model_field))))
    if ref.container_title:
        fields.append((_container_field(ref.csl_type), escape(ref.container_title)))
    if ref.issued_year:
        fields.append(("year", str(ref.issued_year)))
        date = "-".join(
            f"{part:02d}" if i else str(part) for i, part in enumerate(ref.issued_date_parts)
        )
        if ref.issued_month:
            fields.append(("month", str(ref.issued_month)))
            fields.append(("date", date))
    if ref.accessed:
        fields.append(("urldate", ref.accessed.isoformat()))
    for model_field, bib_field in PLAIN_FIELDS[1:]:
        value = getattr(ref, model_field)
        if not value:
            continue
        if bib_field == "pages":
            value = re.sub(r"\s*[-\u2013]+\s*", "--", value)
        fields.append(
            (
                bib_field,
                escape(value)
                if bib_field not in ("url", "oaurl", "doi")
                else value.replace("{", "%7B").replace("}", "%7D"),
            )
        )
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{ref.slug},\n{body}\n}}\n"


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)


# --- reading ---------------------------------------------------------------------------------
class Parsed(NamedTuple):
    """What a file yields: entries and errors with their 1-based line, and warnings (junk text,
    fields that have no place in the library) that do not stop the import but must be seen."""

    entries: list[tuple[int, Any]]
    errors: list[tuple[int, str]]
    warnings: list[tuple[int, str]]


def _decoder() -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-Unicode decoder as bibtexparser's ``LatexDecodingMiddleware`` sets
    it up (``\\url`` kept bare), but with math turned into text as well (``$\\alpha$``)."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "kindness-bibtex", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")]
    )
    return LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="text")


_DECODER = _decoder()
# A value that swallowed the next field because a comma was missing: ``{Y} year = 2021``.
_SWALLOWED = re.compile(r"[}\"]\s*[A-Za-z][\w-]*\s*=")
# Fields read into the model, or used to read it (type, dates, names): anything else is reported.
KNOWN_FIELDS = {
    *(bib for _m, bib in PLAIN_FIELDS),
    *ALIASES,
    "journal",
    "booktitle",
    "organization",
    "year",
    "month",
    "day",
    "date",
    "urldate",
    "entrysubtype",
    "type",
    "author",
    "editor",
    "translator",
    "bookauthor",
}


def latex_to_text(value: str) -> str:
    """LaTeX accents, specials and markup as Unicode text (``Gonz{\\'a}lez`` -> González).

    pylatexenc does the decoding (the library bibtexparser 2's ``LatexDecodingMiddleware``
    wraps); on the rare input it rejects, the value keeps its letters with the braces and
    escapes removed rather than failing the entry.
    """
    try:
        text = _DECODER.latex_to_text(value)
    except Exception:  # pylatexenc raises its own errors on malformed macros
        text = _UNESCAPE.sub(r"\1", value).replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _url(value: str) -> str:
    """URLs and DOIs keep their characters: only escapes, braces and ``\\url{}`` go."""
    value = re.sub(r"\\url\s*\{([^}]*)\}", r"\1", value.strip())
    return _UNESCAPE.sub(r"\1", value).replace("{", "").replace("}", "").strip()


def _names(value: str, role: str) -> list[dict[str, str]]:
    """Split on ``and`` and into name parts *before* decoding, since braces carry meaning there:
    ``{World Health Organization}`` is one organisation, ``{De Vivo}`` one family name."""
    creators = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("{") and raw.endswith("}") and "," not in raw:
            creators.append({"role": role, "literal": latex_to_text(raw)})
            continue
        parts = parse_single_name_into_parts(raw, strict=False)
        family = " ".join([*parts.von, *parts.last])
        if parts.jr:
            family = f"{family}, {' '.join(parts.jr)}"
        creators.append(
            {
                "role": role,
                "family": latex_to_text(family),
                "given": latex_to_text(" ".join(parts.first)),
            }
        )
    return creators


def _month(value: str) -> int | None:
    value = value.strip().lower()[:3]
    if value.isdigit():
        month = int(value)
        return month if 1 <= month <= 12 else None
    return MONTHS.index(value) + 1 if value in MONTHS else None


def _type(entry_type: str, raw: dict[str, str]) -> str:
    """The CSL type; web articles (``@online``, or ``@misc`` with a URL or an access date) and
    blog posts stay what they are instead of becoming reports."""
    csl_type = READ_TYPES.get(entry_type)
    if csl_type is None:
        raise ValueError(_("unknown entry type @%(type)s") % {"type": entry_type})
    subtype = (raw.get("entrysubtype") or raw.get("type") or "").strip().lower()
    if entry_type == "article" and subtype in SUBTYPES:
        return SUBTYPES[subtype]
    if entry_type in ("online", "www", "electronic", "misc") and subtype in ONLINE_SUBTYPES:
        return ONLINE_SUBTYPES[subtype]
    online = entry_type in ("online", "www", "electronic") or (
        entry_type == "misc" and (raw.get("url") or raw.get("urldate"))
    )
    return CslType.WEBPAGE if online else csl_type


def _check_swallowed(raw: dict[str, str]) -> None:
    for name, value in raw.items():
        if _SWALLOWED.search(value):
            raise ValueError(
                _(
                    "the field “%(field)s” runs into the next one: a comma is missing after "
                    "its value"
                )
                % {"field": name}
            )


def entry_to_data(bib_entry: Any) -> ReferenceData:
    """One parsed bibtexparser entry -> ReferenceData. Raises ValueError with a clear message."""
    if not bib_entry.key.strip():
        raise ValueError(
            _("the entry has no citation key: write one after “@%(type)s{”, then a comma")
            % {"type": bib_entry.entry_type}
        )
    raw: dict[str, str] = {}
    for f in bib_entry.fields:
        key = f.key.lower()
        if key == "howpublished" and "\\url" in str(f.value):
            raw.setdefault("url", str(f.value))
            continue
        raw[ALIASES.get(key, key)] = str(f.value)
        if key == "organization":  # a web page's site, also read as the publisher otherwise
            raw[key] = str(f.value)
    _check_swallowed(raw)
    entry_type = bib_entry.entry_type.lower()
    csl_type = _type(entry_type, raw)
    values: dict[str, Any] = {"csl_type": csl_type}
    for model_field, bib_field in PLAIN_FIELDS:
        if raw.get(bib_field):
            values[model_field] = (
                _url(raw[bib_field])
                if bib_field in ("url", "oaurl", "doi")
                else latex_to_text(raw[bib_field])
            )
    container = (
        raw.get("journal")
        or raw.get("booktitle")
        or (raw.get("organization") if csl_type in ONLINE_TYPES else None)
    )
    if container:
        values["container_title"] = latex_to_text(container)
    if (
        csl_type in ONLINE_TYPES
        and raw.get("organization")
        and values.get("publisher") == latex_to_text(raw["organization"])
    ):
        values.pop("publisher")
    if raw.get("pages"):  # from the raw value: the decoder turns ``--`` into an en dash
        values["page"] = re.sub(r"\s*(-+|\u2013|\u2014)\s*", "-", _url(raw["pages"]))
    if "doi" in values:
        values["doi"] = normalise_doi(values["doi"])
    for name, part in zip(("issued_year", "issued_month", "issued_day"), _date(raw), strict=False):
        values[name] = part
    accessed = raw.get("urldate", "").strip()
    if accessed:
        try:
            values["accessed"] = datetime.date.fromisoformat(accessed)
        except ValueError:
            raise ValueError(
                _("the access date “%(date)s” is not a date like 2024-05-31") % {"date": accessed}
            ) from None
    creators: list[dict[str, str]] = []
    for bib_field, role in (
        ("author", CreatorRole.AUTHOR),
        ("editor", CreatorRole.EDITOR),
        ("translator", CreatorRole.TRANSLATOR),
        ("bookauthor", CreatorRole.CONTAINER_AUTHOR),
    ):
        if raw.get(bib_field):
            creators.extend(_names(raw[bib_field], role))
    dropped = sorted(f.key.lower() for f in bib_entry.fields if f.key.lower() not in KNOWN_FIELDS)
    return ReferenceData(values=values, creators=creators, key=bib_entry.key, dropped=dropped)


def _date(raw: dict[str, str]) -> list[int]:
    date = raw.get("date", "").strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        return [int(p) for p in date.split("-")]
    year = raw.get("year", "").strip()
    if year and not year.isdigit():
        raise ValueError(_("the year “%(year)s” is not a number") % {"year": year})
    parts = [int(year)] if year else []
    month = _month(raw.get("month", "")) if parts else None
    if month:
        parts.append(month)
        day = raw.get("day", "").strip()
        if day.isdigit():
            parts.append(int(day))
    return parts


class _Collect(logging.Handler):
    """Holds bibtexparser's log records during one parse instead of letting them reach stderr
    (where they had 0-based line numbers and no entry); the same facts reach the user through
    the failed blocks, with the right line."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def parse(text: str) -> Parsed:
    """Entries, errors and warnings of a BibTeX file, each with its 1-based line."""
    parser_logger = logging.getLogger("bibtexparser")
    handler, propagate = _Collect(), parser_logger.propagate
    parser_logger.addHandler(handler)
    parser_logger.propagate = False
    try:
        library = bibtexparser.parse_string(text)
    finally:
        parser_logger.removeHandler(handler)
        parser_logger.propagate = propagate
    entries = [((e.start_line or 0) + 1, e) for e in library.entries]
    errors: list[tuple[int, str]] = []
    failed_lines: set[int] = set()
    for block in library.failed_blocks:
        start = block.start_line or 0  # bibtexparser types it optional
        errors.append((start + 1, _reason(block, text)))
        span = (block.raw or "").count("\n")
        failed_lines.update(range(start, start + span + 2))
    warnings = [
        (line, message)
        for line, message in _junk(library.blocks, text)
        if line - 1 not in failed_lines
    ]
    return Parsed(entries, sorted(errors), warnings)


def _reason(block: Any, text: str) -> str:
    """The failed block's error in the words of someone fixing the file."""
    error = getattr(block, "error", None)
    if isinstance(block, DuplicateBlockKeyBlock):
        return _("the citation key “%(key)s” is used by an earlier entry") % {"key": block.key}
    if isinstance(block, DuplicateFieldKeyBlock):
        return _("the field “%(field)s” is given twice") % {
            "field": ", ".join(sorted(block.duplicate_keys))
        }
    if isinstance(error, BlockAbortedException):
        reason = error.abort_reason
        end_line = text.count("\n", 0, error.end_index) + 1 if error.end_index is not None else None
        next_at = text.find("@", error.end_index) if error.end_index is not None else -1
        if (
            "field-value closing" in reason
            or "closing bracket" in reason
            or "end of file" in reason
        ):
            if next_at == -1 or "end of file" in reason:
                return _(
                    "unbalanced braces or quotes: the entry is still open at the end of the file "
                    '(a “}” or a “"” is missing)'
                )
            return _(
                "unbalanced braces or quotes: the entry is still open when the next entry "
                'starts on line %(line)d (a “}” or a “"” is missing)'
            ) % {"line": text.count("\n", 0, next_at) + 1}
        if "comma after entry key" in reason:
            return _("a comma is missing after the citation key")
        if "Expected a `=`" in reason or "equals sign" in reason:
            return _("a field name is not followed by “=” (line %(line)d)") % {
                "line": end_line or block.start_line + 1
            }
        if "after a closed entry field value" in reason:
            return _("a comma is missing between two fields (line %(line)d)") % {
                "line": end_line or block.start_line + 1
            }
        return reason
    return str(error or "") or _("this entry could not be read")


def _junk(blocks: list[Any], text: str) -> list[tuple[int, str]]:
    """Text outside any entry. BibTeX treats it as a comment, so a lost ``@`` or a pasted line
    would vanish without a word; lines starting with ``%`` are comments on purpose."""
    out = []
    for block in blocks:
        if not isinstance(block, ImplicitComment):
            continue
        for offset, line in enumerate(block.comment.splitlines()):
            stripped = line.strip()
            if stripped and not stripped.startswith("%"):
                shown = stripped if len(stripped) <= 60 else stripped[:57] + "..."
                out.append(
                    (
                        _line_of(text, line, (block.start_line or 0) + offset),
                        _("text outside any entry was not imported: “%(text)s”") % {"text": shown},
                    )
                )
                break  # one warning per stretch of junk
    return out


def _line_of(text: str, line: str, guess: int) -> int:
    """The 1-based line of ``line`` at or after ``guess`` (bibtexparser's comment start line
    can point at the end of the previous entry)."""
    lines = text.splitlines()
    for number in range(max(guess, 0), len(lines)):
        if lines[number] == line:
            return number + 1
    return guess + 1
