//! Generated banks for the benchmarks: copies of the built-in topic files with new ids.

use serde_yaml::Value;

/// A bank of `n` questions made from copies of the built-in topic files (same conditions,
/// texts and sources; new ids and topic ids), as YAML text, plus the glossary and sources.
pub fn generated(n: usize) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let mut builtin: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    builtin.sort();
    if n == 0 {
        return builtin;
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut topics: Vec<(String, Value)> = Vec::new();
    for (name, text) in builtin {
        if name == "glossary.yaml" || name == "sources.yaml" {
            out.push((name, text));
        } else {
            topics.push((name, serde_yaml::from_str(&text).unwrap()));
        }
    }
    let mut made = 0;
    let mut copy = 0;
    while made < n {
        for (name, topic) in &topics {
            if made >= n {
                break;
            }
            let mut t = topic.clone();
            let id = format!("{}-c{copy}", t["topic"].as_str().unwrap());
            t["topic"] = Value::String(id);
            let qs = t["questions"].as_sequence_mut().unwrap();
            qs.truncate(n - made);
            for q in qs.iter_mut() {
                let id = format!("{}-c{copy}", q["id"].as_str().unwrap());
                q["id"] = Value::String(id);
            }
            made += qs.len();
            out.push((
                format!("c{copy:04}-{name}"),
                serde_yaml::to_string(&t).unwrap(),
            ));
        }
        copy += 1;
    }
    out
}
