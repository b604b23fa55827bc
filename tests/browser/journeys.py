"""Journeys and the feature each one drives: a missing feature is a failing test, never no test.

``@journey(name, when=feature)`` returns the test unchanged when every part of the feature exists
(models, templates, URL names, the marker in the JavaScript, the demo pages). Otherwise it returns
a test of the same name that fails and says what is missing: renaming ``data-video-embed`` in
``static/js/site.js`` must turn the video journeys red, not make them disappear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

T = TypeVar("T", bound=Callable)


@dataclass(frozen=True)
class Feature:
    """Something a journey needs: models, templates and URL names that must all exist."""

    models: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    # (static file, text it must contain): for behaviour that lives in JavaScript.
    scripts: tuple[tuple[str, str], ...] = ()
    # Page classes the demo content must create, so there is something to drive.
    demo: tuple[str, ...] = ()

    def missing(self) -> str:
        """What is not there yet ("" when everything is)."""
        gaps = []
        for label in self.models:
            app_label, model_name = label.split(".")
            try:
                apps.get_model(app_label, model_name)
            except LookupError:
                gaps.append(f"model {label}")
        for name in self.templates:
            try:
                get_template(name)
            except TemplateDoesNotExist:
                gaps.append(f"template {name}")
        for name in self.urls:
            try:
                reverse(name)
            except NoReverseMatch as error:
                # A name that exists but needs arguments is there.
                if "is not a valid view function or pattern name" in str(error):
                    gaps.append(f"URL {name}")
        for static_path, needle in self.scripts:
            found = finders.find(static_path)
            if not found or needle not in Path(found).read_text(encoding="utf-8"):
                gaps.append(f"{needle!r} in static {static_path}")
        gaps += [f"{name} in the demo content" for name in self.demo if not in_demo(name)]
        return ", ".join(gaps)


@cache
def demo_sources() -> str:
    """The source of every app's demo builders (``<app>/demo.py`` or ``<app>/demo/*.py``)."""
    texts = []
    for config in apps.get_app_configs():
        base = Path(config.path)
        files = [base / "demo.py", *sorted((base / "demo").glob("*.py"))]
        texts += [f.read_text(encoding="utf-8") for f in files if f.is_file()]
    return "\n".join(texts)


def in_demo(class_name: str) -> bool:
    """Whether a demo builder creates pages of this class (read at collection time, before any
    database exists; the tests then fail if the page is not actually there)."""
    return re.search(rf"\b{re.escape(class_name)}\b", demo_sources()) is not None


def journey(name: str, when: Feature) -> Callable[[T], T]:
    missing = when.missing()

    def decorate(test: T) -> T:
        if not missing:
            return test

        def feature_missing() -> None:
            pytest.fail(f"Journey {name!r} cannot run: missing {missing}.", pytrace=False)

        # No parameters: the fixtures of a journey that cannot run are not set up for nothing.
        feature_missing.__name__ = test.__name__
        feature_missing.__qualname__ = test.__qualname__
        feature_missing.__module__ = test.__module__
        feature_missing.__doc__ = test.__doc__
        return feature_missing  # type: ignore[return-value]

    return decorate
