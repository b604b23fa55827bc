"""Object storage: moto's S3 server on loopback, one bucket, public only where the site links.

No S3-compatible server is packaged for Debian here, so moto in server mode stands in for it; the
site reaches it through boto3 and django-storages exactly as it would reach AWS S3, MinIO or
Garage. The bucket policy is the one ``deploy/env.example`` asks an operator for: originals and
renditions of images readable by anyone (pages link to them), everything else (documents) private,
served only through the site's document view.
"""

from __future__ import annotations

import json
from typing import Any

import boto3

from .config import BUCKET, PYTHON, ShapeConfig
from .processes import Child, http_status, wait_for

PUBLIC_PREFIXES = ("original_images/", "images/")


def public_read_policy(bucket: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }


def start_s3(config: ShapeConfig) -> Child:
    child = Child(
        "s3",
        [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(config.port("s3"))],
        config.django_env("s3"),
        config.run_dir / "logs",
    ).start()
    wait_for("moto S3", lambda: http_status(config.s3_endpoint) != 0, child, 60)
    return child


def s3_client(config: ShapeConfig) -> Any:  # a boto3 S3 client (boto3 has no type hints)
    env = config.django_env("s3")
    return boto3.client(
        "s3",
        endpoint_url=config.s3_endpoint,
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def create_bucket(config: ShapeConfig) -> None:
    client = s3_client(config)
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read_policy(BUCKET)))
