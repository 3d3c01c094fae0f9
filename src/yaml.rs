//! Reading YAML that a person, a clinic or an attacker wrote: bounded in bytes, nesting depth
//! and expanded values, at a cost that grows linearly with the file, and describing its values
//! in messages.
//!
//! Two YAML features make a small file expensive: deep nesting (`[[[[…` costs the parser time
//! proportional to the depth for every token, so a 1 MB file takes minutes) and aliases (`*a`
//! repeats what `&a` named; three lines can stand for a hundred million values). [`parse`]
//! checks the nesting with a cheap scan of the text before the parser sees it, and counts the
//! values the parser would build (aliases expanded) without building them, stopping at the
//! limit. Only then is the text parsed for real.

use std::cell::Cell;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_yaml::{Mapping, Value};

use crate::text::clean_line;

/// How much of a YAML file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes.
    pub max_bytes: usize,
    /// The deepest nesting of lists and groups of fields.
    pub max_depth: usize,
    /// The most values (every scalar, list and group, with aliases expanded).
    pub max_values: usize,
}

/// Limits for a profile: a few dozen short answers.
pub const PROFILE_LIMITS: Limits = Limits {
    max_bytes: 1024 * 1024,
    max_depth: 32,
    max_values: 100_000,
};

/// Limits for one question bank file (questions, glossary, sources).
pub const BANK_LIMITS: Limits = Limits {
    max_bytes: 8 * 1024 * 1024,
    max_depth: 32,
    max_values: 1_000_000,
};

/// Why a YAML text was not read.
#[derive(Debug)]
pub enum YamlError {
    /// The text is larger than the limit.
    TooBig {
        /// The limit in bytes.
        limit: usize,
    },
    /// Lists or groups are nested deeper than the limit.
    TooDeep {
        /// The line (from 1) where the limit was passed.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// Aliases (`*name`) would make more values than the limit.
    TooMany {
        /// The limit.
        limit: usize,
    },
    /// A number too large for any field (past 2^64): YAML allows it, her2prep does not.
    NumberTooLarge {
        /// The line (from 1).
        line: Option<usize>,
    },
    /// Not valid YAML.
    Syntax(serde_yaml::Error),
}

impl YamlError {
    /// The line the problem is on, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            YamlError::TooDeep { line, .. } => Some(*line),
            YamlError::NumberTooLarge { line } => *line,
            YamlError::Syntax(e) => e.location().map(|l| l.line()),
            _ => None,
        }
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes / 1024)
    }
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            YamlError::TooBig { limit } => {
                write!(
                    f,
                    "it is larger than {}, the most her2prep reads",
                    size(*limit)
                )
            }
            YamlError::TooDeep { limit, .. } => write!(
                f,
                "its lists and groups are nested more than {limit} levels deep, the most her2prep reads"
            ),
            YamlError::TooMany { limit } => write!(
                f,
                "its aliases (*name) repeat parts of it into more than {limit} values, the most her2prep reads"
            ),
            YamlError::NumberTooLarge { line } => {
                write!(f, "it has a number too large to be read")?;
                if let Some(l) = line {
                    write!(f, " on line {l}")?;
                }
                write!(f, " (the largest is 18446744073709551615)")
            }
            YamlError::Syntax(e) => {
                let mut message = clean_line(&e.to_string());
                // The line number is given apart; keep the message short.
                if let Some(cut) = message.find(" at line ") {
                    message.truncate(cut);
                }
                write!(f, "it is not valid YAML: {message}")
            }
        }
    }
}

impl std::error::Error for YamlError {}

/// Parses `text` within `limits`, at a cost linear in its length.
pub fn parse(text: &str, limits: Limits) -> Result<Value, YamlError> {
    if text.len() > limits.max_bytes {
        return Err(YamlError::TooBig {
            limit: limits.max_bytes,
        });
    }
    if let Some(line) = too_deep(text, limits.max_depth) {
        return Err(YamlError::TooDeep {
            line,
            limit: limits.max_depth,
        });
    }
    // Only aliases can make more values than bytes: count them only when there may be some.
    if text.contains('*') {
        count_values(text, limits.max_values)?;
    }
    serde_yaml::from_str(text).map_err(|e| {
        // The parser reads 2^64 and beyond as a 128-bit integer no value can hold.
        let m = e.to_string();
        if m.contains(" as u128") || m.contains(" as i128") {
            YamlError::NumberTooLarge {
                line: e.location().map(|l| l.line()),
            }
        } else {
            YamlError::Syntax(e)
        }
    })
}

const TOO_MANY: &str = "her2prep: too many values";

