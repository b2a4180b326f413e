"""The client's S3 leg, run once against LocalStack: an S3 implementation nobody here wrote.

Presigned POST and GET come from boto3, as a real FileSpin server would make them; the client's own `send_file`
and `save_response` do the transfers.
"""

from __future__ import annotations

import uuid

import pytest

from assetdrop.core import errors
from assetdrop.core.http import HttpClient
from assetdrop.core.transfer.download import save_response
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.send import SendTarget, send_file
from tests.conftest import md5_of, write_file

pytestmark = pytest.mark.localstack


@pytest.fixture
def s3(localstack_endpoint):
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "s3",
        endpoint_url=localstack_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    bucket = f"assetdrop-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket


def test_upload_and_download_against_localstack(s3, tmp_path):
    client, bucket = s3
    source = tmp_path / "löcal stäck.bin"
    digest = write_file(source, 3 * 1024 * 1024 + 11)
    key = f"originals/{uuid.uuid4().hex}/original/original__local.bin"
    post = client.generate_presigned_post(
        bucket,
        key,
        Fields={"key": key},
        Conditions=[{"bucket": bucket}, ["eq", "$key", key], ["content-length-range", 0, 50 * 1024 * 1024]],
        ExpiresIn=600,
    )
    with HttpClient() as http:
        stored = send_file(http, source, SendTarget(post["url"], "POST", post["fields"]), Job())
        assert stored.md5 == digest and stored.size == source.stat().st_size
        head = client.head_object(Bucket=bucket, Key=key)
        assert head["ContentLength"] == stored.size and head["ETag"].strip('"') == digest

        url = client.generate_presigned_url(
            "get_object",
            ExpiresIn=600,
            Params={
                "Bucket": bucket,
                "Key": key,
                "ResponseContentDisposition": "attachment; filename*=UTF-8''l%C3%B6cal%20st%C3%A4ck.bin",
            },
        )
        result = save_response(
            http.request("GET", url, stream=True, source="storage"), tmp_path / "down", fallback_name="x"
        )
        assert result.path.name == "löcal stäck.bin" and md5_of(result.path) == digest


def test_localstack_rejection_reaches_the_client_as_a_storage_error(s3, tmp_path):
    client, bucket = s3
    source = tmp_path / "big.bin"
    write_file(source, 4096)
    key = "too-big.bin"
    post = client.generate_presigned_post(
        bucket, key, Fields={"key": key}, Conditions=[["content-length-range", 0, 1024]], ExpiresIn=600
    )
    with HttpClient() as http, pytest.raises(errors.StorageError, match="EntityTooLarge"):
        send_file(http, source, SendTarget(post["url"], "POST", post["fields"]), Job())
