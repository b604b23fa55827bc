"""No stale page on any node or through Varnish, whichever process publishes."""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import urljoin

import requests

from topology.shape import Shape

from .helpers import FRONTS, eventually, get, publish_title, title, titles

# Each node's page cache and Varnish must show a change this soon (Varnish is purged by the
# worker, which takes the purge task from the queue within its polling interval).
NODE_SECONDS = 1.0
VARNISH_SECONDS = 5.0
WARM_SECONDS = 60.0


def warm(shape: Shape, path: str) -> None:
    """Every front has the page cached, so a stale copy could be served: a request is a hit in
    each node's page cache and in Varnish (two transaction ids in ``X-Varnish``).

    Asked until it is (bounded): the shape's worker is still working through the demo load's
    background tasks, and a citation task moves the content generation (and purges Varnish)
    whenever it stores one, so the request after a miss is not always a hit."""
    for front in ("a", "b"):
        hit = eventually(
            lambda f=front: get(shape.url(f) + path).headers.get("X-Page-Cache") == "hit",  # type: ignore[misc]
            WARM_SECONDS,
        )
        assert hit, f"node {front} never served {path} from its page cache"
    hit = eventually(
        lambda: len(get(shape.url("varnish") + path).headers.get("X-Varnish", "").split()) == 2,
        WARM_SECONDS,
    )
    assert hit, f"Varnish never served {path} from its cache"


def assert_fresh_everywhere(shape: Shape, path: str, expected: str) -> None:
    for front in ("a", "b"):
        # mypy cannot infer a lambda with a default argument (which binds the loop variable).
        seen = eventually(lambda f=front: expected in title(get(shape.url(f) + path)), NODE_SECONDS)  # type: ignore[misc]
        assert seen, f"node {front} still serves {titles(shape, path)[front]!r}"
    seen = eventually(lambda: expected in title(get(shape.url("varnish") + path)), VARNISH_SECONDS)
    assert seen, f"Varnish still serves {titles(shape, path)['varnish']!r}"


def test_a_publish_on_node_a_is_fresh_on_node_b_and_through_varnish(shape: Shape, story: dict):
    path = story["en"]
    warm(shape, path)
    new_title = f"Published on node a {uuid.uuid4().hex[:8]}"

    publish_title(shape, story["id"], new_title, process="a")

    assert_fresh_everywhere(shape, path, new_title)


def test_a_scheduled_publish_by_the_timer_is_fresh_everywhere(shape: Shape, story: dict):
    path = story["it"]
    warm(shape, path)
    before = titles(shape, path)
    new_title = f"Pubblicata dal timer {uuid.uuid4().hex[:8]}"
    shape.shell(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={story['it_id']}).specific\n"
        f"page.title = {new_title!r}\n"
        "page.go_live_at = timezone.now() + timedelta(seconds=4)\n"
        "page.save_revision().publish()\n"  # scheduled: approved to go live, not live yet
    )
    assert titles(shape, path) == before, "a scheduled revision showed before its time"

    # Nobody publishes it but the timer loop's publish_scheduled (every 2 s here, after the
    # previous run ended; each run is a new Django process, seconds on a busy machine).
    for front in FRONTS:
        # mypy cannot infer a lambda with a default argument (which binds the loop variable).
        seen = eventually(lambda f=front: new_title in title(get(shape.url(f) + path)), 120)  # type: ignore[misc]
        assert seen, f"{front} still serves {titles(shape, path)[front]!r}"
    runs = (shape.logs() / "timers.log").read_text()
    assert '"timer": "publish_scheduled", "status": 0' in runs


# An editor with a second factor (production settings require one for the admin): an
# authenticator, and a recovery code that the test signs in with, so it types no time-based code.
EDITOR = """
import json
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page
user = get_user_model().objects.create_superuser({name!r}, {name!r} + "@example.org", {password!r})
TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
code = device.token_set.create(token=StaticToken.random_token()).token
page = Page.objects.get(pk={page_id}).specific
page.title = {title!r}
page.save_revision(user=user)  # a draft: nothing public changes until the admin publishes it
print(json.dumps({{"code": code}}))
"""


def csrf_token(response: requests.Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert match, f"no CSRF token in {response.url}"
    return match.group(1)


def said(response: requests.Response) -> str:
    """Where a request ended and what the page said: a failed step's explanation."""
    paragraphs = re.findall(r"<p[^>]*>([^<]{5,200})", response.text)
    return f"{response.status_code} {response.url}: {paragraphs[:4]}"


class AdminBrowser(requests.Session):
    """A browser on a node's admin. The nodes set their cookies ``Secure`` (production sits
    behind TLS); on loopback there is none, so this browser sends them back over plain HTTP.
    It follows redirects itself, so a cookie set on a redirect is sent on the next request."""

    def visit(self, method: str, url: str, **kwargs: object) -> requests.Response:
        for _ in range(10):
            response = self.request(method, url, allow_redirects=False, timeout=60, **kwargs)  # type: ignore[arg-type]
            for cookie in self.cookies:
                cookie.secure = False
            if not response.is_redirect:
                return response
            method, url, kwargs = "GET", urljoin(url, response.headers["Location"]), {}
        raise AssertionError(f"too many redirects from {url}")


def test_a_publish_in_node_a_admin_is_fresh_on_node_b_and_through_varnish(
    shape: Shape, story: dict
):
    """The admin's own Publish (Wagtail's bulk publish of the latest revision), over HTTP on
    node a, signed in with a password and a second factor: node b and Varnish follow."""
    path = story["en"]
    tag = uuid.uuid4().hex[:8]
    name, password = f"shape-editor-{tag}", f"pw-{uuid.uuid4().hex}"
    new_title = f"Published in the admin {tag}"
    made = shape.shell(
        EDITOR.format(name=name, password=password, page_id=story["id"], title=new_title)
    )
    code = json.loads(made.strip().splitlines()[-1])["code"]
    assert new_title not in title(get(shape.url("b") + path)), "a draft showed in public"

    admin = shape.url("a") + "/admin"
    with AdminBrowser() as browser:
        login = browser.visit("GET", f"{admin}/login/")
        signed_in = browser.visit(
            "POST",
            f"{admin}/login/",
            data={"username": name, "password": password, "csrfmiddlewaretoken": csrf_token(login)},
        )
        assert "/admin/2fa/verify/" in signed_in.url, said(signed_in)
        verified = browser.visit(
            "POST",
            signed_in.url,
            data={"token": code, "csrfmiddlewaretoken": csrf_token(signed_in)},
        )
        assert verified.url.rstrip("/").endswith("/admin"), said(verified)
        explorer = "/admin/pages/"
        publish = f"{admin}/bulk/wagtailcore/page/publish/?id={story['id']}&next={explorer}"
        confirm = browser.visit("GET", publish)
        assert confirm.status_code == 200, said(confirm)
        warm(shape, path)  # just before Publish: background work may move the generation
        done = browser.visit("POST", publish, data={"csrfmiddlewaretoken": csrf_token(confirm)})
        # Published, Wagtail goes on to ``next``; a refusal stays on the form.
        assert done.status_code == 200 and done.url.endswith(explorer), said(done)

    assert_fresh_everywhere(shape, path, new_title)
