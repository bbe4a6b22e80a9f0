"""The release bundle's format: one JSON document, signed, that a reader can open and read.

    {"format": "peacekeeper-release-bundle",
     "manifest": {"format_version": 1, "version": 1765142400000, "created": "071200ZDEC26",
                  "created_at": "2026-12-07T12:00:00+00:00", "source_mission": "KFOR",
                  "counts": {"notices": 3, ...}, "sha256": {"notices": "<hex>", ...},
                  "signing_key": "<16 hex>"},
     "payload": {"notices": [{...}, ...], "contributions": [...], "strengths": [...], "sites": [...],
                 "reports": [...]},
     "signature": {"algorithm": "Ed25519", "value": "<base64>"}}

The payload's kinds and their fields are `records.KINDS`. `sha256` holds the digest of each kind's records
in canonical form; `signing_key` names the key that signed the bundle (`keys.key_id`). The signature is
Ed25519 over the canonical form of the document without its `signature` (format, manifest and payload).
Canonical form: JSON with sorted keys, no whitespace, UTF-8 text unescaped, no NaN; the file is the whole
document in canonical form and one newline, so any byte changed is either a signed value changed (the
signature fails) or a byte outside the canonical form (refused as altered). The signature object is exactly
`algorithm` and `value`, its value the canonical base64 of the 64 signature bytes, so one signed bundle has
one accepted file.

Everything before the signature is checked is an attacker's to choose (anyone who can put a file on the
transfer path): reading it refuses, as BundleRefused with a one-line reason, every file that is not
bounded JSON (too large, not UTF-8, numbers out of range, text that is not Unicode, nesting deeper than a
bundle nests), and no part of it is echoed into a message but the key id, and that only when it is one.
"""

import base64
import binascii
import hashlib
import json
import math
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from peacekeeper.release.keys import key_id
from peacekeeper.release.records import KINDS_BY_NAME

FORMAT = "peacekeeper-release-bundle"
FORMAT_VERSION = 1
ALGORITHM = "Ed25519"
# A bundle of every public record of a mission is a few MiB; anything far larger is not one (and JSON read
# into Python takes some 35 times its size in memory).
MAX_BUNDLE_BYTES = 32 * 1024 * 1024
# A bundle nests five deep (document, payload, kind, record, geometry's lines and positions: seven).
MAX_DEPTH = 16
# Versions are stored in a 64-bit signed column.
MAX_VERSION = 2**63 - 1
KEY_ID = re.compile(r"[0-9a-f]{16}")
MANIFEST_FIELDS = {
    "format_version",
    "version",
    "created",
    "created_at",
    "source_mission",
    "counts",
    "sha256",
    "signing_key",
}


class BundleRefused(ValueError):
    """A bundle refused whole; the message is the one-line reason."""


@dataclass(frozen=True)
class Bundle:
    manifest: dict
    payload: dict[str, list]


