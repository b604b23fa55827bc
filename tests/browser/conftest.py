"""Real-browser fixtures: the demo site served by a live server, driven by Debian's Chromium.

Why the demo site is package-scoped instead of using pytest-django's ``live_server`` fixture
directly: ``live_server`` pulls in ``transactional_db``, which empties the database after every
test, so each test would have to load the demo content again. Here the demo content is
loaded once per worker, served by pytest-django's own ``LiveServer`` class, and the database is put
back exactly as it was (serialised snapshot, like Django's ``serialized_rollback``) when the last
browser test of the package has run. Other test packages therefore never see the demo content, even
when xdist runs them in the same worker afterwards.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    StorageState,
    ViewportSize,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from tests.conftest import demo_content_loaded

# Every browser test module sets ``pytestmark = BROWSER``. The django_db mark is what makes
# pytest-django create the test database; ``_django_db_marker`` below then stops it from also
# wrapping each test in a transaction, because the live server must see committed data and run
# ``transaction.on_commit`` callbacks (confirmation emails, publishing) as in production.
# The xdist group keeps all browser tests on one worker under ``--dist loadgroup`` (one demo
# load, one Chromium); with plain ``--dist load`` each worker that gets some loads its own.
BROWSER = [pytest.mark.django_db, pytest.mark.xdist_group("browser")]


@pytest.fixture(autouse=True)
def _django_db_marker() -> None:
    """Override pytest-django's per-test transaction for browser tests (see ``BROWSER``).

    The database is served by ``demo_site`` instead, which restores it after the package.
    """


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MOBILE: ViewportSize = {"width": 390, "height": 844}
EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "a-long-test-password-for-the-editor"


def chromium_executable() -> str:
    """Debian's Chromium (never a Playwright download); ``CHROMIUM`` overrides the path."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Chromium is not installed: the browser tests need Debian's package "
            "(`apt-get install -y chromium`; .ci/run installs it)."
        )
    return path


@dataclass
class DemoSite:
    """The live server's address plus what the tests need to know about its content."""

    url: str
    host: str
    port: int

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Serve the browser tests from an SQLite *file*, never the in-memory database.

    With an in-memory database Django hands the live server the test thread's one connection,
    and its request threads then use that connection at the same time: when Wagtail's editor
    released an editing session by beacon while the next admin page loaded, SQLite answered
    "bad parameter or other API misuse", the session did not load and the signed-in moderator
    was sent to the login page (a CI failure). A file gives every thread its own connection, as
    ``make run`` does (WAL, immediate transactions, a lock timeout: see the base settings).
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = Path(tempfile.mkdtemp(prefix="kindness-browser-db-"))
        database.setdefault("TEST", {})["NAME"] = str(folder / "test_browser.sqlite3")


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker) -> Iterator[DemoSite]:
    """Load the bilingual demo content into the test database and serve it.

    The database stays unblocked for the whole package because the live server thread shares
    pytest-django's (process-wide) blocker with the test thread.
    """
    with django_db_blocker.unblock(), demo_content_loaded():
        server = LiveServer("localhost:0")
        try:
            host, port = server.thread.host, server.thread.port
            # Wagtail picks the Site by Host header and port; make canonical URLs, the sitemap
            # and Site.find_for_request agree with the server the browser talks to.
            Site.objects.filter(is_default_site=True).update(hostname=host, port=port)
            _create_editor()
            _create_untranslated_page()
            _create_video_page()
            cache.clear()
            yield DemoSite(url=f"http://{host}:{port}", host=host, port=port)
        finally:
            server.stop()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told that this is deliberate (tests only).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    try:
        yield driver
    finally:
        driver.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    instance = playwright_driver.chromium.launch(
        executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield instance
    finally:
        instance.close()


def new_context(browser: Browser, demo_site: DemoSite, viewport: ViewportSize) -> BrowserContext:
    context = browser.new_context(
        base_url=demo_site.url,
        viewport=viewport,
        locale="en-GB",
        reduced_motion="reduce",
    )
    # Generous: a loaded CI machine can take seconds for a page that sends email; a real failure
    # still fails, only later.
    context.set_default_timeout(20_000)
    return context


@pytest.fixture
def page(browser: Browser, demo_site: DemoSite) -> Iterator[Page]:
    """A fresh desktop tab (1280 px) with its own cookies."""
    context = new_context(browser, demo_site, DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def mobile_page(browser: Browser, demo_site: DemoSite) -> Iterator[Page]:
    """A fresh phone-sized tab (390 px)."""
    context = new_context(browser, demo_site, MOBILE)
    yield context.new_page()
    context.close()


UNTRANSLATED_SLUG = "browser-english-only"


def _create_untranslated_page() -> None:
    """An English page without an Italian translation, for the language switcher's fallback."""
    from pages.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(title="Only in English", slug=UNTRANSLATED_SLUG)
    home.add_child(instance=page)
    page.save_revision().publish()


VIDEO_SLUG = "browser-video"
VIDEO_TITLE = "Kindness in schools"


def _create_video_page() -> None:
    """A page with a video block (the demo content has none): the consent journey needs one."""
    from pages.models import StandardPage

    if "video" not in StandardPage.body.field.stream_block.child_blocks:
        return
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(
        title="A video",
        slug=VIDEO_SLUG,
        body=[
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "title": VIDEO_TITLE,
                    "caption": "How a class learnt to look after each other.",
                },
            )
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def _create_editor() -> None:
    """A superuser for the Wagtail admin journeys, committed so the server thread sees it.

    When the admin requires two-factor authentication, the editor gets a confirmed TOTP
    authenticator, and ``admin_session`` types its current code like a person would.
    """
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser(
        EDITOR_USERNAME, "editor@example.org", EDITOR_PASSWORD
    )
    if getattr(settings, "OTP_REQUIRED", False):
        from kindness_site.security.twofactor import create_authenticator

        create_authenticator(user)


def current_totp_code(username: str = EDITOR_USERNAME) -> str:
    """The code the user's authenticator app would show now."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(code).zfill(device.digits)


def sign_in_through_form(page: Page, username: str, password: str) -> None:
    """Sign in to the admin as a person would: the login form, then the two-factor step when
    the site asks for it; fails unless the dashboard is reached."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/admin/2fa/" in page.url:
        assert "/admin/2fa/verify/" in page.url, f"unexpected 2FA step {page.url}"
        page.get_by_label("Code").fill(current_totp_code(username))
        page.get_by_role("button", name="Verify").click()
        page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/admin"), f"{username} not signed in: {page.url}"


@pytest.fixture(scope="package")
def admin_session(browser: Browser, demo_site: DemoSite) -> StorageState:
    """Sign in to the Wagtail admin once (password, then the 2FA code when asked) and keep the
    cookies: a TOTP code is accepted only once, so each test reuses this signed-in state."""
    context = new_context(browser, demo_site, DESKTOP)
    sign_in_through_form(context.new_page(), EDITOR_USERNAME, EDITOR_PASSWORD)
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def admin_page(
    browser: Browser, demo_site: DemoSite, admin_session: StorageState
) -> Iterator[Page]:
    """A desktop tab signed in to the Wagtail admin as the editor."""
    context = browser.new_context(
        base_url=demo_site.url, viewport=DESKTOP, locale="en-GB", storage_state=admin_session
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """``var/screenshots`` (git-ignored) so a person can look at every page type afterwards."""
    path = Path(settings.VAR_DIR) / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
