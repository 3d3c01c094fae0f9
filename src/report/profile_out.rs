//! A profile file written from a report's findings: the usual YAML format, with each value's
//! source line above it as a comment, so the person can check every answer against the report.

use crate::profile::{PROFILE_VERSION, Profile};
use crate::text::clean_line;

use super::{Findings, Key, Status};

fn comment(f: &Findings, key: Key) -> String {
    match f.get(key) {
        Some(field) if field.status == Status::Found => {
            // A comment runs to the end of its line: the quote is folded onto one line and
            // cleaned of control characters.
            let quote: String = clean_line(&field.quote).chars().take(200).collect();
            format!("# from line {}: {}\n", field.line, quote)
        }
        _ => String::new(),
    }
}

/// The profile (already filled with `apply_to`) as YAML, each value found in the report
/// preceded by its source line. `source` names the report in the heading comment.
pub fn profile_yaml(f: &Findings, profile: &Profile, source: &str) -> String {
    use crate::choice::Choice;
    let mut out = String::new();
    out.push_str(&format!(
        "# her2prep profile, pre-filled from {}.\n# Check each answer against your report before you rely on it.\n",
        clean_line(source)
    ));
    out.push_str(&format!("version: {PROFILE_VERSION}\n"));
    out.push_str(&format!("role: {}\n", profile.role.name()));
    let mut put = |key: Option<Key>, name: &str, value: &str, indent: &str| {
        if value == "unknown" {
            return;
        }
        if let Some(k) = key {
            for line in comment(f, k).lines() {
                out.push_str(indent);
                out.push_str(line);
                out.push('\n');
            }
        }
        // Values such as 2+ or 0 are quoted so YAML reads them as text.
        out.push_str(&format!("{indent}{name}: \"{value}\"\n"));
    };
    put(Some(Key::Sex), "sex", profile.sex.name(), "");
    put(Some(Key::Er), "er", profile.er.name(), "");
    put(Some(Key::Pr), "pr", profile.pr.name(), "");
    let mut her2 = String::new();
    {
        let mut sub = |key: Key, name: &str, value: &str| {
            if value == "unknown" {
                return;
            }
            for line in comment(f, key).lines() {
                her2.push_str("  ");
                her2.push_str(line);
                her2.push('\n');
            }
            her2.push_str(&format!("  {name}: \"{value}\"\n"));
        };
        sub(Key::Her2Ihc, "ihc", profile.her2.ihc.name());
        sub(Key::Her2Ish, "ish", profile.her2.ish.name());
    }
    if !her2.is_empty() {
        out.push_str("her2:\n");
        out.push_str(&her2);
    }
    let mut put = |key: Key, name: &str, value: &str| {
        if value == "unknown" {
            return;
        }
        out.push_str(&comment(f, key));
        out.push_str(&format!("{name}: \"{value}\"\n"));
    };
    put(Key::Stage, "stage", profile.stage.name());
    put(Key::Nodes, "nodes", profile.nodes.name());
    put(Key::Grade, "grade", profile.grade.name());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_profile_reads_back_with_the_same_answers() {
        let f = crate::report::read(
            "Sex: F\nER: positive (95%)\nHER2: 2+\nFISH: not amplified\nGrade: 2\npT1c pN0\n",
        );
        let mut p = Profile::default();
        f.apply_to(&mut p);
        let y = profile_yaml(&f, &p, "report.txt");
        assert!(
            y.contains("# from line 2: ER: positive (95%)\ner: \"positive\""),
            "{y}"
        );
        assert_eq!(Profile::from_yaml(&y).unwrap(), p, "{y}");
    }
}
