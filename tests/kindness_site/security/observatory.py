"""Mozilla HTTP Observatory's header scoring, re-implemented for tests.

Follows the published scoring rules (developer.mozilla.org, "HTTP Observatory scoring
methodology"): start at 100, add each test's modifier; bonuses count only when the score without
them is at least 90. TLS is assumed (the caller fetches over https and checks the plain-http
redirect separately). Only what can be judged from one response is implemented: CSP, cookies,
CORS, redirection, Referrer-Policy, HSTS, Subresource Integrity, X-Content-Type-Options,
X-Frame-Options/frame-ancestors and Cross-Origin-Resource-Policy. HSTS preload-list membership
cannot be known offline, so it never earns the preload bonus here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
SIX_MONTHS = 15_768_000
PRIVATE_REFERRER = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER = {"origin", "origin-when-cross-origin", "unsafe-url"}
ALL_REFERRER = PRIVATE_REFERRER | UNSAFE_REFERRER | {"no-referrer-when-downgrade"}


@dataclass
class Report:
    results: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, test: str, result: str, modifier: int) -> None:
        self.results[test] = (result, modifier)

    @property
    def score(self) -> int:
        penalties = sum(m for _, m in self.results.values() if m < 0)
        bonuses = sum(m for _, m in self.results.values() if m > 0)
        base = 100 + penalties
        return max(0, base + (bonuses if base >= 90 else 0))

    @property
    def grade(self) -> str:
        return next(grade for floor, grade in GRADES if self.score >= floor)

    def failures(self) -> dict[str, tuple[str, int]]:
        return {t: r for t, r in self.results.items() if r[1] < 0}


def parse_csp(value: str) -> dict[str, list[str]] | None:
    """Directive -> sources; None for a header Observatory would call invalid."""
    policy: dict[str, list[str]] = {}
    for part in value.split(";"):
        tokens = part.strip().split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if not re.fullmatch(r"[a-z-]+", name):
            return None
        policy.setdefault(name, [t.lower() for t in tokens[1:]])
    return policy or None


def score_csp(report: Report, headers: dict[str, str]) -> dict[str, list[str]] | None:
    value = headers.get("content-security-policy")
    if not value:
        report.add("content-security-policy", "csp-not-implemented", -25)
        return None
    policy = parse_csp(value)
    if policy is None:
        report.add("content-security-policy", "csp-header-invalid", -25)
        return None
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    broad = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}
    if (
        script is None
        or (
            "'unsafe-inline'" in script
            and not any(
                s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-"))
                or s == "'strict-dynamic'"
                for s in script
            )
        )
        or broad & set(script)
        or any(s.startswith("http://") for s in script)
    ):
        report.add("content-security-policy", "csp-implemented-with-unsafe-inline", -20)
    elif "'unsafe-eval'" in script:
        report.add("content-security-policy", "csp-implemented-with-unsafe-eval", -10)
    elif any(
        s == "http:" or s.startswith("http://")
        for d in ("img-src", "media-src", "default-src")
        for s in policy.get(d, [])
    ):
        report.add(
            "content-security-policy",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            -10,
        )
    elif style is not None and "'unsafe-inline'" in style:
        report.add(
            "content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0
        )
    elif default == ["'none'"]:
        report.add("content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10)
    else:
        report.add("content-security-policy", "csp-implemented-with-no-unsafe", 5)
    return policy


def score_cookies(report: Report, set_cookie_headers: list[str], hsts: bool) -> None:
    if not set_cookie_headers:
        report.add("cookies", "cookies-not-found", 0)
        return
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for raw in set_cookie_headers:
        jar = SimpleCookie()
        jar.load(raw)
        for name, morsel in jar.items():
            session = "session" in name.lower()
            csrf = "csrf" in name.lower()
            samesite = (morsel["samesite"] or "").lower()
            candidates = []
            if samesite and samesite not in {"strict", "lax", "none"}:
                candidates.append(("cookies-samesite-flag-invalid", -20))
            if csrf and not samesite:
                candidates.append(("cookies-anticsrf-without-samesite-flag", -20))
            if session and not morsel["httponly"]:
                candidates.append(("cookies-session-without-httponly-flag", -30))
            if not morsel["secure"]:
                if session:
                    candidates.append(
                        ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                        if hsts
                        else ("cookies-session-without-secure-flag", -40)
                    )
                else:
                    candidates.append(
                        ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                        if hsts
                        else ("cookies-without-secure-flag", -20)
                    )
            if not samesite and not candidates:
                candidates.append(("cookies-secure-with-httponly-sessions", 0))
            for candidate in candidates:
                if candidate[1] < worst[1]:
                    worst = candidate
    report.add("cookies", *worst)


def score_cors(report: Report, headers: dict[str, str], origin: str) -> None:
    allow = headers.get("access-control-allow-origin")
    credentials = headers.get("access-control-allow-credentials", "").lower() == "true"
    if not allow:
        report.add(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0
        )
    elif allow == origin and credentials:
        report.add(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        )
    else:
        report.add(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
        )


def score_redirection(report: Report, status: int, location: str, host: str) -> None:
    """``status``/``location``: the first answer to the same URL over plain http."""
    if status not in (301, 302, 307, 308) or not location:
        report.add("redirection", "redirection-missing", -20)
        return
    target = urlsplit(location)
    if target.scheme != "https":
        report.add("redirection", "redirection-not-to-https", -20)
    elif target.hostname != host:
        report.add("redirection", "redirection-off-host-from-http", -5)
    else:
        report.add("redirection", "redirection-to-https", 0)


def score_referrer(report: Report, headers: dict[str, str]) -> None:
    value = headers.get("referrer-policy")
    if not value:
        report.add("referrer-policy", "referrer-policy-not-implemented", 0)
        return
    tokens = [t.strip().lower() for t in value.split(",") if t.strip()]
    valid = [t for t in tokens if t in ALL_REFERRER]
    if not valid:
        report.add("referrer-policy", "referrer-policy-header-invalid", -5)
    elif valid[-1] in PRIVATE_REFERRER:
        report.add("referrer-policy", "referrer-policy-private", 5)
    elif valid[-1] == "no-referrer-when-downgrade":
        report.add("referrer-policy", "referrer-policy-no-referrer-when-downgrade", 0)
    else:
        report.add("referrer-policy", "referrer-policy-unsafe", -5)


def score_hsts(report: Report, headers: dict[str, str]) -> bool:
    value = headers.get("strict-transport-security")
    if not value:
        report.add("strict-transport-security", "hsts-not-implemented", -20)
        return False
    match = re.search(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:;|$)", value, re.IGNORECASE)
    if not match:
        report.add("strict-transport-security", "hsts-header-invalid", -20)
        return False
    if int(match.group(1)) < SIX_MONTHS:
        report.add(
            "strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10
        )
    else:
        report.add("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0)
    return True


def score_sri(report: Report, body: str, content_type: str, host: str) -> None:
    if "html" not in content_type:
        report.add("subresource-integrity", "sri-not-implemented-response-not-html", 0)
        return
    scripts = re.findall(r"<script\b([^>]*)>", body, re.IGNORECASE)
    external = []
    for attrs in scripts:
        src = re.search(r"\bsrc\s*=\s*[\"']([^\"']+)", attrs)
        if not src:
            continue
        parts = urlsplit(src.group(1))
        if (parts.scheme or parts.netloc) and parts.hostname != host:
            external.append((parts.scheme, "integrity=" in attrs.lower()))
    if not scripts:
        report.add("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
    elif any(scheme == "http" for scheme, _ in external):
        report.add(
            "subresource-integrity",
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50,
        )
    elif any(not has for _, has in external):
        report.add(
            "subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5
        )
    elif external:
        report.add(
            "subresource-integrity", "sri-implemented-and-external-scripts-loaded-securely", 5
        )
    else:
        report.add(
            "subresource-integrity",
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
        )


def score_nosniff(report: Report, headers: dict[str, str]) -> None:
    value = headers.get("x-content-type-options", "").strip().lower()
    if not value:
        report.add("x-content-type-options", "x-content-type-options-not-implemented", -5)
    elif value == "nosniff":
        report.add("x-content-type-options", "x-content-type-options-nosniff", 0)
    else:
        report.add("x-content-type-options", "x-content-type-options-header-invalid", -5)


def score_framing(report: Report, headers: dict[str, str], policy: dict | None) -> None:
    ancestors = (policy or {}).get("frame-ancestors")
    if ancestors is not None and "*" not in ancestors and "https:" not in ancestors:
        report.add("x-frame-options", "x-frame-options-implemented-via-csp", 5)
        return
    value = headers.get("x-frame-options", "").strip().lower()
    if not value:
        report.add("x-frame-options", "x-frame-options-not-implemented", -20)
    elif value in {"deny", "sameorigin"}:
        report.add("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    else:
        report.add("x-frame-options", "x-frame-options-header-invalid", -20)


def score_corp(report: Report, headers: dict[str, str]) -> None:
    value = headers.get("cross-origin-resource-policy", "").strip().lower()
    if not value:
        report.add("cross-origin-resource-policy", "corp-not-implemented", 0)
    elif value in {"same-origin", "same-site"}:
        report.add("cross-origin-resource-policy", f"corp-implemented-with-{value}", 0)
    elif value == "cross-origin":
        report.add("cross-origin-resource-policy", "corp-implemented-with-cross-origin", 0)
    else:
        report.add("cross-origin-resource-policy", "corp-header-invalid", -5)


def score_response(
    response, *, host: str, http_status: int, http_location: str, origin: str
) -> Report:
    """Score a Django test-client response fetched over https (with an ``Origin`` header)."""
    headers = {k.lower(): v for k, v in response.headers.items()}
    set_cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    report = Report()
    policy = score_csp(report, headers)
    hsts = score_hsts(report, headers)
    score_cookies(report, set_cookies, hsts)
    score_cors(report, headers, origin)
    score_redirection(report, http_status, http_location, host)
    score_referrer(report, headers)
    body = response.content.decode("utf-8", "replace") if not response.streaming else ""
    score_sri(report, body, headers.get("content-type", ""), host)
    score_nosniff(report, headers)
    score_framing(report, headers, policy)
    score_corp(report, headers)
    return report
