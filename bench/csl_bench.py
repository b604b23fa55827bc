"""CSL engines on the five styles' guide examples and the official test-suite: `make bench`, or
`.venv/bin/python bench/csl_bench.py`.

First every engine formats the references of tests/research/style_guide_examples.py in the five
styles and is scored on the strings written from APA 7, CMOS 18, MLA 9, Cite Them Right and Citing
Medicine (entries and in-text citations). Then it runs the fixtures of
citation-style-language/test-suite (``processor-tests/humans``) that need no citation sequence,
locator, bibliography section or abbreviation list (601 fixtures: 442 citations, 159
bibliographies). The engines are those the research library could use:

* citeproc-py, in process, as installed from uv.lock, as it is and "with fixes" (its output
  through research.typography; on the guide examples also research.style_fixes, as the site's
  fallback uses it);
* citeproc-js (npm ``citeproc``, research/citeproc_js), through the same Node filter the site
  uses to store citations;
* pandoc's citeproc (Debian's ``pandoc``), when the binary is there.

Outputs are compared after the same normalisation for every engine (HTML entities decoded,
white space between tags and at a div's edges removed). pandoc's HTML5 is first written in the
suite's markup (``pandoc_to_suite_markup``: tags and classes only, never the text), and a note
style's citation is asked for in the text, where pandoc does not capitalise it as a footnote.
The suite is citeproc-js's own regression suite, so its score is weighed with that in mind;
research.engines explains the choice made from these figures.

The fixtures are not in this repository: set ``CSL_TEST_SUITE`` to a checkout of the test-suite
(default ``var/csl-test-suite``; the copy measured was fetched from GitHub's
citation-style-language/test-suite at 13724f9). Without it only the guide examples are measured.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

BENCH_TIME_LIMIT_SECONDS = 300  # about 2 minutes for the three engines on two busy cores

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SKIPPED_SECTIONS = {"CITATION-ITEMS", "CITATIONS", "BIBENTRIES", "BIBSECTION", "ABBREVIATIONS"}
SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n?(.*?)\n?<<=+ \1 =+<<", re.DOTALL)


def load_fixtures(folder: Path) -> list[dict[str, Any]]:
    fixtures = []
    for path in sorted(folder.glob("*.txt")):
        sections = {name: body for name, body in SECTION.findall(path.read_text(encoding="utf-8"))}
        if SKIPPED_SECTIONS & set(sections) or sections.get("MODE", "").strip() not in (
            "citation",
            "bibliography",
        ):
            continue
        fixtures.append(
            {
                "name": path.stem,
                "mode": sections["MODE"].strip(),
                "csl": sections["CSL"],
                "items": json.loads(sections["INPUT"]),
                "result": sections["RESULT"],
            }
        )
    return fixtures


def normalise(text: str) -> str:
    """Entities decoded, runs of white space made one, and white space at a ``div``'s edges
    dropped (HTML does not render it; engines differ on which side of the left-margin ``div`` the
    separating space goes)."""
    text = html.unescape(text or "").replace("\u00a0", " ")
    text = re.sub(r">\s+<", "><", text.strip())
    text = re.sub(r"\s+(?=</div>)", "", text)
    text = re.sub(r'(<div class="csl-[a-z-]+">)\s+', r"\1", text)
    return re.sub(r"\s+", " ", text)


def score(fixtures: list[dict[str, Any]], outputs: list[str]) -> dict[str, Any]:
    """``{"passed": count, "failed": [fixture names]}``: each output against its fixture's result.

    Every engine is scored by this one comparison (``normalise`` on both sides), so that no engine
    is judged more leniently than another; the engines differ only in how they produce outputs.
    """
    failed = [
        fixture["name"]
        for fixture, output in zip(fixtures, outputs, strict=True)
        if normalise(output) != normalise(fixture["result"])
    ]
    return {"passed": len(fixtures) - len(failed), "failed": failed}


# --- citeproc-py ----------------------------------------------------------------------------
class _Timeout(Exception):
    pass


def _alarm(*_args: Any) -> None:
    raise _Timeout


def run_citeproc_py(fixture: dict[str, Any]) -> str:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = [
        dict(item, id=str(item.get("id", f"ITEM-{i}"))) for i, item in enumerate(fixture["items"])
    ]
    style = CitationStylesStyle(io.BytesIO(fixture["csl"].encode()), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
    if fixture["mode"] == "citation":
        citation = Citation([CitationItem(item["id"]) for item in items])
        bibliography.register(citation)
        return str(bibliography.cite(citation, lambda item: None))
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = "".join(
        f'<div class="csl-entry">{entry}</div>' for entry in bibliography.bibliography()
    )
    return f'<div class="csl-bib-body">{entries}</div>'


def run_citeproc_py_fixed(fixture: dict[str, Any]) -> str:
    """citeproc-py's output with research.typography's repairs, as the site's fallback uses it;
    punctuation goes inside quotes where the fixture's style or its locale says so."""
    from research import typography

    option = re.search(r'punctuation-in-quote="(true|false)"', fixture["csl"])
    if option:
        inside = option.group(1) == "true"
    else:
        locale = re.search(r'default-locale="([^"]+)"', fixture["csl"])
        inside = typography.punctuation_in_quote(locale.group(1) if locale else "en-US")
    return typography.fix(run_citeproc_py(fixture), punctuation_inside=inside)


