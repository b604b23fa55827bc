"""Fill Italian msgstr entries in locale/it/LC_MESSAGES/django.po from a JSON object.

Usage: python scripts/fill_translations.py translations.json
The JSON maps each English msgid to its Italian text; for plural entries give a list of two
strings. Entries it fills lose the "fuzzy" flag. The file is written atomically so several people
can run it one after another without losing each other's work.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/it/LC_MESSAGES/django.po"


def main(source: str) -> int:
    mapping = json.loads(Path(source).read_text(encoding="utf-8"))
    po = polib.pofile(str(CATALOGUE), wrapwidth=100)
    filled = 0
    for entry in po:
        if entry.obsolete or entry.msgid not in mapping:
            continue
        value = mapping[entry.msgid]
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value, value]
            entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    fd, tmp = tempfile.mkstemp(dir=CATALOGUE.parent, suffix=".po")
    os.close(fd)
    po.save(tmp)
    os.replace(tmp, CATALOGUE)
    missing = len(po.untranslated_entries())
    print(f"filled {filled} of {len(mapping)} entries; {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
