"""The production shape on loopback: every process production runs, started from the project's own
files and stopped again (``make prod-shape``; the tests in ``tests/topology/`` use it too).

PostgreSQL (a database of its own on the local server), Redis (the local server, a database number
of its own), two gunicorn nodes with separate ``VAR_DIR``, one ``db_worker``, a timer loop standing
in for the systemd timers in ``deploy/systemd/``, Varnish in front with ``deploy/varnish/``'s VCL,
and moto's S3 server as object storage. Nothing listens beyond 127.0.0.1.
"""
