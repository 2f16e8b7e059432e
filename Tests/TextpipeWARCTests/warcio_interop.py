#!/usr/bin/env python3
"""warcio (PyPI) as the reference client for TextpipeWARC's tests (WARCInteropTests.swift).

    warcio_interop.py write DIR     writes WARC files with warcio into DIR and prints, as JSON,
                                    what warcio itself reads back from each: record offsets,
                                    types, URIs, dates, HTTP status, and the SHA-1 of each
                                    record's content (payload de-chunked and decoded)
    warcio_interop.py check FILE... runs `warcio check -v` and `warcio index` on files that
                                    textpipe wrote, and prints their verdicts and what warcio
                                    reads, as JSON

Only the tests run this; the pipeline never does.
"""
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = ("<!doctype html><html><head><title>Größenvergleich</title></head><body>"
        "<article><h1>Ein Größenvergleich</h1><p>Zürich ist größer als Chur. "
        + "Ein Satz mehr. " * 200 + "</p></article></body></html>").encode("utf-8")
BIG = b"<html><body>" + b"<p>A long page that crosses the reader's buffers.</p>" * 40000 + b"</body></html>"


def http(status, headers):
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def chunked(body, size=1000):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def response(writer, uri, body, status="200 OK", headers=None):
    headers = headers if headers is not None else [("Content-Type", "text/html; charset=utf-8")]
    rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                    http_headers=http(status, headers))
    writer.write_record(rec)
    return rec


def write_file(path, gzip_records, version):
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip_records, warc_version=version)
        writer.write_record(writer.create_warcinfo_record(os.path.basename(path), {"software": "warcio", "format": "WARC File Format"}))
        request = writer.create_warc_record(
            "http://example.com/plain", "request", payload=io.BytesIO(b""), length=0,
            http_headers=StatusAndHeaders("GET /plain HTTP/1.1", [("Host", "example.com")], is_http_request=True))
        writer.write_record(request)
        plain = response(writer, "http://example.com/plain", PAGE,
                         headers=[("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))])
        response(writer, "http://example.com/chunked", chunked(PAGE),
                 headers=[("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")])
        response(writer, "http://example.com/gzip", gzip.compress(PAGE),
                 headers=[("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")])
        response(writer, "http://example.com/chunked-gzip", chunked(gzip.compress(PAGE), 300),
                 headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
        response(writer, "http://example.com/big", BIG, headers=[("Content-Type", "text/html")])
        response(writer, "http://example.com/missing", b"<html>not here</html>", status="404 Not Found")
        response(writer, "http://example.com/moved", b"", status="301 Moved Permanently", headers=[("Location", "/plain")])
        response(writer, "http://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
                 headers=[("Content-Type", "image/png")])
        digest = plain.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(writer.create_revisit_record(
            "http://example.com/plain", digest, "http://example.com/plain", plain.rec_headers.get_header("WARC-Date"),
            http_headers=http("200 OK", [("Content-Type", "text/html; charset=utf-8")])))
        writer.write_record(writer.create_warc_record(
            "http://example.com/plain", "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"), length=18,
            warc_content_type="application/warc-fields"))
        latin1 = "<p>Größe</p>".encode("latin-1")
        writer.write_record(writer.create_warc_record(
            "file:///docs/latin1.html", "resource", payload=io.BytesIO(latin1), length=len(latin1),
            warc_content_type="text/html; charset=iso-8859-1"))
        writer.write_record(writer.create_warc_record(
            "file:///docs/photo.jpg", "resource", payload=io.BytesIO(b"\xff\xd8\xff"), length=3,
            warc_content_type="image/jpeg"))


def read_back(path):
    """What warcio reads from a file: one entry per record."""
    out = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for rec in it:
            content = rec.content_stream().read()
            out.append({
                "offset": it.get_record_offset(),
                "type": rec.rec_type,
                "uri": rec.rec_headers.get_header("WARC-Target-URI"),
                "date": rec.rec_headers.get_header("WARC-Date"),
                "status": int(rec.http_headers.get_statuscode()) if rec.http_headers and rec.rec_type == "response" else None,
                "content_sha1": hashlib.sha1(content).hexdigest(),
                "content_length": len(content),
            })
    return out


def write(folder):
    files = {
        "warcio-1.0.warc.gz": (True, "1.0"),
        "warcio-1.1.warc.gz": (True, "1.1"),
        "warcio-1.0.warc": (False, "1.0"),
        "warcio-1.1.warc": (False, "1.1"),
    }
    result = {}
    for name, (gz, version) in files.items():
        path = os.path.join(folder, name)
        write_file(path, gz, version)
        result[name] = read_back(path)
    # One gzip stream for the whole file, as some tools write (warcio itself refuses these).
    with open(os.path.join(folder, "warcio-1.0.warc"), "rb") as f, open(os.path.join(folder, "whole-stream.warc.gz"), "wb") as g:
        g.write(gzip.compress(f.read()))
    json.dump(result, sys.stdout)


def check(paths):
    result = {}
    for path in paths:
        checked = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", path], capture_output=True, text=True)
        index = subprocess.run([sys.executable, "-m", "warcio.cli", "index", "-f",
                                "offset,length,warc-type,warc-target-uri,warc-date", path],
                               capture_output=True, text=True)
        result[path] = {
            "check_exit": checked.returncode,
            "check_output": checked.stdout + checked.stderr,
            "index_exit": index.returncode,
            "index": [json.loads(line) for line in index.stdout.splitlines() if line.strip()],
            "records": read_back(path),
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "write":
        write(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        check(sys.argv[2:])
    else:
        sys.exit(__doc__)
