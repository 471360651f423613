"""The FastAPI application: routers, JSON errors, the body limit, and the pool's life cycle.

Every uvicorn worker process imports this module and builds its own app, auth key and pool.
"""
from fastapi import FastAPI

from . import basic, db, errors, orders
from .auth import TokenVerifier
from .body_limit import BodyLimit
from .config import Settings, from_environment

ONE_MIB = 1024 * 1024


def create_app(settings: Settings) -> FastAPI:
    # No OpenAPI schema or docs pages: not part of the contract (and a path outside it must be a 404).
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.state.tokens = TokenVerifier(settings)
    app.state.pool = None
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=ONE_MIB)
    for module in (basic, orders, db):
        app.include_router(module.router)

    @app.on_event("startup")
    async def open_pool() -> None:
        app.state.pool = await db.open_pool(settings.database_url, settings.pool_share)

    @app.on_event("shutdown")
    async def close_pool() -> None:
        if app.state.pool is not None:
            await app.state.pool.close()

    return app


app = create_app(from_environment())
