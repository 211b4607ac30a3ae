"""Profiles' settings: the shared ones, and its own `PROFILES_*` variables."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rapport_shared.config import Settings


@dataclass(frozen=True)
class ProfilesSettings(Settings):
    SERVICE: ClassVar[str] = "profiles"
    CUSTOM_PLANS: ClassVar[bool] = True  # searches: arrays of terms, text queries, boxes of offices

    jwt_private_key_file: Path = Path("var/keys/jwt-private.pem")
    token_ttl_seconds: int = 1800
    license_check_seconds: float = 3600.0
    # How long a shared cache (the gateway's) may serve an anonymous directory read; 0: not at all.
    public_max_age: int = 30

    @classmethod
    def own_from_env(cls, environ: Mapping[str, str], var: Path) -> dict[str, Any]:
        return {
            "jwt_private_key_file": Path(environ.get("PROFILES_JWT_PRIVATE_KEY_FILE")
                                         or var / "keys" / "jwt-private.pem"),
            "token_ttl_seconds": int(environ.get("PROFILES_TOKEN_TTL_SECONDS") or 1800),
            "license_check_seconds": float(environ.get("PROFILES_LICENSE_CHECK_SECONDS") or 3600),
            "public_max_age": int(environ.get("PROFILES_PUBLIC_MAX_AGE") or 30),
        }
