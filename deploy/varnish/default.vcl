# Varnish in front of the Kindness Movement site (Varnish 7, Debian's `varnish` package).
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish -s malloc,256m
#
# Site-specific parts live in `backends.vcl` beside this file (copy backends.vcl.example):
# the web nodes, the director `web` that spreads requests over them, and the ACL `purgers`
# of the addresses allowed to purge (the web nodes, which purge after every publish).
#
# What is cached: what the site itself marks shared-cacheable (`Cache-Control: public,
# s-maxage=...`, hashed static files). Anonymous pages only: any request with a cookie or
# credentials, and the admin, previews, documents, search and the personal newsletter pages
# (confirmation, preferences, unsubscribe) go straight to the site. A response that sets a
# cookie, or says private/no-store/no-cache, is never kept.
#
# Freshness: the site purges on every publish (wagtail.contrib.frontend_cache, README "Front
# cache"). `PURGE /path` drops /path and every /path?query (pagination, filters) on every
# host and scheme; `PURGE /path*` drops everything under /path (`PURGE /*`: the whole site).
# Purges are bans on the object's URL, so the ban lurker can clear them in the background.
vcl 4.1;

import directors;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = web.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        if (req.url ~ "\*$") {
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\*$", ""));
        } else {
            ban("obj.http.x-url == " + req.url);
            ban("obj.http.x-url ~ ^" + req.url + "\?");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never shared: the admin and its previews, documents (private collections are checked by
    # the site on every download), the site's own newsletter views (personal links), search
    # results, health checks.
    if (req.url ~ "^/(admin|documents|newsletter|search|healthz|readyz)(/|\?|$)"
        || req.url ~ "^/[a-z]{2}(-[a-z]+)?/(newsletter|search)/") {
        return (pass);
    }
    # A signed-in editor, a session, a CSRF cookie, credentials: the page may be personal.
    if (req.http.Cookie || req.http.Authorization) {
        return (pass);
    }
    # A language-prefixed URL names its language; the browser's preference changes nothing
    # (the site's own page cache ignores it there too), so it must not split the cache.
    if (req.url ~ "^/[a-z]{2}(-[a-z]+)?/") {
        unset req.http.Accept-Language;
    }
    return (hash);
}

sub vcl_hash {
    # A page rendered for http:// carries http:// links: never an answer to https://. The TLS
    # terminator in front sets X-Forwarded-Proto (and must overwrite a client's own).
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # What purges match on (ban lurker friendly: the object's own header, not the request's).
    set beresp.http.x-url = bereq.url;
    if (!beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*") {
        # Remember for a while that this URL is not cacheable (requests go straight through).
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # TTL from s-maxage (or max-age), grace from stale-while-revalidate: Varnish's defaults.
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
