# Present only so that mypy takes typings/wagtail/blocks/__init__.pyi (see there) before the
# installed wagtail/blocks/__init__.py; every other wagtail module is still read from the
# installed package. This mirrors wagtail/__init__.py.
VERSION: tuple[int, int, int, str, int]
__version__: str
__semver__: str

def setup() -> None: ...
