"""CSL engines on the official test-suite: `make bench`, or `.venv/bin/python bench/csl_bench.py`.

Runs the fixtures of citation-style-language/test-suite (``processor-tests/humans``) that need no
citation sequence, locator, bibliography section or abbreviation list (601 fixtures: 442
citations, 159 bibliographies) through each engine the research library could use:

* citeproc-py, in process, as installed from uv.lock;
* citeproc-js (npm ``citeproc``, research/citeproc_js), through the same Node filter the site
  uses to store citations;
* pandoc's citeproc (Debian's ``pandoc``), when the binary is there.

Outputs are compared after the same normalisation for every engine (HTML entities decoded,
white space between tags removed). The suite is citeproc-js's own regression suite, so its score
is weighed with that in mind; research.engines explains the choice made from these figures.

The fixtures are not in this repository: set ``CSL_TEST_SUITE`` to a checkout of the test-suite
(default ``var/csl-test-suite``). Without it the script says so and exits cleanly.
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
    text = html.unescape(text or "").replace("\u00a0", " ")
    text = re.sub(r">\s+<", "><", text.strip())
    return re.sub(r"\s+", " ", text)


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


def measure_citeproc_py(fixtures: list[dict[str, Any]]) -> dict[str, Any]:
    passed, failed = 0, []
    signal.signal(signal.SIGALRM, _alarm)
    for fixture in fixtures:
        signal.alarm(10)
        try:
            output = run_citeproc_py(fixture)
        except (Exception, _Timeout) as exc:  # an engine crash is a failed fixture
            output = f"error: {type(exc).__name__}"
        finally:
            signal.alarm(0)
        if normalise(output) == normalise(fixture["result"]):
            passed += 1
        else:
            failed.append(fixture["name"])
    return {"passed": passed, "failed": failed}


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
    passed, failed = 0, []
    for fixture, output in zip(fixtures, results, strict=True):
        text = output if isinstance(output, str) else f"error: {output.get('error')}"
        if normalise(text) == normalise(fixture["result"]):
            passed += 1
        else:
            failed.append(fixture["name"])
    return {"passed": passed, "failed": failed}


# --- pandoc ---------------------------------------------------------------------------------
def _pandoc_one(fixture: dict[str, Any], folder: Path) -> str:
    items = [
        dict(item, id=str(item.get("id", f"ITEM-{i}"))) for i, item in enumerate(fixture["items"])
    ]
    (folder / "style.csl").write_text(fixture["csl"], encoding="utf-8")
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    if fixture["mode"] == "citation":
        body = "[" + "; ".join(f"@{item['id']}" for item in items) + "]"
        meta = "suppress-bibliography: true\n"
    else:
        body = ""
        meta = "nocite: '@*'\n"
    (folder / "doc.md").write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
    done = subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--csl",
            "style.csl",
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
        timeout=30,
    )
    # pandoc writes HTML5 emphasis; the suite states citeproc-js's <i>/<b>.
    out = done.stdout.strip().replace("<em>", "<i>").replace("</em>", "</i>")
    out = out.replace("<strong>", "<b>").replace("</strong>", "</b>")
    if fixture["mode"] == "citation":
        match = re.search(r'<span class="citation"[^>]*>(.*)</span>', out, re.DOTALL)
        return match.group(1) if match else out
    entries = re.findall(
        r'<div id="ref-[^"]*" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', out, re.DOTALL
    )
    return (
        '<div class="csl-bib-body">'
        + "".join(f'<div class="csl-entry">{entry}</div>' for entry in entries)
        + "</div>"
    )


def measure_pandoc(fixtures: list[dict[str, Any]], deadline: float) -> dict[str, Any]:
    if not shutil.which("pandoc"):
        return {"skipped": "pandoc is not installed (apt-get install pandoc)"}
    passed, failed, run = 0, [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in fixtures:
            if time.monotonic() > deadline:
                break
            run += 1
            try:
                output = _pandoc_one(fixture, Path(tmp))
            except (OSError, subprocess.SubprocessError) as exc:
                output = f"error: {exc}"
            if normalise(output) == normalise(fixture["result"]):
                passed += 1
            else:
                failed.append(fixture["name"])
    result: dict[str, Any] = {"passed": passed, "failed": failed}
    if run < len(fixtures):
        result["incomplete"] = f"time ran out after {run} fixtures"
    return result


def main() -> int:
    started = time.monotonic()
    limit = float(os.environ.get("BENCH_TIME_LIMIT", "0") or 0) or BENCH_TIME_LIMIT_SECONDS
    suite = Path(os.environ.get("CSL_TEST_SUITE", ROOT / "var" / "csl-test-suite"))
    folder = suite / "processor-tests" / "humans"
    if not folder.is_dir():
        print(
            f"CSL test-suite not found at {suite}: clone citation-style-language/test-suite "
            "there or set CSL_TEST_SUITE; nothing measured."
        )
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindness_site.settings.test")
    import django

    django.setup()
    fixtures = load_fixtures(folder)
    print(f"CSL test-suite: {len(fixtures)} fixtures without citation sequences or locators")
    results: dict[str, Any] = {}
    for name, measure in (
        ("citeproc-py", measure_citeproc_py),
        ("citeproc-js", measure_citeproc_js),
        ("pandoc citeproc", lambda f: measure_pandoc(f, started + limit * 0.95)),
    ):
        began = time.monotonic()
        results[name] = measure(fixtures)
        results[name]["seconds"] = round(time.monotonic() - began, 1)
    print(f"| engine | passed | of {len(fixtures)} | % | seconds |")
    print("|---|---|---|---|---|")
    for name, result in results.items():
        if "skipped" in result:
            print(f"| {name} | skipped: {result['skipped']} | | | |")
            continue
        share = 100 * result["passed"] / len(fixtures)
        note = f" ({result['incomplete']})" if "incomplete" in result else ""
        print(
            f"| {name}{note} | {result['passed']} | {len(fixtures)} | {share:.1f} | "
            f"{result['seconds']} |"
        )
    out_dir = Path(os.environ.get("BENCH_VAR_DIR", ROOT / "var" / "bench"))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "csl_suite.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"Failing fixtures per engine: {out_dir / 'csl_suite.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
