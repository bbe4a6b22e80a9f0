"""The Ed25519 key pair of release bundles: made by `peacekeeper release keygen`, read from the paths the
settings name (`PEACEKEEPER_RELEASE_SIGNING_KEY` on the mission side, `PEACEKEEPER_RELEASE_VERIFY_KEY` on the
public side). PEM files: PKCS #8 for the private key (unencrypted, file mode 0600), SubjectPublicKeyInfo
for the public one."""

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


class KeyProblem(ValueError):
    """A key that cannot be made or read; the message names the file or setting and why."""


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short name of a public key (the first 16 hex digits of the SHA-256 of its raw bytes), so a message
    can say which key signed a bundle and which one is configured."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_key_pair(*, private_path: Path, public_path: Path) -> str:
    """Write a new key pair; refuses, writing nothing, if either file exists. Returns the key's id."""
    if private_path.resolve() == public_path.resolve():
        raise KeyProblem("--private and --public name the same file")
    for path in (private_path, public_path):
        if path.exists():
            raise KeyProblem(f"{path} exists; a key file is never overwritten")
    private_key = Ed25519PrivateKey.generate()
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _write_new(private_path, private_pem, mode=0o600)
    try:
        _write_new(public_path, public_pem, mode=0o644)
    except OSError:
        private_path.unlink()
        raise
    return key_id(private_key.public_key())


def _write_new(path: Path, content: bytes, *, mode: int) -> None:
    # O_EXCL: a file made between the check above and now is not overwritten either.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(descriptor, mode)  # the umask may have narrowed it; the public key is meant to be read
        os.write(descriptor, content)
    finally:
        os.close(descriptor)


def _read(setting: str, environment: str) -> tuple[Path, bytes]:
    configured = getattr(settings, setting, "")
    if not configured:
        raise KeyProblem(f"{environment} is not set (the path of the key file)")
    path = Path(configured)
    try:
        return path, path.read_bytes()
    except OSError as error:
        raise KeyProblem(f"{environment}={configured}: cannot be read: {error.strerror}") from None


def signing_key() -> Ed25519PrivateKey:
    path, content = _read("RELEASE_SIGNING_KEY", "PEACEKEEPER_RELEASE_SIGNING_KEY")
    try:
        key = serialization.load_pem_private_key(content, password=None)
    except (ValueError, TypeError):
        raise KeyProblem(
            f"PEACEKEEPER_RELEASE_SIGNING_KEY={path}: not an unencrypted PEM private key"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"PEACEKEEPER_RELEASE_SIGNING_KEY={path}: not an Ed25519 key")
    return key


def verify_key() -> Ed25519PublicKey:
    path, content = _read("RELEASE_VERIFY_KEY", "PEACEKEEPER_RELEASE_VERIFY_KEY")
    try:
        key = serialization.load_pem_public_key(content)
    except (ValueError, TypeError):
        raise KeyProblem(f"PEACEKEEPER_RELEASE_VERIFY_KEY={path}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyProblem(f"PEACEKEEPER_RELEASE_VERIFY_KEY={path}: not an Ed25519 key")
    return key
