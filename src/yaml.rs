//! Small helpers for reading hand-written YAML and describing its values in messages.

use serde_yaml::{Mapping, Value};

use crate::text::clean_line;

/// Shows a YAML value the way the person wrote it, on one line, for error messages.
pub fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{}\"", clean_line(s)),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "nothing".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a group of fields".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

/// The value of `key` in a mapping.
pub fn get<'m>(map: &'m Mapping, key: &str) -> Option<&'m Value> {
    map.get(Value::String(key.to_string()))
}

/// A scalar as text, as the bank reader takes it (`2` and `true` are text too).
pub fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
