use axum::{
    async_trait,
    extract::{FromRequestParts, State},
    http::{header::AUTHORIZATION, request::Parts, StatusCode},
    Json,
};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};

use crate::{error::ApiError, SharedState};

pub struct JwtVerifier {
    key: DecodingKey,
    validation: Validation,
}

impl JwtVerifier {
    pub fn new(secret: &[u8]) -> Self {
        // Pinned to HS256: a token whose header names any other algorithm (none, HS384, RS256...)
        // is refused before its signature is looked at. `exp` is required and checked by default.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_nbf = true;
        validation.leeway = 5; // the library's default is 60 s; the contract allows at most 5
        Self { key: DecodingKey::from_secret(secret), validation }
    }
}

#[derive(Deserialize, Serialize)]
pub struct Claims {
    pub sub: String,
    pub name: String,
    pub iat: i64,
    pub exp: u64,
    /// Typed here so that a present but non-numeric `nbf` fails instead of going unchecked
    /// (the library only compares an `nbf` it could read as a number).
    #[serde(default, rename = "nbf", skip_serializing)]
    _nbf: Option<u64>,
}

/// Extracting `Claims` verifies the bearer token of the request, on every request.
#[async_trait]
impl FromRequestParts<SharedState> for Claims {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let unauthorized = |reason: &str| ApiError::new(StatusCode::UNAUTHORIZED, reason);
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or_else(|| unauthorized("missing Authorization header"))?
            .to_str()
            .map_err(|_| unauthorized("malformed Authorization header"))?;
        let token = match header.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("Bearer") => token.trim(),
            _ => return Err(unauthorized("expected a Bearer token")),
        };
        let jwt = &state.jwt;
        jsonwebtoken::decode::<Claims>(token, &jwt.key, &jwt.validation)
            .map(|data| data.claims)
            .map_err(|e| unauthorized(&format!("invalid token: {e}")))
    }
}

/// GET /jwt: the verified claims.
pub async fn jwt(claims: Claims, _: State<SharedState>) -> Json<Claims> {
    Json(claims)
}
