"""Site-wide protection: headers, admin two-factor authentication, login throttling, rate limits,
request ids.

Everything that guards more than one app lives here so the feature apps share one implementation
(one cache key scheme, one 429 answer, one place to switch limits off for a load test).
"""
