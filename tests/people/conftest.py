"""The team tests use the fixtures shared with the projects tests (tests/people_and_projects)."""

from tests.people_and_projects import _no_page_cache, areas, groups, index, team  # noqa: F401
