use std::{cmp::Ordering, collections::HashMap, time::Duration};

use axum::{
    extract::{rejection::JsonRejection, Query},
    http::StatusCode,
    Json,
};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// GET /plaintext
pub async fn plaintext() -> &'static str {
    "Hello, World!"
}

#[derive(Serialize)]
pub struct Message {
    message: &'static str,
}

/// GET /json: serialised by serde_json on every request.
pub async fn json() -> Json<Message> {
    Json(Message { message: "Hello, World!" })
}

#[derive(Deserialize, Serialize)]
pub struct Item {
    sku: String,
    qty: u64,
    #[serde(rename = "unitPrice")]
    unit_price: f64,
}

#[derive(Deserialize)]
pub struct Order {
    id: i64,
    customer: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessedOrder {
    id: i64,
    customer: String,
    items: Vec<Item>,
    total: f64,
    item_count: usize,
    max_unit_price: f64,
}

/// POST /json/process
pub async fn process_order(order: Result<Json<Order>, JsonRejection>) -> Result<Json<ProcessedOrder>, ApiError> {
    let Json(Order { id, customer, mut items }) = order?;
    // Summed in input order, before sorting, so the floating-point result is the same everywhere.
    // fold from +0.0: `sum()` starts at -0.0 and would answer `-0.0` for an empty order.
    let total = items.iter().fold(0.0, |acc, i| acc + i.qty as f64 * i.unit_price);
    // sort_by is stable: equal prices keep their input order.
    items.sort_by(|a, b| b.unit_price.partial_cmp(&a.unit_price).unwrap_or(Ordering::Equal));
    let max_unit_price = items.first().map_or(0.0, |i| i.unit_price);
    Ok(Json(ProcessedOrder { id, customer, item_count: items.len(), items, total, max_unit_price }))
}

#[derive(Serialize)]
pub struct Primes {
    n: u32,
    count: u32,
    sum: u64,
}

/// Count and sum of the primes below `n`, by a sieve of Eratosthenes.
fn sieve(n: u32) -> (u32, u64) {
    let n = n as usize;
    let mut composite = vec![false; n];
    let (mut count, mut sum) = (0, 0);
    for i in 2..n {
        if composite[i] {
            continue;
        }
        count += 1;
        sum += i as u64;
        for multiple in (i.saturating_mul(i)..n).step_by(i) {
            composite[multiple] = true;
        }
    }
    (count, sum)
}

/// GET /cpu?n=N
pub async fn cpu(Query(params): Query<HashMap<String, String>>) -> Result<Json<Primes>, ApiError> {
    let n = params
        .get("n")
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|n| (1..=10_000_000).contains(n))
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "n must be an integer in 1..=10000000"))?;
    // Run on the worker thread itself, not spawn_blocking: WORKERS bounds the cores every target
    // may use, and the blocking pool would add threads beyond it.
    let (count, sum) = sieve(n);
    Ok(Json(Primes { n, count, sum }))
}

#[derive(Serialize)]
pub struct Waited {
    #[serde(rename = "waitedMs")]
    waited_ms: u64,
}

/// GET /io?ms=M: a timer wait, no thread blocked.
pub async fn io(Query(params): Query<HashMap<String, String>>) -> Json<Waited> {
    let ms = params.get("ms").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0).clamp(0, 10_000) as u64;
    tokio::time::sleep(Duration::from_millis(ms)).await;
    Json(Waited { waited_ms: ms })
}