/// Walks what the parser would build, aliases expanded, without building it; stops at `max`.
fn count_values(text: &str, max: usize) -> Result<(), YamlError> {
    let seen = Cell::new(0usize);
    let counter = Counter { seen: &seen, max };
    for doc in serde_yaml::Deserializer::from_str(text) {
        if let Err(e) = counter.deserialize(doc) {
            if e.to_string().contains(TOO_MANY) {
                return Err(YamlError::TooMany { limit: max });
            }
            // Other problems are reported by the real parse, with its wording.
            return Ok(());
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Counter<'a> {
    seen: &'a Cell<usize>,
    max: usize,
}

impl Counter<'_> {
    fn tick<E: de::Error>(&self) -> Result<(), E> {
        let n = self.seen.get() + 1;
        self.seen.set(n);
        if n > self.max {
            Err(E::custom(TOO_MANY))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Counter<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Counter<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.tick()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.tick()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.tick()
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.tick()
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.tick()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.tick()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.tick()
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.tick()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.tick()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.tick()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`).
        self.tick()?;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

/// The first line where lists and groups nest deeper than `max`, by a scan of the text that
/// over-counts rather than under-counts: indentation levels, compact entries (`- - x`) and
/// flow brackets outside quotes, comments and block scalars.
fn too_deep(text: &str, max: usize) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // Open quote carried over from an earlier line: the quote character.
    let mut quote: Option<u8> = None;
    // Inside a block scalar (`|` or `>`): lines indented more than this are text.
    let mut block_above: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        let blank = indent == bytes.len() || bytes[indent] == b'#';
        if let Some(above) = block_above {
            if blank || indent > above {
                continue;
            }
            block_above = None;
        }
        let mut depth_here = 0usize;
        if quote.is_none() && flow == 0 && !blank {
            while indents.last().is_some_and(|i| *i > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|i| *i < indent) {
                indents.push(indent);
            }
        }
        // Where a node may start (so `[`, `{`, a quote or `|` there is YAML, not text).
        let mut node_start = quote.is_none();
        let mut owner = indent;
        let mut i = indent;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = quote {
                if q == b'\'' && b == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                if q == b'"' && b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q {
                    quote = None;
                    node_start = false;
                }
                i += 1;
                continue;
            }
            let next_blank = bytes.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\t');
            match b {
                b' ' | b'\t' => {}
                b'#' if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => break,
                b'[' | b'{' if node_start || flow > 0 => {
                    flow += 1;
                    node_start = true;
                    if indents.len() + depth_here + flow > max {
                        return Some(n + 1);
                    }
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                    node_start = false;
                }
                b',' if flow > 0 => node_start = true,
                b'"' | b'\'' if node_start => quote = Some(b),
                b'-' | b'?' if node_start && flow == 0 && next_blank => {
                    depth_here += 1;
                    owner = i;
                    if indents.len() + depth_here > max {
                        return Some(n + 1);
                    }
                }
                b':' if next_blank || flow > 0 => node_start = true,
                b'|' | b'>' if node_start && flow == 0 => {
                    block_above = Some(owner);
                    break;
                }
                b'&' | b'!' if node_start => {
                    // An anchor or tag comes before the node itself.
                    while i < bytes.len() && bytes[i] != b' ' && !(flow > 0 && bytes[i] == b',') {
                        i += 1;
                    }
                    continue;
                }
                _ => {
                    if node_start && flow == 0 {
                        // A key or a plain value: a nested block scalar belongs to it.
                        owner = i;
                    }
                    node_start = false;
                }
            }
            i += 1;
        }
        if indents.len() + depth_here + flow > max {
            return Some(n + 1);
        }
    }
    None
}

/// The most characters of a value shown in a message.
const SHOWN_CHARS: usize = 60;

/// Shows a YAML value the way the person wrote it, on one line, for error messages (a long
/// one cut, with its length).
pub fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => {
            // A value as long as the file would fill the screen: its start and its length.
            let line = clean_line(s);
            match line.char_indices().nth(SHOWN_CHARS) {
                Some((cut, _)) => format!(
                    "\"{}…\" ({} characters)",
                    &line[..cut],
                    line.chars().count()
                ),
                None => format!("\"{line}\""),
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_value_is_shown_cut_in_messages() {
        let shown = describe(&Value::String("x".repeat(900_000)));
        assert_eq!(
            shown,
            format!("\"{}…\" (900000 characters)", "x".repeat(60))
        );
        assert_eq!(describe(&Value::String("maybe".into())), "\"maybe\"");
    }

    #[test]
    fn ordinary_nesting_is_read() {
        let text =
            "a:\n  b:\n    - [1, {c: 'it''s [not'}]\n    - \"x [y\"\n  d: |\n    text [[[[\n";
        let v = parse(text, PROFILE_LIMITS).unwrap();
        assert!(v.get("a").is_some());
    }

    #[test]
    fn deep_flow_and_compact_nesting_are_refused_with_the_limit() {
        let deep = format!("er: {}x{}", "[".repeat(40), "]".repeat(40));
        let e = parse(&deep, PROFILE_LIMITS).unwrap_err();
        assert!(e.to_string().contains("more than 32 levels"), "{e}");
        let compact = format!("{}x", "- ".repeat(40));
        assert!(matches!(
            parse(&compact, PROFILE_LIMITS),
            Err(YamlError::TooDeep { .. })
        ));
        let ok = format!("er: {}x{}", "[".repeat(10), "]".repeat(10));
        parse(&ok, PROFILE_LIMITS).unwrap();
    }

    #[test]
    fn an_alias_bomb_is_refused_with_the_limit() {
        let a = vec!["x"; 100].join(", ");
        let b = vec!["*a"; 100].join(", ");
        let c = vec!["*b"; 100].join(", ");
        let bomb = format!("a: &a [{a}]\nb: &b [{b}]\nc: [{c}]\n");
        let e = parse(&bomb, PROFILE_LIMITS).unwrap_err();
        assert!(matches!(e, YamlError::TooMany { limit: 100_000 }), "{e}");
        assert!(e.to_string().contains("100000"), "{e}");
        // A few aliases are fine.
        parse("a: &a [x]\nb: *a\n", PROFILE_LIMITS).unwrap();
    }
}
