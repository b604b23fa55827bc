"""Where uploaded images are fetched from when they live in object storage.

Public pages allow images from the site itself only (``SECURE_CSP``); with uploads in a bucket the
browser fetches them from the bucket's origin, which must then be allowed too, or every picture
is blocked. Derived from the same variables django-storages builds its URLs from.
"""

from urllib.parse import urlsplit


def media_origins(
    bucket: str, custom_domain: str, endpoint: str, region: str, style: str
) -> list[str]:
    """CSP sources for the bucket's URLs; none when uploads stay on the local disk."""
    if not bucket:
        return []
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint:
        parts = urlsplit(endpoint)
        host = f"{bucket}.{parts.netloc}" if style == "virtual" else parts.netloc
        return [f"{parts.scheme}://{host}"]
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
