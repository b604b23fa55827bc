# The web nodes behind Varnish, included by default.vcl (`include "backends.vcl";`).
#
# Copy to /etc/varnish/backends.vcl and list every gunicorn node. Varnish asks each node's
# /healthz every two seconds and sends no request to a node that failed three of the last five
# probes; a request whose connection a node refuses is tried once more on the next node, so a node
# that dies is not seen by visitors even before its probes fail. `make prod-shape` writes its own
# copy of this file with the loopback ports of its two nodes (topology/varnish.py).
vcl 4.1;

import directors;

probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend node_a {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}

backend node_b {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node_a);
    nodes.add_backend(node_b);
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();
}

sub vcl_backend_error {
    # The node refused or dropped the connection: once more, on the next healthy node. Only for
    # requests that are safe to repeat.
    if (bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}
