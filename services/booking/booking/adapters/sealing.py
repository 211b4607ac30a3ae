"""Encryption at rest for PHI free text (and the stored idempotent replies holding manage tokens).

The key comes from `BOOKING_PHI_KEY` (a Fernet key). For local runs it falls back to a key file
under RAPPORT_VAR_DIR/keys, created once (atomically, so concurrent processes agree on it).
To rotate, list the new key first and the old after it, comma-separated: values are sealed with the
first and opened with whichever sealed them (cryptography's MultiFernet), so what the old key sealed
stays readable."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from ..config import BookingSettings


class Sealer:
    def __init__(self, keys: bytes):
        """`keys`: one Fernet key, or several comma-separated, the one to seal with first."""
        self._fernet = MultiFernet([Fernet(key.strip()) for key in keys.split(b",") if key.strip()])

    def seal(self, value) -> str:
        return self._fernet.encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()

    def open(self, sealed: str):
        try:
            return json.loads(self._fernet.decrypt(sealed.encode()))
        except InvalidToken as exc:
            raise RuntimeError("sealed value cannot be opened with any key in BOOKING_PHI_KEY (or the key file): "
                               "list the key that sealed it after the current one") from exc


def ensure_key_file(path: Path) -> bool:
    """Create the local key file if there is none; True if created."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    tmp.write_bytes(Fernet.generate_key())
    os.chmod(tmp, 0o600)
    try:
        os.link(tmp, path)  # fails if another process won the race; theirs is the key
        return True
    except FileExistsError:
        return False
    finally:
        tmp.unlink()


def load_sealer(settings: BookingSettings) -> Sealer:
    if settings.phi_key:
        return Sealer(settings.phi_key.encode())
    ensure_key_file(settings.phi_key_file)
    return Sealer(settings.phi_key_file.read_bytes().strip())


def token_hash(token: str) -> str:
    """Secrets (manage tokens, feed tokens) are stored only as their SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()
