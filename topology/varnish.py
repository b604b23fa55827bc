"""Varnish in front of both nodes, with the VCL from ``deploy/varnish/``.

``default.vcl`` is used as it is; the ``backends.vcl`` it includes is the operator's example
(``backends.vcl.example``) with each node's address replaced by a loopback port and a short probe
interval, written into the run directory, which comes first on Varnish's ``vcl_path``.
"""

from __future__ import annotations

import re
import secrets
import shutil

from .config import NODES, ROOT, ShapeConfig
from .processes import Child, http_status, wait_for

DEPLOY_VCL = ROOT / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
PROBE_INTERVAL = "1s"


def backends_vcl(config: ShapeConfig) -> str:
    """backends.vcl.example with each ``backend node_x`` pointed at the shape's node."""
    text = (DEPLOY_VCL / "backends.vcl.example").read_text()
    for node in NODES:
        pattern = re.compile(
            rf'(backend node_{node}\s*\{{[^}}]*?\.host\s*=\s*)"[^"]*"'
            rf'(;[^}}]*?\.port\s*=\s*)"[^"]*"',
            re.S,
        )
        text, found = pattern.subn(rf'\1"127.0.0.1"\2"{config.port(node)}"', text)
        if not found:
            raise RuntimeError(f"deploy/varnish/backends.vcl.example has no backend node_{node}")
    return re.sub(r"\.interval\s*=\s*[0-9.]+s;", f".interval = {PROBE_INTERVAL};", text)


def start_varnish(config: ShapeConfig) -> Child:
    vcl_dir = config.run_dir / "vcl"
    vcl_dir.mkdir(parents=True, exist_ok=True)
    (vcl_dir / "backends.vcl").write_text(backends_vcl(config))
    secret = config.run_dir / "varnish-secret"
    secret.write_text(secrets.token_hex(16))
    work_dir = config.run_dir / "varnish"
    work_dir.mkdir(parents=True, exist_ok=True)
    # varnishd drops privileges to its own users, who must be able to read the VCL and work dir.
    for path in (config.run_dir, vcl_dir, work_dir):
        path.chmod(0o755)
    (vcl_dir / "backends.vcl").chmod(0o644)
    command = [
        VARNISHD,
        "-F",
        "-n",
        str(work_dir),
        "-a",
        f"127.0.0.1:{config.port('varnish')}",
        "-T",
        f"127.0.0.1:{config.port('varnish_admin')}",
        "-S",
        str(secret),
        "-f",
        str(DEPLOY_VCL / "default.vcl"),
        "-p",
        f"vcl_path={vcl_dir}:{DEPLOY_VCL}",
        "-s",
        "malloc,64m",
    ]
    child = Child("varnish", command, {"PATH": "/usr/sbin:/usr/bin:/bin"}, config.run_dir / "logs")
    child.start()
    wait_for("varnishd", lambda: http_status(config.url("varnish") + "/healthz") != 0, child, 60)
    return child