def canonical(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def digest(records: list) -> str:
    return hashlib.sha256(canonical(records)).hexdigest()


def signed_bytes(manifest: dict, payload: dict) -> bytes:
    return canonical({"format": FORMAT, "manifest": manifest, "payload": payload})


def write_bundle(*, manifest: dict, payload: dict[str, list], key: Ed25519PrivateKey) -> bytes:
    """The bundle file's bytes: manifest (with the key's id added) and payload, signed."""
    manifest = {**manifest, "signing_key": key_id(key.public_key())}
    signature = key.sign(signed_bytes(manifest, payload))
    document = {
        "format": FORMAT,
        "manifest": manifest,
        "payload": payload,
        "signature": {"algorithm": ALGORITHM, "value": base64.b64encode(signature).decode("ascii")},
    }
    return canonical(document) + b"\n"


def _refuse_constant(name: str) -> None:
    raise BundleRefused(f"malformed: the JSON holds {name}, which is not a number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BundleRefused("malformed: the JSON holds a number too large for a float")
    return value


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise BundleRefused("malformed: a key appears twice in one object")
        seen.add(key)
    return dict(pairs)


def _check_shape(document: object) -> None:
    """Refuse nesting deeper than a bundle's and text that is not Unicode (a lone surrogate), walking the
    document without recursion."""
    pending: list[tuple[object, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise BundleRefused("malformed: the JSON holds text that is not Unicode") from None
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise BundleRefused(f"malformed: the JSON nests deeper than {MAX_DEPTH}")
            items = [*value, *value.values()] if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)


def _parse(content: bytes) -> object:
    if len(content) > MAX_BUNDLE_BYTES:
        raise BundleRefused(
            f"malformed: {len(content)} bytes, more than a bundle may be ({MAX_BUNDLE_BYTES})"
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BundleRefused(f"malformed: not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_finite,
            object_pairs_hook=_refuse_duplicates,
        )
    except BundleRefused:
        raise
    except json.JSONDecodeError as error:
        raise BundleRefused(
            f"malformed: not JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None
    except ValueError:  # an integer of more digits than Python converts
        raise BundleRefused("malformed: the JSON holds a number too long to read") from None
    except RecursionError:
        raise BundleRefused("malformed: the JSON nests too deeply") from None
    _check_shape(document)
    return document


def _signature_value(signature: object) -> bytes:
    """The 64 bytes of a signature object that is exactly {"algorithm": "Ed25519", "value": <base64>}."""
    if signature is None or signature == {} or signature == "":
        raise BundleRefused("unsigned: the bundle carries no signature")
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        raise BundleRefused(f"unsigned: the bundle's signature is not an {ALGORITHM} signature")
    if set(signature) != {"algorithm", "value"}:
        raise BundleRefused("tampered: the signature holds other fields than algorithm and value")
    text = signature["value"]
    if not isinstance(text, str) or not text:
        raise BundleRefused("unsigned: the bundle's signature is empty")
    try:
        value = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BundleRefused("tampered: the signature is not base64") from None
    if base64.b64encode(value).decode("ascii") != text:
        raise BundleRefused("tampered: the signature is not in canonical base64")
    return value


def _verify(document: dict, key: Ed25519PublicKey) -> None:
    value = _signature_value(document.get("signature"))
    try:
        key.verify(value, signed_bytes(document["manifest"], document["payload"]))
    except InvalidSignature:
        # Read before the signature is known good, the key's id only tells the two likely causes apart; it
        # is repeated only when it has the form of a key id (anything else could be any text at all).
        manifest = document["manifest"]
        configured, named = key_id(key), manifest.get("signing_key") if isinstance(manifest, dict) else None
        if named == configured:
            raise BundleRefused(
                "tampered: the signature does not verify: the bundle changed after "
                f"key {configured} signed it"
            ) from None
        names = (
            f"names key {named}"
            if isinstance(named, str) and KEY_ID.fullmatch(named)
            else "names no valid key id"
        )
        raise BundleRefused(
            "signed with another key, or tampered: the signature does not verify against the configured "
            f"public key {configured} (the bundle {names})"
        ) from None


def _check_manifest(manifest: object, payload: object) -> None:
    if not isinstance(manifest, dict):
        raise BundleRefused("malformed: the manifest is not an object")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BundleRefused(
            f"unknown format version {manifest.get('format_version')!r}: "
            f"this side reads version {FORMAT_VERSION}"
        )
    if set(manifest) != MANIFEST_FIELDS:
        missing = sorted(MANIFEST_FIELDS - set(manifest))
        extra = sorted(set(manifest) - MANIFEST_FIELDS)
        raise BundleRefused(
            f"malformed: manifest field {missing[0]} is missing"
            if missing
            else f"malformed: manifest field {extra[0]} is not one of format version {FORMAT_VERSION}"
        )
    version = manifest["version"]
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise BundleRefused(
            f"malformed: manifest version {version!r} is not a whole number from 1 to 2**63-1"
        )
    kinds = ", ".join(KINDS_BY_NAME)
    if not isinstance(payload, dict) or set(payload) != set(KINDS_BY_NAME):
        raise BundleRefused(f"malformed: the payload does not hold exactly the kinds {kinds}")
    for field in ("counts", "sha256"):
        if not isinstance(manifest[field], dict) or set(manifest[field]) != set(KINDS_BY_NAME):
            raise BundleRefused(f"malformed: the manifest's {field} does not name exactly the kinds {kinds}")
    for name, records in payload.items():
        if not isinstance(records, list):
            raise BundleRefused(f"malformed: payload {name} is not a list")
        if not isinstance(manifest["counts"], dict) or manifest["counts"].get(name) != len(records):
            raise BundleRefused(
                f"malformed: the manifest's count of {name} is not the payload's {len(records)}"
            )
        if not isinstance(manifest["sha256"], dict) or manifest["sha256"].get(name) != digest(records):
            raise BundleRefused(f"malformed: the manifest's sha256 of {name} is not the payload's")


def read_bundle(content: bytes, *, key: Ed25519PublicKey) -> Bundle:
    """The bundle in `content`, verified against `key` and checked in its form; BundleRefused otherwise.
    Its records' markings and fields are the importer's to check (`importing.py`)."""
    document = _parse(content)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleRefused(f'malformed: not a release bundle (no "format": "{FORMAT}")')
    if "manifest" not in document or "payload" not in document:
        raise BundleRefused("malformed: the bundle has no manifest or no payload")
    _verify(document, key)
    if (
        set(document) != {"format", "manifest", "payload", "signature"}
        or canonical(document) + b"\n" != content
    ):
        raise BundleRefused(
            "tampered: the file differs from the signed document's bytes outside its signed values"
        )
    _check_manifest(document["manifest"], document["payload"])
    return Bundle(manifest=document["manifest"], payload=document["payload"])
