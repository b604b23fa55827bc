# ruff: noqa: RUF001 -- typographic quotes and dashes are what these tests check
"""The five styles' guide examples: expected strings written from each guide's own rules.

APA 7 (Publication Manual, 7th ed., ch. 9-10 and apastyle.apa.org reference examples), Chicago
author-date (Manual of Style, 18th ed., ch. 13: three or more authors become "et al." in the text,
seven or more are cut to three in the list), MLA 9 (Handbook, 9th ed.: "et al." from three
authors), Harvard as Cite Them Right (12th ed.: up to three authors named, then "et al."; single
quotes, punctuation outside them; "Available at:"/"Accessed:") and Vancouver as NLM's Citing
Medicine (2nd ed.: up to six authors then "et al.", NLM journal abbreviations, no space in
"2018;76:320-9").

The strings are not copied from an engine's output: where citeproc-js differed from a guide the
difference was fixed (``research.engines``) or is listed in the module docstring of
``research.engines`` as a known difference, never written into these expectations.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from research.models import Reference, ReferenceCreator


def _ref(
    pk: int,
    authors: list[tuple[str, str] | str],
    editors: Sequence[Any] = (),
    **values: object,
) -> Reference:
    ref = Reference(pk=pk, **values)
    creators = [
        ReferenceCreator(sort_order=100 + i, role="editor", family=family, given=given)
        for i, (family, given) in enumerate(editors)
    ]
    for i, author in enumerate(authors):
        if isinstance(author, str):
            creators.append(ReferenceCreator(sort_order=i, literal=author))
        else:
            creators.append(ReferenceCreator(sort_order=i, family=author[0], given=author[1]))
    ref.creators.set(creators)
    return ref


JOURNAL = {"csl_type": "article-journal"}
REFS = {
    "one": _ref(
        1,
        [("Fredrickson", "Barbara L.")],
        **JOURNAL,
        title="What good are positive emotions?",
        container_title="Review of General Psychology",
        container_title_short="Rev Gen Psychol",
        issued_year=1998,
        volume="2",
        issue="3",
        page="300-319",
        doi="10.1037/1089-2680.2.3.300",
    ),
    "two": _ref(
        2,
        [("Pressman", "Sarah D."), ("Cohen", "Sheldon")],
        **JOURNAL,
        title="Does positive affect influence health?",
        container_title="Psychological Bulletin",
        container_title_short="Psychol Bull",
        issued_year=2005,
        volume="131",
        issue="6",
        page="925-971",
        doi="10.1037/0033-2909.131.6.925",
    ),
    "three": _ref(
        3,
        [("Dunn", "Elizabeth W."), ("Aknin", "Lara B."), ("Norton", "Michael I.")],
        **JOURNAL,
        title="Spending money on others promotes happiness",
        container_title="Science",
        container_title_short="Science",
        issued_year=2008,
        volume="319",
        issue="5870",
        page="1687-1688",
        doi="10.1126/science.1150952",
    ),
    "six": _ref(
        6,
        [
            ("Curry", "Oliver Scott"),
            ("Rowland", "Lee A."),
            ("Van Lissa", "Caspar J."),
            ("Zlotowitz", "Sally"),
            ("McAlaney", "John"),
            ("Whitehouse", "Harvey"),
        ],
        **JOURNAL,
        title="Happy to help? A systematic review and meta-analysis of the effects of "
        "performing acts of kindness on the well-being of the actor",
        container_title="Journal of Experimental Social Psychology",
        container_title_short="J Exp Soc Psychol",
        issued_year=2018,
        volume="76",
        page="320-329",
        doi="10.1016/j.jesp.2018.02.014",
    ),
    "twentyone": _ref(
        21,
        [(f"Author{n:02d}", "Anna") for n in range(1, 22)],
        **JOURNAL,
        title="A study with many authors",
        container_title="Journal of Kindness",
        container_title_short="J Kindness",
        issued_year=2020,
        volume="1",
        page="1-10",
    ),
    "book": _ref(
        30,
        [("Keltner", "Dacher")],
        csl_type="book",
        title="Born to be good: The science of a meaningful life",
        publisher="W. W. Norton",
        publisher_place="New York",
        issued_year=2009,
    ),
    "chapter": _ref(
        31,
        [("Schroeder", "David A."), ("Graziano", "William G.")],
        editors=[("Schroeder", "David A."), ("Graziano", "William G.")],
        csl_type="chapter",
        title="The field of prosocial behavior: An introduction and overview",
        container_title="The Oxford handbook of prosocial behavior",
        publisher="Oxford University Press",
        publisher_place="New York",
        issued_year=2015,
        page="3-34",
    ),
    "report": _ref(
        32,
        ["World Health Organization"],
        csl_type="report",
        title="World report on ageing and health",
        publisher="World Health Organization",
        publisher_place="Geneva",
        issued_year=2015,
    ),
    "webpage": _ref(
        33,
        [("Smith", "Anna")],
        csl_type="webpage",
        title="Why kindness spreads",
        container_title="Kindness Blog",
        url="https://example.org/kindness",
        issued_year=2023,
        issued_month=3,
        issued_day=4,
        accessed=datetime.date(2024, 5, 31),
    ),
}

MANY = ", ".join(f"Author{n:02d}, A." for n in range(1, 20))

EXPECTED = {
    "apa": {
        "one": "Fredrickson, B. L. (1998). What good are positive emotions? <i>Review of General "
        "Psychology</i>, <i>2</i>(3), 300–319. https://doi.org/10.1037/1089-2680.2.3.300",
        "two": "Pressman, S. D., &#38; Cohen, S. (2005). Does positive affect influence health? "
        "<i>Psychological Bulletin</i>, <i>131</i>(6), 925–971. "
        "https://doi.org/10.1037/0033-2909.131.6.925",
        "three": "Dunn, E. W., Aknin, L. B., &#38; Norton, M. I. (2008). Spending money on others "
        "promotes happiness. <i>Science</i>, <i>319</i>(5870), 1687–1688. "
        "https://doi.org/10.1126/science.1150952",
        "six": "Curry, O. S., Rowland, L. A., Van Lissa, C. J., Zlotowitz, S., McAlaney, J., &#38; "
        "Whitehouse, H. (2018). Happy to help? A systematic review and meta-analysis of the "
        "effects of performing acts of kindness on the well-being of the actor. <i>Journal of "
        "Experimental Social Psychology</i>, <i>76</i>, 320–329. "
        "https://doi.org/10.1016/j.jesp.2018.02.014",
        "twentyone": f"{MANY}, . . . Author21, A. (2020). A study with many authors. <i>Journal "
        "of Kindness</i>, <i>1</i>, 1–10.",
        "book": "Keltner, D. (2009). <i>Born to be good: The science of a meaningful life</i>. "
        "W. W. Norton.",
        "chapter": "Schroeder, D. A., &#38; Graziano, W. G. (2015). The field of prosocial "
        "behavior: An introduction and overview. In D. A. Schroeder &#38; W. G. Graziano (Eds.), "
        "<i>The Oxford handbook of prosocial behavior</i> (pp. 3–34). Oxford University Press.",
        # APA 7 §9.24: the publisher is left out when it is the author.
        "report": "World Health Organization. (2015). <i>World report on ageing and health</i>.",
        "webpage": "Smith, A. (2023, March 4). <i>Why kindness spreads</i>. Kindness Blog. "
        "https://example.org/kindness",
    },
    "chicago": {
        "one": "Fredrickson, Barbara L. 1998. “What Good Are Positive Emotions?” <i>Review of "
        "General Psychology</i> 2 (3): 300–319. https://doi.org/10.1037/1089-2680.2.3.300.",
        "two": "Pressman, Sarah D., and Sheldon Cohen. 2005. “Does Positive Affect Influence "
        "Health?” <i>Psychological Bulletin</i> 131 (6): 925–71. "
        "https://doi.org/10.1037/0033-2909.131.6.925.",
        "three": "Dunn, Elizabeth W., Lara B. Aknin, and Michael I. Norton. 2008. “Spending Money "
        "on Others Promotes Happiness.” <i>Science</i> 319 (5870): 1687–88. "
        "https://doi.org/10.1126/science.1150952.",
        "six": "Curry, Oliver Scott, Lee A. Rowland, Caspar J. Van Lissa, Sally Zlotowitz, John "
        "McAlaney, and Harvey Whitehouse. 2018. “Happy to Help? A Systematic Review and "
        "Meta-Analysis of the Effects of Performing Acts of Kindness on the Well-Being of the "
        "Actor.” <i>Journal of Experimental Social Psychology</i> 76: 320–29. "
        "https://doi.org/10.1016/j.jesp.2018.02.014.",
        "twentyone": "Author01, Anna, Anna Author02, Anna Author03, et al. 2020. “A Study with "
        "Many Authors.” <i>Journal of Kindness</i> 1: 1–10.",
        "book": "Keltner, Dacher. 2009. <i>Born to Be Good: The Science of a Meaningful Life</i>. "
        "W. W. Norton.",
        "chapter": "Schroeder, David A., and William G. Graziano. 2015. “The Field of Prosocial "
        "Behavior: An Introduction and Overview.” In <i>The Oxford Handbook of Prosocial "
        "Behavior</i>, edited by David A. Schroeder and William G. Graziano. Oxford University "
        "Press.",  # CMOS 18 (14.8) no longer asks for a chapter's page range
        "webpage": "Smith, Anna. 2023. “Why Kindness Spreads.” Kindness Blog, March 4. "
        "https://example.org/kindness.",
        # CMOS 18: an organisation is the author, and is named again as publisher.
        "report": "World Health Organization. 2015. <i>World Report on Ageing and Health</i>. "
        "World Health Organization.",
    },
    "mla": {
        "one": "Fredrickson, Barbara L. “What Good Are Positive Emotions?” <i>Review of General "
        "Psychology</i>, vol. 2, no. 3, 1998, pp. 300–19, "
        "https://doi.org/10.1037/1089-2680.2.3.300.",
        "two": "Pressman, Sarah D., and Sheldon Cohen. “Does Positive Affect Influence Health?” "
        "<i>Psychological Bulletin</i>, vol. 131, no. 6, 2005, pp. 925–71, "
        "https://doi.org/10.1037/0033-2909.131.6.925.",
        "three": "Dunn, Elizabeth W., et al. “Spending Money on Others Promotes Happiness.” "
        "<i>Science</i>, vol. 319, no. 5870, 2008, pp. 1687–88, "
        "https://doi.org/10.1126/science.1150952.",
        "six": "Curry, Oliver Scott, et al. “Happy to Help? A Systematic Review and Meta-Analysis "
        "of the Effects of Performing Acts of Kindness on the Well-Being of the Actor.” "
        "<i>Journal of Experimental Social Psychology</i>, vol. 76, 2018, pp. 320–29, "
        "https://doi.org/10.1016/j.jesp.2018.02.014.",
        "twentyone": "Author01, Anna, et al. “A Study with Many Authors.” <i>Journal of "
        "Kindness</i>, vol. 1, 2020, pp. 1–10.",
        "book": "Keltner, Dacher. <i>Born to Be Good: The Science of a Meaningful Life</i>. W. W. "
        "Norton, 2009.",
        # MLA 9 §2.1.3: a work by an organisation that also published it starts with the title.
        "report": "<i>World Report on Ageing and Health</i>. World Health Organization, 2015.",
        # MLA 9: a chapter's container is the book, "edited by" its editors; "University Press"
        # is shortened to "UP".
        "chapter": "Schroeder, David A., and William G. Graziano. “The Field of Prosocial "
        "Behavior: An Introduction and Overview.” <i>The Oxford Handbook of Prosocial "
        "Behavior</i>, edited by David A. Schroeder and William G. Graziano, Oxford UP, 2015, "
        "pp. 3–34.",
        # MLA 9: a page on a website: the page's title in quotation marks, the site's in italics,
        # the day-month-year date with an abbreviated month, the URL; the access date is only
        # for pages without a date.
        "webpage": "Smith, Anna. “Why Kindness Spreads.” <i>Kindness Blog</i>, 4 Mar. 2023, "
        "https://example.org/kindness.",
    },
    "harvard": {
        "one": "Fredrickson, B.L. (1998) ‘What good are positive emotions?’, <i>Review of General "
        "Psychology</i>, 2(3), pp. 300–319. Available at: "
        "https://doi.org/10.1037/1089-2680.2.3.300.",
        "two": "Pressman, S.D. and Cohen, S. (2005) ‘Does positive affect influence health?’, "
        "<i>Psychological Bulletin</i>, 131(6), pp. 925–971. Available at: "
        "https://doi.org/10.1037/0033-2909.131.6.925.",
        "three": "Dunn, E.W., Aknin, L.B. and Norton, M.I. (2008) ‘Spending money on others "
        "promotes happiness’, <i>Science</i>, 319(5870), pp. 1687–1688. Available at: "
        "https://doi.org/10.1126/science.1150952.",
        "six": "Curry, O.S. <i>et al.</i> (2018) ‘Happy to help? A systematic review and "
        "meta-analysis of the effects of performing acts of kindness on the well-being of the "
        "actor’, <i>Journal of Experimental Social Psychology</i>, 76, pp. 320–329. Available at: "
        "https://doi.org/10.1016/j.jesp.2018.02.014.",
        "twentyone": "Author01, A. <i>et al.</i> (2020) ‘A study with many authors’, <i>Journal "
        "of Kindness</i>, 1, pp. 1–10.",
        "book": "Keltner, D. (2009) <i>Born to be good: The science of a meaningful life</i>. New "
        "York: W. W. Norton.",
        "report": "World Health Organization (2015) <i>World report on ageing and health</i>. "
        "Geneva: World Health Organization.",
        # Cite Them Right, chapter in an edited book: "in" the editors, surname first, "(eds)".
        "chapter": "Schroeder, D.A. and Graziano, W.G. (2015) ‘The field of prosocial behavior: "
        "An introduction and overview’, in Schroeder, D.A. and Graziano, W.G. (eds) <i>The "
        "Oxford handbook of prosocial behavior</i>. New York: Oxford University Press, pp. 3–34.",
        # Cite Them Right, web page: Author (Year) Title of web page. Available at: URL
        # (Accessed: date).
        "webpage": "Smith, A. (2023) <i>Why kindness spreads</i>. Available at: "
        "https://example.org/kindness (Accessed: 31 May 2024).",
    },
    "vancouver": {
        "one": "Fredrickson BL. What good are positive emotions? Rev Gen Psychol. "
        "1998;2(3):300-19. doi:10.1037/1089-2680.2.3.300",
        "two": "Pressman SD, Cohen S. Does positive affect influence health? Psychol Bull. "
        "2005;131(6):925-71. doi:10.1037/0033-2909.131.6.925",
        "three": "Dunn EW, Aknin LB, Norton MI. Spending money on others promotes happiness. "
        "Science. 2008;319(5870):1687-8. doi:10.1126/science.1150952",
        "six": "Curry OS, Rowland LA, Van Lissa CJ, Zlotowitz S, McAlaney J, Whitehouse H. Happy "
        "to help? A systematic review and meta-analysis of the effects of performing acts of "
        "kindness on the well-being of the actor. J Exp Soc Psychol. 2018;76:320-9. "
        "doi:10.1016/j.jesp.2018.02.014",
        "twentyone": "Author01 A, Author02 A, Author03 A, Author04 A, Author05 A, Author06 A, et "
        "al. A study with many authors. J Kindness. 2020;1:1-10.",
        "book": "Keltner D. Born to be good: The science of a meaningful life. New York: W. W. "
        "Norton; 2009.",
        "report": "World Health Organization. World report on ageing and health. Geneva: World "
        "Health Organization; 2015.",
        # Citing Medicine ch. 6, contribution to a book: "In:" the editors, "editors.", "p.".
        "chapter": "Schroeder DA, Graziano WG. The field of prosocial behavior: An introduction "
        "and overview. In: Schroeder DA, Graziano WG, editors. The Oxford handbook of prosocial "
        "behavior. New York: Oxford University Press; 2015. p. 3-34.",
        # Citing Medicine ch. 25 as applied to a web page with an author: title [Internet], the
        # site as publisher, the date to the day, [cited date], "Available from:".
        "webpage": "Smith A. Why kindness spreads [Internet]. Kindness Blog; 2023 Mar 4 [cited "
        "2024 May 31]. Available from: https://example.org/kindness",
    },
}

IN_TEXT = {
    "apa": {
        "one": "(Fredrickson, 1998)",
        "two": "(Pressman &#38; Cohen, 2005)",
        "three": "(Dunn et al., 2008)",
        "six": "(Curry et al., 2018)",
        "twentyone": "(Author01 et al., 2020)",
        "report": "(World Health Organization, 2015)",
    },
    "chicago": {
        "one": "(Fredrickson 1998)",
        "two": "(Pressman and Cohen 2005)",
        "three": "(Dunn et al. 2008)",
        "six": "(Curry et al. 2018)",
    },
    "mla": {
        "one": "(Fredrickson)",
        "two": "(Pressman and Cohen)",
        "three": "(Dunn et al.)",
        "webpage": "(Smith)",
    },
    "harvard": {
        "one": "(Fredrickson, 1998)",
        "two": "(Pressman and Cohen, 2005)",
        "three": "(Dunn, Aknin and Norton, 2008)",
        "six": "(Curry <i>et al.</i>, 2018)",
        "webpage": "(Smith, 2023)",
    },
}
