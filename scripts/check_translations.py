"""Fail when the Italian catalogue misses a string: run after ``makemessages`` (CI does both).

Lists every untranslated or fuzzy entry with its source location, so the fix is obvious.
"""

import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/it/LC_MESSAGES/django.po"


def main() -> int:
    po = polib.pofile(str(CATALOGUE))
    problems = [e for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for entry in problems:
        where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
        print(f"untranslated: {entry.msgid!r} ({where})")
    if problems:
        print(f"{len(problems)} Italian translation(s) missing in {CATALOGUE}")
        return 1
    print(f"Italian catalogue complete: {len(po.translated_entries())} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
