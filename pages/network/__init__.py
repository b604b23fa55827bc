"""The network: member organisations (snippets), the directory page and the join form.

``models`` holds ``Member`` and ``NetworkPage`` (app label ``pages``), ``views`` the directory and
the join form's request handling, ``forms`` the join and filter forms, ``notifications`` the email
to staff about a new application. Templates: ``templates/pages/network_*.html``.
"""
