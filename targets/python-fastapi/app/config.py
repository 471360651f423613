"""The environment of targets/CONTRACT.md; a missing JWT_SECRET or a bad number stops the start-up."""
import os
import re
from dataclasses import dataclass


class ConfigError(Exception):
    """A setting the server cannot start with; server.py prints it and exits with code 1."""


@dataclass(frozen=True)
class Settings:
    bind: str
    port: int
    database_url: str | None
    db_pool_size: int
    jwt_secret: str
    workers: int

    @property
    def pool_share(self) -> int:
        """Connections one worker process may hold: together the workers hold at most DB_POOL_SIZE.

        uvicorn starts identical worker processes without telling them their index, so each gets the
        same floor(DB_POOL_SIZE / WORKERS) (16 over 2: 8 + 8; over 3: 5 + 5 + 5); never fewer than one.
        """
        return max(1, self.db_pool_size // self.workers)


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) < 1:
        raise ConfigError(f"{name} must be a positive integer, got '{raw}'")
    return int(raw)


def from_environment() -> Settings:
    secret = os.environ.get("JWT_SECRET", "")
    if not secret:
        raise ConfigError("JWT_SECRET is required")
    port_raw = os.environ.get("PORT", "")
    return Settings(
        bind=os.environ.get("BIND") or "127.0.0.1",
        port=0 if port_raw == "0" else _positive_int("PORT", 8080),
        database_url=os.environ.get("DATABASE_URL") or None,
        db_pool_size=_positive_int("DB_POOL_SIZE", 16),
        jwt_secret=secret,
        # the CPUs this process may run on (taskset's affinity mask), not the machine's count
        workers=_positive_int("WORKERS", len(os.sched_getaffinity(0))),
    )
