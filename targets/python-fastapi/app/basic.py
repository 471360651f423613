"""/plaintext, /json, /jwt, /cpu and /io: the routes that need no database."""
import asyncio
import re
from itertools import compress
from math import isqrt

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import PlainTextResponse

from .auth import verified_claims

router = APIRouter()


def parse_int(text: str | None) -> int | None:
    """A decimal integer, or None. Python's int() would also take " 5" and "5_0"; the contract's clients do not."""
    return int(text) if text is not None and re.fullmatch(r"[+-]?[0-9]+", text) else None


@router.get("/plaintext", response_class=PlainTextResponse)
async def plaintext() -> str:
    return "Hello, World!"


@router.get("/json")
async def json() -> dict:
    # a new dict on every request, serialised by FastAPI's JSONResponse (the standard json module)
    return {"message": "Hello, World!"}


@router.get("/jwt")
async def token(claims: dict = Depends(verified_claims)) -> dict:
    return {"sub": claims["sub"], "name": claims["name"], "iat": claims["iat"], "exp": claims["exp"]}


# A plain `def`: FastAPI runs it in its thread pool, as its docs advise for blocking work, so the event
# loop keeps accepting and answering other requests while a sieve runs (the GIL still lets one run at a time).
@router.get("/cpu")
def cpu(n: str | None = None) -> dict:
    limit = parse_int(n)
    if limit is None or not 1 <= limit <= 10_000_000:
        raise HTTPException(400, "n must be an integer in 1..10000000")
    count, total = primes_below(limit)
    return {"n": limit, "count": count, "sum": total}


def primes_below(n: int) -> tuple[int, int]:
    """Sieve of Eratosthenes over a bytearray: the count and the sum of the primes below n."""
    if n < 3:
        return 0, 0
    sieve = bytearray([1]) * n
    sieve[0] = sieve[1] = 0
    for i in range(2, isqrt(n - 1) + 1):
        if sieve[i]:
            sieve[i * i :: i] = bytes(len(range(i * i, n, i)))
    return sieve.count(1), sum(compress(range(n), sieve))


@router.get("/io")
async def io(ms: str | None = None) -> dict:
    wait = min(max(parse_int(ms) or 0, 0), 10_000)
    await asyncio.sleep(wait / 1000)  # a timer on the event loop: no thread waits
    return {"waitedMs": wait}
