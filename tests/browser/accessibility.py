"""axe-core (bundled with axe-playwright-python) with the rule set the site promises.

WCAG 2.0, 2.1 and 2.2 at levels A and AA plus Deque's best practices. ``target-size`` is a
WCAG 2.2 AA rule, so the tag list switches it on. Failures print one line per element with the
rule, the CSS selector and axe's own explanation, so whoever owns the template can act on it.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def violations(page: Page) -> list[dict]:
    """Run axe on the page as it is now (after any emulated media or viewport change)."""
    return _axe.run(page, options=OPTIONS).response["violations"]


def describe(found: list[dict], where: str) -> str:
    """A report a person can read in the pytest output: rule, impact, selector, why."""
    lines = [f"{where}: {sum(len(v['nodes']) for v in found)} axe violation(s)"]
    for violation in found:
        lines.append(f"  [{violation['id']}] ({violation['impact']}) {violation['help']}")
        lines.append(f"      {violation['helpUrl']}")
        for node in violation["nodes"]:
            selector = " >> ".join(str(t) for t in node["target"])
            lines.append(f"    - {selector}")
            lines.append(f"        html: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"        why:  {summary[:300]}")
    return "\n".join(lines)
