//! The JSON contract of `her2prep read-report --format json`:
//! `{"fields": {KEY: {"value", "status", "line", "quote", "percent", "candidates"}}}`, with
//! `percent` only where one is written and absent keys for what the report does not state.

use serde_json::{Map, Value, json};

use super::{Field, Findings, Key};

fn value(key: Key, v: &Option<String>) -> Value {
    match v {
        None => Value::Null,
        // Ki-67's value is its percent, a number.
        Some(s) if key == Key::Ki67 => s.parse::<u64>().map(Value::from).unwrap_or(Value::Null),
        Some(s) => Value::String(s.clone()),
    }
}

fn field(key: Key, f: &Field) -> Value {
    let mut m = Map::new();
    m.insert("value".into(), value(key, &f.value));
    m.insert("status".into(), f.status.name().into());
    m.insert("line".into(), f.line.into());
    m.insert("quote".into(), f.quote.clone().into());
    if let Some(p) = f.percent {
        m.insert("percent".into(), p.into());
    }
    let cands: Vec<Value> = f
        .candidates
        .iter()
        .map(|c| json!({"value": value(key, &c.value), "line": c.line, "quote": c.quote}))
        .collect();
    m.insert("candidates".into(), cands.into());
    Value::Object(m)
}

/// The findings as the contract's JSON (pretty-printed, ending in a newline).
pub fn to_json(f: &Findings) -> String {
    let mut fields = Map::new();
    for (k, v) in &f.fields {
        fields.insert(k.name().into(), field(*k, v));
    }
    let mut s = serde_json::to_string_pretty(&json!({ "fields": fields }))
        .unwrap_or_else(|_| "{\"fields\": {}}".into());
    s.push('\n');
    s
}
