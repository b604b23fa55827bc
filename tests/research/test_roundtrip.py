"""BibTeX -> library -> BibTeX keeps every field BibTeX can represent."""

from __future__ import annotations

import pytest

from research import bibtex
from research.importing import apply_plan, build_plan
from research.models import Reference

pytestmark = pytest.mark.django_db

SOURCE = r"""
@article{curry2018,
  author = {Curry, Oliver Scott and Rowland, Lee A. and {Van Lissa}, Caspar J.},
  title = {Happy to help? A systematic review \& meta-analysis},
  shorttitle = {Happy to help?},
  journal = {Journal of Experimental Social Psychology},
  year = {2018},
  month = {5},
  date = {2018-05},
  volume = {76},
  pages = {320--329},
  publisher = {Elsevier},
  doi = {10.1016/j.jesp.2018.02.014},
  issn = {0022-1031},
  pmid = {12345},
  url = {https://www.sciencedirect.com/science/article/pii/S0022103117303451},
  oaurl = {https://osf.io/example},
  license = {CC BY 4.0},
  abstract = {Do acts of kindness make the actor happier? 100\% yes, at d = 0.28.},
  langid = {en},
  keywords = {kindness, well-being}
}

@book{devivo2024,
  author = {{De Vivo}, Immaculata and Lumera, Daniel},
  translator = {{De Vivo}, Fabio},
  title = {The Biology of Kindness},
  year = {2024},
  publisher = {The MIT Press},
  address = {Cambridge, MA},
  edition = {1},
  isbn = {9780262547659, 9780262378185}
}

@incollection{who2020,
  author = {{World Health Organization}},
  editor = {Smith, Anna},
  title = {A chapter},
  booktitle = {A Book of Chapters},
  year = {2020},
  month = {3},
  date = {2020-03-15},
  publisher = {WHO Press}
}

@article{mag2021,
  author = {Sezer, Ovul},
  entrysubtype = {magazine},
  title = {Kindness at Work},
  journal = {Harvard Business Review},
  year = {2021}
}
"""


def fields(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    entries, errors, warnings = bibtex.parse(text)
    assert not errors and not warnings
    return {
        e.key: (e.entry_type, {f.key: " ".join(str(f.value).split()) for f in e.fields})
        for _line, e in entries
    }


def test_round_trip_keeps_every_field():
    plan = build_plan(SOURCE, "bibtex")
    assert plan.counts == {"create": 4, "update": 0, "skip": 0, "error": 0}, [
        e.errors for e in plan.entries
    ]
    apply_plan(plan, source="test.bib")
    refs = list(Reference.objects.order_by("issued_year", "title"))
    exported = bibtex.dumps(refs)
    assert fields(exported) == fields(SOURCE)


def test_imported_values_are_model_values():
    apply_plan(build_plan(SOURCE, "bibtex"))
    curry = Reference.objects.get(slug="curry2018")
    assert curry.title == "Happy to help? A systematic review & meta-analysis"
    assert curry.page == "320-329"
    assert (curry.issued_year, curry.issued_month) == (2018, 5)
    assert [c.family for c in curry.ordered_creators()] == ["Curry", "Rowland", "Van Lissa"]
    who = Reference.objects.get(slug="who2020")
    assert who.csl_type == "chapter" and who.issued_day == 15
    assert who.ordered_creators()[0].literal == "World Health Organization"
    assert who.ordered_creators("editor")[0].family == "Smith"
    assert Reference.objects.get(slug="mag2021").csl_type == "article-magazine"
    assert Reference.objects.get(slug="devivo2024").isbn == "9780262547659, 9780262378185"
