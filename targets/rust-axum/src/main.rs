//! rust-axum: the Rust reference target of the bench contract (targets/CONTRACT.md).
mod auth;
mod db;
mod error;
mod work;

use std::{env, process::ExitCode, sync::Arc, thread};

use axum::{extract::DefaultBodyLimit, routing::get, routing::post, Router};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::{auth::JwtVerifier, error::ApiError};

pub struct AppState {
    /// `None` when DATABASE_URL is unset: the database routes then answer 503.
    pub pool: Option<PgPool>,
    pub jwt: JwtVerifier,
}

pub type SharedState = Arc<AppState>;

struct Config {
    bind: String,
    port: u16,
    database_url: Option<String>,
    pool_size: u32,
    jwt_secret: String,
    workers: usize,
}

fn parse_env<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match env::var(name) {
        Ok(v) if !v.is_empty() => v.parse().map_err(|_| format!("{name}={v:?} is not a valid value")),
        _ => Ok(default),
    }
}

impl Config {
    fn from_env() -> Result<Self, String> {
        let jwt_secret = env::var("JWT_SECRET")
            .ok()
            .filter(|s| !s.is_empty())
            .ok_or("JWT_SECRET is not set: it is the HS256 key and has no default")?;
        // "The CPUs the process may run on": honours affinity masks and cgroup quotas.
        let cpus = thread::available_parallelism().map_or(1, |n| n.get());
        let cfg = Config {
            bind: env::var("BIND").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "127.0.0.1".into()),
            port: parse_env("PORT", 8080)?,
            database_url: env::var("DATABASE_URL").ok().filter(|s| !s.is_empty()),
            pool_size: parse_env("DB_POOL_SIZE", 16)?,
            jwt_secret,
            workers: parse_env("WORKERS", cpus)?,
        };
        if cfg.workers == 0 || cfg.pool_size == 0 {
            return Err("WORKERS and DB_POOL_SIZE must be at least 1".into());
        }
        Ok(cfg)
    }
}

fn pool(cfg: &Config) -> Result<Option<PgPool>, String> {
    let Some(url) = &cfg.database_url else { return Ok(None) };
    let options: PgConnectOptions = url.parse().map_err(|e| format!("DATABASE_URL: {e}"))?;
    // Lazy: the server listens at once and /healthz reports the database state, as the harness
    // measures start-up as "process start -> first 200 from /healthz".
    let pool = PgPoolOptions::new()
        .max_connections(cfg.pool_size)
        // sqlx pings every connection on checkout by default (an extra round trip per query);
        // the other targets' pools do not, so a dead connection shows up as a query error instead.
        .test_before_acquire(false)
        .connect_lazy_with(options);
    Ok(Some(pool))
}

fn router(state: SharedState) -> Router {
    Router::new()
        .route("/plaintext", get(work::plaintext))
        .route("/json", get(work::json))
        .route("/json/process", post(work::process_order))
        .route("/jwt", get(auth::jwt))
        .route("/db", get(db::single))
        .route("/queries", get(db::queries))
        .route("/profile", get(db::profile))
        .route("/cpu", get(work::cpu))
        .route("/io", get(work::io))
        .route("/healthz", get(db::healthz))
        // Axum's own 404/405 have no body and no Content-Type; the contract wants both on every response.
        .fallback(|| async { ApiError::new(axum::http::StatusCode::NOT_FOUND, "not found") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(axum::http::StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
        })
        // Axum's default is 2 MB; the contract allows exactly 1 MiB.
        .layer(DefaultBodyLimit::max(1 << 20))
        .with_state(state)
}

async fn serve(cfg: Config) -> Result<(), String> {
    let state = Arc::new(AppState { pool: pool(&cfg)?, jwt: JwtVerifier::new(cfg.jwt_secret.as_bytes()) });
    let listener = tokio::net::TcpListener::bind((cfg.bind.as_str(), cfg.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", cfg.bind, cfg.port))?;
    let host = if cfg.bind.contains(':') { format!("[{}]", cfg.bind) } else { cfg.bind.clone() };
    println!("listening on http://{host}:{}", cfg.port);
    axum::serve(listener, router(state)).await.map_err(|e| format!("server error: {e}"))
}

fn main() -> ExitCode {
    let run = || -> Result<(), String> {
        let cfg = Config::from_env()?;
        // Built by hand rather than with #[tokio::main] so that WORKERS sets the worker threads.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cfg.workers)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the Tokio runtime: {e}"))?;
        runtime.block_on(serve(cfg))
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rust-axum: {message}");
            ExitCode::FAILURE
        }
    }
}
