"""Countries a project can take place in, as ISO 3166-1 alpha-2 codes with translated names.

A fixed list (not free text) keeps the country filter exact: "Italy", "Italia" and "IT" are one
value. Add a country here when a project needs it; the code is what URLs and the database store.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNTRIES: list[tuple[str, str | Promise]] = [
    ("AR", _("Argentina")),
    ("AT", _("Austria")),
    ("AU", _("Australia")),
    ("BE", _("Belgium")),
    ("BR", _("Brazil")),
    ("CA", _("Canada")),
    ("CH", _("Switzerland")),
    ("CN", _("China")),
    ("DE", _("Germany")),
    ("DK", _("Denmark")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("GR", _("Greece")),
    ("HR", _("Croatia")),
    ("IE", _("Ireland")),
    ("IN", _("India")),
    ("IT", _("Italy")),
    ("JP", _("Japan")),
    ("KE", _("Kenya")),
    ("MT", _("Malta")),
    ("MX", _("Mexico")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("SE", _("Sweden")),
    ("SI", _("Slovenia")),
    ("SM", _("San Marino")),
    ("US", _("United States")),
    ("VA", _("Vatican City")),
]
