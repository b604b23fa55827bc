"""axe-core (bundled with axe-playwright-python) with the rule set the site promises.

WCAG 2.0, 2.1 and 2.2 at levels A and AA plus Deque's best practices. ``target-size`` is a
WCAG 2.2 AA rule, so the tag list switches it on. In dark mode only the colour rules run again:
the markup is the same, only the palette changes. Failures print one entry per rule and element
with the CSS selector, axe's explanation and the modes it failed in, so whoever owns the template
or stylesheet can act on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
ALL_RULES = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
COLOUR_RULES = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}

_axe = Axe()


def violations(page: Page, colour_only: bool = False) -> list[dict]:
    """Run axe on the page as it is now (after any emulated media or viewport change)."""
    options = COLOUR_RULES if colour_only else ALL_RULES
    return _axe.run(page, options=options).response["violations"]


@dataclass
class Findings:
    """Violations of one URL across modes, merged so each element is reported once."""

    url: str
    found: dict[tuple[str, str], dict] = field(default_factory=dict)

    def add(self, mode: str, violations_: list[dict]) -> None:
        for violation in violations_:
            for node in violation["nodes"]:
                selector = " >> ".join(str(t) for t in node["target"])
                entry = self.found.setdefault(
                    (violation["id"], selector),
                    {"violation": violation, "node": node, "modes": []},
                )
                entry["modes"].append(mode)

    def report(self) -> str:
        lines = [f"{self.url}: {len(self.found)} axe violation(s)"]
        for (rule, selector), entry in sorted(self.found.items()):
            violation, node = entry["violation"], entry["node"]
            summary = " ".join((node.get("failureSummary") or "").split())
            lines += [
                f"  [{rule}] ({violation['impact']}) {violation['help']}",
                f"    selector: {selector}",
                f"    html:     {node['html'][:200]}",
                f"    why:      {summary[:400]}",
                f"    in:       {', '.join(entry['modes'])}",
            ]
        return "\n".join(lines)
