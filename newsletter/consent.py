"""The consent wording shown next to every sign-up form, with a version for the ledger.

The ledger records *which* wording a person agreed to. Change ``CONSENT_TEXT_VERSION`` whenever
``CONSENT_TEXT`` changes, so old entries still point at the words that were really shown.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_TEXT_VERSION = "2026-11-v1"
CONSENT_TEXT = _(
    "I agree to receive the Kindness Movement newsletter (true stories, international "
    "initiatives, and practical tools) by email. I can change my preferences or unsubscribe at "
    "any time from the link in every email; my data is used only for this newsletter."
)
