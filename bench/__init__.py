"""``make bench``: the site under gunicorn on PostgreSQL, measured and written up in var/bench/.

Not part of the site and never imported by it; see bench/README.md.
"""
