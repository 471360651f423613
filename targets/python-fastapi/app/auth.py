"""Bearer-token verification with PyJWT, in full on every request (no cache of verified tokens)."""
import jwt
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .config import Settings

# auto_error=False: FastAPI's HTTPBearer answers a missing header with 403; the contract says 401.
# It matches the "Bearer" scheme case-insensitively.
_bearer = HTTPBearer(auto_error=False)


class TokenVerifier:
    def __init__(self, settings: Settings) -> None:
        self._key = settings.jwt_secret.encode("utf-8")

    def claims(self, credentials: HTTPAuthorizationCredentials | None) -> dict:
        if credentials is None:
            raise _unauthorized("missing bearer token")
        try:
            claims = jwt.decode(
                credentials.credentials,
                self._key,
                algorithms=["HS256"],  # pinned: "none", HS384, RS256... are refused whatever the signature
                options={"require": ["exp"]},  # exp must be there; nbf and iat are checked when present
                leeway=5,  # seconds: the contract's maximum clock skew
            )
        except jwt.InvalidTokenError as e:
            raise _unauthorized(f"invalid token: {e}") from e
        if not (isinstance(claims.get("sub"), str) and isinstance(claims.get("name"), str) and _is_number(claims.get("iat"))):
            raise _unauthorized("invalid token: sub and name must be strings, iat a number")
        return claims


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(401, reason, headers={"WWW-Authenticate": "Bearer"})


def verified_claims(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> dict:
    """The dependency /jwt and /profile declare: the token's claims, or a 401."""
    return request.app.state.tokens.claims(credentials)
