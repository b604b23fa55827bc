"""Placeholder, replaced below."""


def numbered_references(page, request=None):
    return []
