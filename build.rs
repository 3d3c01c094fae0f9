//! Embeds the question bank (every `questions/*.yaml`) into the binary so that `her2prep` runs
//! from any directory. Each file is converted to JSON here, at build time: reading JSON at
//! start-up is about ten times faster than reading YAML. A file that can't be converted is
//! embedded as YAML, to be read (and its problems reported) at run time.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("questions");
    println!("cargo:rerun-if-changed=questions");
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let out_dir = env::var("OUT_DIR").unwrap();
    let mut out = String::from(
        "/// The built-in bank: (file name, contents), in name order.\npub static BUILTIN: &[(&str, Embedded)] = &[\n",
    );
    for (i, f) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let text = fs::read_to_string(f).unwrap_or_default();
        let json = serde_yaml::from_str::<serde_yaml::Value>(&text)
            .ok()
            .and_then(|v| serde_json::to_string(&v).ok());
        let (kind, content) = match json {
            Some(json) => ("Json", json),
            None => ("Yaml", text),
        };
        let path = Path::new(&out_dir).join(format!("bank-{i}"));
        fs::write(&path, content).unwrap();
        out.push_str(&format!(
            "    ({name:?}, Embedded::{kind}(include_str!({:?}))),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(&out_dir).join("builtin_bank.rs"), out).unwrap();
}