def measure_citeproc_py(
    fixtures: list[dict[str, Any]], run: Callable[[dict[str, Any]], str] = run_citeproc_py
) -> dict[str, Any]:
    outputs = []
    signal.signal(signal.SIGALRM, _alarm)
    for fixture in fixtures:
        signal.alarm(10)
        try:
            outputs.append(run(fixture))
        except (Exception, _Timeout) as exc:  # an engine crash is a failed fixture
            outputs.append(f"error: {type(exc).__name__}")
        finally:
            signal.alarm(0)
    return score(fixtures, outputs)


# --- citeproc-js ----------------------------------------------------------------------------
def measure_citeproc_js(fixtures: list[dict[str, Any]]) -> dict[str, Any]:
    from research import engines

    if not engines.node_available():
        return {"skipped": "node or research/citeproc_js/node_modules is missing"}
    request = {
        "locales": str(engines.LOCALES_DIR),
        "fixtures": [{k: f[k] for k in ("csl", "mode", "items")} for f in fixtures],
    }
    done = subprocess.run(
        ["node", str(engines.JS_DIR / "render.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    results = json.loads(done.stdout)["results"]
    outputs = [out if isinstance(out, str) else f"error: {out.get('error')}" for out in results]
    return score(fixtures, outputs)


# --- pandoc ---------------------------------------------------------------------------------
def _run_pandoc(style: str, folder: Path, *, timeout: int) -> str:
    """pandoc's HTML for ``doc.md`` with ``refs.json`` in ``folder``, cited in ``style``.

    The suite's fixtures and the guide examples are rendered by the same command line, so that
    both measure pandoc the same way; only what is written into the folder differs.
    """
    done = subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--csl",
            style,
            "--bibliography",
            "refs.json",
            "doc.md",
            "-t",
            "html",
            "--wrap=none",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done.stdout


def _pandoc_one(fixture: dict[str, Any], folder: Path) -> str:
    items = [
        dict(item, id=str(item.get("id", f"ITEM-{i}"))) for i, item in enumerate(fixture["items"])
    ]
    csl = fixture["csl"]
    if fixture["mode"] == "citation":
        # The suite states a citation as the processor returns it; pandoc would put a note
        # style's citation in a footnote and capitalise it there, which is the document's
        # business, not the style's, so the citation is asked for in the text.
        csl = re.sub(r'(<style\b[^>]*?\bclass=")note"', r'\1in-text"', csl, count=1)
    (folder / "style.csl").write_text(csl, encoding="utf-8")
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    if fixture["mode"] == "citation":
        body = "[" + "; ".join(f"@{item['id']}" for item in items) + "]"
        meta = "suppress-bibliography: true\n"
    else:
        body = ""
        meta = "nocite: '@*'\n"
    (folder / "doc.md").write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
    return pandoc_to_suite_markup(_run_pandoc("style.csl", folder, timeout=30), fixture["mode"])


class _SuiteMarkup(HTMLParser):
    """pandoc's HTML5 rewritten in the markup the suite states (citeproc-js's HTML format).

    Only the vocabulary changes, never the text: ``<em>``/``<strong>`` become ``<i>``/``<b>``,
    pandoc's classes become citeproc-js's inline styles, and what pandoc adds around the citation
    (links on URLs and DOIs, ``id``/``role`` attributes, plain ``<span>`` wrappers, ``nocase``
    spans) is dropped.
    """

    TAGS = {"em": "i", "strong": "b", "i": "i", "b": "b", "sup": "sup", "sub": "sub"}
    SPAN_STYLES = {
        "smallcaps": "font-variant:small-caps;",
        "underline": "text-decoration:underline;",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.closing: list[str] = []  # the end tag to write for each open element ("" = none)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.TAGS:
            start, end = f"<{self.TAGS[tag]}>", f"</{self.TAGS[tag]}>"
        elif tag == "div":
            kept = [c for c in classes if c.startswith("csl-") and c != "csl-bib-body"]
            start, end = (f'<div class="{kept[0]}">', "</div>") if kept else ("", "")
        elif tag == "span" and any(c in self.SPAN_STYLES for c in classes):
            style = "".join(self.SPAN_STYLES[c] for c in classes if c in self.SPAN_STYLES)
            start, end = f'<span style="{style}">', "</span>"
        else:  # <a>, <span>, <span class="nocase">, <p>...: pandoc's, not the style's
            start, end = "", ""
        self.out.append(start)
        self.closing.append(end)

    def handle_endtag(self, tag: str) -> None:
        if self.closing:
            self.out.append(self.closing.pop())

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def _suite_markup(fragment: str) -> str:
    parser = _SuiteMarkup()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).strip()


def _entries(document: str, *, with_ids: bool = False) -> list[Any]:
    """The inner HTML of every ``csl-entry`` div, nested divs (left margin, blocks) included;
    with ``with_ids``, (item id, HTML) pairs."""
    entries: list[Any] = []
    for start in re.finditer(r'<div id="ref-([^"]*)" class="csl-entry"[^>]*>', document):
        depth, position = 1, start.end()
        for tag in re.compile(r"<(/?)div\b[^>]*>").finditer(document, position):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                inner = document[position : tag.start()]
                entries.append((start.group(1), inner) if with_ids else inner)
                break
    return entries


def pandoc_to_suite_markup(document: str, mode: str) -> str:
    """The citation or bibliography in a pandoc HTML document, as the suite writes it: the
    citation span's content, or the entries in the suite's bibliography wrapper."""
    if mode == "citation":
        cited = re.search(r'<span class="citation"[^>]*>(.*)</span>', document, re.DOTALL)
        return _suite_markup(cited.group(1) if cited else document)
    entries = "".join(
        f'<div class="csl-entry">{_suite_markup(entry)}</div>' for entry in _entries(document)
    )
    return f'<div class="csl-bib-body">{entries}</div>'


def measure_pandoc(fixtures: list[dict[str, Any]], deadline: float) -> dict[str, Any]:
    if not shutil.which("pandoc"):
        return {"skipped": "pandoc is not installed (apt-get install pandoc)"}
    outputs: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in fixtures:
            if time.monotonic() > deadline:
                break
            try:
                outputs.append(_pandoc_one(fixture, Path(tmp)))
            except (OSError, subprocess.SubprocessError) as exc:
                outputs.append(f"error: {exc}")
    result = score(fixtures[: len(outputs)], outputs)
    if len(outputs) < len(fixtures):
        result["incomplete"] = f"time ran out after {len(outputs)} fixtures"
    return result


# --- the five styles' guide examples ---------------------------------------------------------
def _pandoc_guide(
    style_file: Path, locale: str, items: list[dict[str, Any]], folder: Path
) -> dict[str, list[str]]:
    """{item id: [bibliography entry, citation]} in one style, from one pandoc run."""
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    paragraphs = "\n\n".join(f"[@{item['id']}]" for item in items)
    (folder / "doc.md").write_text(f"---\nlang: {locale}\n---\n\n{paragraphs}\n", "utf-8")
    text, _, bibliography = _run_pandoc(str(style_file), folder, timeout=60).partition(
        '<div id="refs"'
    )
    citations = re.findall(r"<p>(.*?)</p>", text, re.DOTALL)
    entries = dict(_entries('<div id="refs"' + bibliography, with_ids=True))
    out = {}
    for item, citation in zip(items, citations, strict=False):
        entry = entries.get(item["id"], "")
        # As research/citeproc_js/render.mjs does: an entry shown alone keeps no number.
        right = re.search(r'<div class="csl-right-inline">(.*?)</div>', entry, re.DOTALL)
        entry = right.group(1) if right else entry
        out[item["id"]] = [_suite_markup(entry), pandoc_to_suite_markup(citation, "citation")]
    return out


def measure_guide_examples() -> dict[str, Any]:
    """Every engine on the expected strings of tests/research/style_guide_examples.py (written
    from APA 7, CMOS 18, MLA 9, Cite Them Right and Citing Medicine): entries and citations."""
    from research import engines
    from research.csl import reference_to_csl
    from research.formatting import STYLES, render_citeproc_py
    from tests.research.style_guide_examples import EXPECTED, IN_TEXT, REFS

    refs = list(REFS.values())
    cases = [(s, k, 0, text) for s, texts in EXPECTED.items() for k, text in texts.items()]
    cases += [(s, k, 1, text) for s, texts in IN_TEXT.items() for k, text in texts.items()]

    def py(fixes: bool) -> dict[tuple[str, str], list[str]]:
        return {
            (style, key): list(render_citeproc_py(REFS[key], STYLES[style], locale, fixes=fixes))
            for style in EXPECTED
            for key in REFS
            for locale in [STYLES[style].english]
        }

    def js(fixes: bool) -> dict[tuple[str, str], list[str]]:
        rendered = engines.render_js(refs, fixes=fixes)
        return {(s, k): rendered[REFS[k].pk]["en"][s] for s in EXPECTED for k in REFS}

    def pandoc() -> dict[tuple[str, str], list[str]]:
        items = [reference_to_csl(REFS[k], item_id=k) for k in REFS]
        out = {}
        with tempfile.TemporaryDirectory() as tmp:
            for s in EXPECTED:
                style = STYLES[s]
                found = _pandoc_guide(
                    engines.style_path(style.csl_name), style.english, items, Path(tmp)
                )
                out.update({(s, k): found.get(k, ["", ""]) for k in REFS})
        return out

    engines_to_run: dict[str, Callable[[], dict[tuple[str, str], list[str]]]] = {
        "citeproc-py": lambda: py(False),
        "citeproc-py with fixes": lambda: py(True),
    }
    if engines.node_available():
        engines_to_run["citeproc-js"] = lambda: js(False)
        engines_to_run["citeproc-js with fixes (the site)"] = lambda: js(True)
    if shutil.which("pandoc"):
        engines_to_run["pandoc citeproc"] = pandoc
    results: dict[str, Any] = {"cases": len(cases)}
    for name, render in engines_to_run.items():
        began = time.monotonic()
        out = render()
        failed = [
            f"{style}/{key}/{'citation' if part else 'entry'}"
            for style, key, part, expected in cases
            if normalise(out[(style, key)][part]) != normalise(expected)
        ]
        results[name] = {
            "passed": len(cases) - len(failed),
            "failed": failed,
            "seconds": round(time.monotonic() - began, 1),
        }
    return results


def _table(title: str, results: dict[str, Any], total: int) -> None:
    print(title)
    print(f"| engine | passed | of {total} | % | seconds |")
    print("|---|---|---|---|---|")
    for name, result in results.items():
        if not isinstance(result, dict):
            continue
        if "skipped" in result:
            print(f"| {name} | skipped: {result['skipped']} | | | |")
            continue
        share = 100 * result["passed"] / total
        note = f" ({result['incomplete']})" if "incomplete" in result else ""
        seconds = result.get("seconds", "")
        print(f"| {name}{note} | {result['passed']} | {total} | {share:.1f} | {seconds} |")


def main() -> int:
    started = time.monotonic()
    limit = float(os.environ.get("BENCH_TIME_LIMIT", "0") or 0) or BENCH_TIME_LIMIT_SECONDS
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindness_site.settings.test")
    import django

    django.setup()
    out_dir = Path(os.environ.get("BENCH_VAR_DIR", ROOT / "var" / "bench"))
    out_dir.mkdir(parents=True, exist_ok=True)
    guides = measure_guide_examples()
    _table("The five styles' guide examples (entries and citations)", guides, guides["cases"])
    (out_dir / "csl_guides.json").write_text(json.dumps(guides, indent=1), encoding="utf-8")
    suite = Path(os.environ.get("CSL_TEST_SUITE", ROOT / "var" / "csl-test-suite"))
    folder = suite / "processor-tests" / "humans"
    if not folder.is_dir():
        print(
            f"CSL test-suite not found at {suite}: clone citation-style-language/test-suite "
            "there or set CSL_TEST_SUITE; the suite was not measured."
        )
        return 0
    fixtures = load_fixtures(folder)
    results: dict[str, Any] = {}
    for name, measure in (
        ("citeproc-py", measure_citeproc_py),
        ("citeproc-py with fixes", lambda f: measure_citeproc_py(f, run_citeproc_py_fixed)),
        ("citeproc-js", measure_citeproc_js),
        ("pandoc citeproc", lambda f: measure_pandoc(f, started + limit * 0.95)),
    ):
        began = time.monotonic()
        results[name] = measure(fixtures)
        results[name]["seconds"] = round(time.monotonic() - began, 1)
    _table(
        f"CSL test-suite: {len(fixtures)} fixtures without citation sequences or locators",
        results,
        len(fixtures),
    )
    (out_dir / "csl_suite.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"Failing cases per engine: {out_dir / 'csl_guides.json'}, {out_dir / 'csl_suite.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
