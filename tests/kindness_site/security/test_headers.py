"""Response headers: Observatory-style A+ on every public page type, admin CSP, extra headers."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from kindness_site.security.headers import CrossOriginResourcePolicyMiddleware

from .observatory import parse_csp, score_response

pytestmark = pytest.mark.django_db
ORIGIN = "https://attacker.example"


def _fake(headers: dict[str, str], body: str = "<p>hi</p>") -> HttpResponse:
    response = HttpResponse(body, headers=headers)
    return response


def test_the_scorer_fails_a_site_without_protection():
    """The scorer can fail: no headers at all is an F, as on the real Observatory."""
    report = score_response(
        _fake({}), host="testserver", http_status=200, http_location="", origin=ORIGIN
    )
    assert report.grade == "F"
    assert {"content-security-policy", "strict-transport-security", "redirection"} <= set(
        report.failures()
    )


def test_the_scorer_penalises_unsafe_inline_and_short_hsts():
    headers = {
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "Strict-Transport-Security": "max-age=600",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
    }
    report = score_response(
        _fake(headers),
        host="testserver",
        http_status=301,
        http_location="https://testserver/",
        origin=ORIGIN,
    )
    assert report.results["content-security-policy"][1] == -20
    assert report.results["strict-transport-security"][1] == -10
    assert report.score == 70 and report.grade == "B"


def test_the_scorer_counts_insecure_cookies_and_external_scripts():
    response = _fake(
        {"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'"},
        '<script src="https://cdn.example/x.js"></script>',
    )
    response.set_cookie("sessionid", "x", secure=True, samesite="Lax")
    report = score_response(
        response,
        host="testserver",
        http_status=301,
        http_location="https://testserver/",
        origin=ORIGIN,
    )
    assert report.results["cookies"] == ("cookies-session-without-httponly-flag", -30)
    assert report.results["subresource-integrity"][1] == -5
    assert report.results["content-security-policy"][1] == 10


def test_public_csp_is_strict_and_admin_csp_is_separate(client, site_tree):
    public = parse_csp(client.get("/en/").headers["Content-Security-Policy"])
    assert public is not None
    assert public["frame-ancestors"] == ["'none'"]
    assert public["object-src"] == ["'none'"]
    assert public["base-uri"] == ["'self'"]
    assert not any("unsafe" in s for sources in public.values() for s in sources)

    admin_response = client.get("/admin/login/")
    admin = parse_csp(admin_response.headers["Content-Security-Policy"])
    assert admin is not None
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["object-src"] == ["'none'"]


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/2fa/verify/", "/admin/"])
def test_admin_answers_the_same_framing_rule_in_both_headers(client, site_tree, url):
    """The admin frames its own previews: frame-ancestors 'self' and X-Frame-Options SAMEORIGIN,
    never DENY in one header and 'self' in the other; public pages stay DENY and 'none'."""
    response = client.get(url)
    assert (parse_csp(response.headers["Content-Security-Policy"]) or {})["frame-ancestors"] == [
        "'self'"
    ]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    public = client.get("/en/")
    assert public.headers["X-Frame-Options"] == "DENY"
    assert (parse_csp(public.headers["Content-Security-Policy"]) or {})["frame-ancestors"] == [
        "'none'"
    ]


@pytest.mark.parametrize(
    "url", ["/en/", "/healthz", "/robots.txt", "/en/no-such-page/", "/admin/login/"]
)
def test_every_response_has_permissions_policy_corp_and_coop(client, site_tree, url):
    response = client.get(url)
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "microphone=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_production_sends_hsts_for_two_years_with_preload(client, site_tree, production_security):
    response = client.get("/en/", secure=True)
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=63072000" in hsts and "preload" in hsts and "includeSubDomains" in hsts
    assert production_security.SESSION_COOKIE_SECURE and production_security.CSRF_COOKIE_SECURE
    assert client.get("/en/", secure=False).status_code == 301


def test_a_view_can_keep_its_own_corp():
    response = HttpResponse(headers={"Cross-Origin-Resource-Policy": "cross-origin"})
    middleware = CrossOriginResourcePolicyMiddleware(lambda r: response)
    # The middleware only reads the response, so no request is needed.
    assert middleware(None).headers["Cross-Origin-Resource-Policy"] == "cross-origin"  # type: ignore[arg-type]


def test_permissions_policy_allows_fullscreen_only_to_the_video_players(client, site_tree):
    policy = client.get("/en/").headers["Permissions-Policy"]
    assert (
        'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in policy
    )
    assert "browsing-topics=()" in policy and "geolocation=()" in policy
