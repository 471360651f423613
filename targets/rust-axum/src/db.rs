use std::{collections::HashMap, time::Duration};

use axum::{
    extract::{Query, State},
    http::StatusCode,
    Json,
};
use rand::Rng;
use serde::Serialize;
use sqlx::PgPool;

use crate::{auth::Claims, error::ApiError, SharedState};

// Plain runtime queries; sqlx prepares each one on first use per connection and keeps it in the
// connection's statement cache (its default), so later runs only bind and execute.
const WORLD_BY_ID: &str = "SELECT id, randomnumber FROM world WHERE id = $1";
const USER_BY_ID: &str = "SELECT id, name, email FROM users WHERE id = $1";

#[derive(Serialize)]
pub struct World {
    id: i32,
    #[serde(rename = "randomNumber")]
    random_number: i32,
}

#[derive(Serialize)]
pub struct User {
    id: i32,
    name: String,
    email: String,
}

fn pool(state: &SharedState) -> Result<&PgPool, ApiError> {
    state.pool.as_ref().ok_or_else(|| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "DATABASE_URL is not set"))
}

fn random_id() -> i32 {
    rand::thread_rng().gen_range(1..=10_000)
}

async fn world<'c, E: sqlx::PgExecutor<'c>>(executor: E) -> Result<World, ApiError> {
    let (id, random_number) = sqlx::query_as(WORLD_BY_ID).bind(random_id()).fetch_one(executor).await?;
    Ok(World { id, random_number })
}

/// GET /db
pub async fn single(State(state): State<SharedState>) -> Result<Json<World>, ApiError> {
    Ok(Json(world(pool(&state)?).await?))
}

/// GET /queries?n=N: N single-row queries one after another on one pooled connection.
pub async fn queries(
    State(state): State<SharedState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Vec<World>>, ApiError> {
    // TechEmpower's rule: missing or not an integer -> 1, otherwise clamped to 1..=500.
    let n = params.get("n").and_then(|v| v.parse::<i64>().ok()).unwrap_or(1).clamp(1, 500) as usize;
    let mut conn = pool(&state)?.acquire().await?;
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        rows.push(world(&mut *conn).await?);
    }
    Ok(Json(rows))
}

/// GET /profile: the verified token's `sub` is the user id.
pub async fn profile(State(state): State<SharedState>, claims: Claims) -> Result<Json<User>, ApiError> {
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "no such user");
    let id: i32 = claims.sub.parse().map_err(|_| not_found())?;
    let (id, name, email) = sqlx::query_as(USER_BY_ID)
        .bind(id)
        .fetch_optional(pool(&state)?)
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(User { id, name, email }))
}

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
}

/// GET /healthz: `SELECT 1` through the pool.
pub async fn healthz(State(state): State<SharedState>) -> Result<Json<Health>, ApiError> {
    let unavailable = |reason: String| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, reason);
    // While the database refuses connections sqlx keeps retrying until its 30 s acquire timeout;
    // a health check should answer well before that.
    let check = sqlx::query("SELECT 1").execute(pool(&state)?);
    match tokio::time::timeout(Duration::from_secs(2), check).await {
        Ok(Ok(_)) => Ok(Json(Health { status: "ok" })),
        Ok(Err(e)) => Err(unavailable(format!("database unavailable: {e}"))),
        Err(_) => Err(unavailable("database unavailable: no connection within 2 s".into())),
    }
}
