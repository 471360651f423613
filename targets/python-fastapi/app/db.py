"""The asyncpg pool and the routes that query it: /db, /queries, /profile, /healthz."""
import random
import re

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Request

from .auth import verified_claims
from .basic import parse_int

router = APIRouter()

WORLD = "SELECT id, randomnumber FROM world WHERE id = $1"
USER = "SELECT id, name, email FROM users WHERE id = $1"


async def open_pool(url: str | None, max_size: int) -> asyncpg.Pool | None:
    """min_size=0: no connection is opened at start-up, so the server starts (and /healthz answers 503)
    while the database is down; connections open on demand, at most max_size of them."""
    if url is None:
        return None
    return await asyncpg.create_pool(url, min_size=0, max_size=max_size)


def pool(request: Request) -> asyncpg.Pool:
    """The dependency of every database route: the pool, or 503 when DATABASE_URL is not set."""
    if request.app.state.pool is None:
        raise HTTPException(503, "database not configured (DATABASE_URL is not set)")
    return request.app.state.pool


def unavailable(e: Exception) -> HTTPException:
    # The queries are fixed and parameterised: a failure means the database is unreachable.
    return HTTPException(503, f"database unavailable: {type(e).__name__}: {e}")


def world_row(record: asyncpg.Record) -> dict:
    return {"id": record["id"], "randomNumber": record["randomnumber"]}


@router.get("/db")
async def single_query(db: asyncpg.Pool = Depends(pool)) -> dict:
    try:
        return world_row(await db.fetchrow(WORLD, random.randint(1, 10_000)))
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as e:
        raise unavailable(e) from e


@router.get("/queries")
async def multiple_queries(n: str | None = None, db: asyncpg.Pool = Depends(pool)) -> list:
    count = min(max(parse_int(n) or 1, 1), 500)
    try:
        async with db.acquire() as connection:  # one connection, one query after another
            return [world_row(await connection.fetchrow(WORLD, random.randint(1, 10_000))) for _ in range(count)]
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as e:
        raise unavailable(e) from e


@router.get("/profile")
async def profile(claims: dict = Depends(verified_claims), db: asyncpg.Pool = Depends(pool)) -> dict:
    sub = claims["sub"]
    # users.id is a 32-bit integer: anything else names no user
    if not re.fullmatch(r"-?[0-9]{1,10}", sub) or not -(2**31) <= int(sub) < 2**31:
        raise HTTPException(404, "no such user")
    try:
        user = await db.fetchrow(USER, int(sub))
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as e:
        raise unavailable(e) from e
    if user is None:
        raise HTTPException(404, "no such user")
    return {"id": user["id"], "name": user["name"], "email": user["email"]}


@router.get("/healthz")
async def healthz(db: asyncpg.Pool = Depends(pool)) -> dict:
    try:
        await db.fetchval("SELECT 1")
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as e:
        raise unavailable(e) from e
    return {"status": "ok"}
