//! Splitting a report into sections and specimens: which lines are results, which are a
//! clinical history or a gross description (never results), which are addenda, and which
//! specimen (core biopsy, excision, a liver biopsy...) each line belongs to.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::lines::Line;

/// What kind of section a line sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Diagnosis, microscopic description, synoptic report, comments: results are read.
    Main,
    /// An addendum or amended report: results are read, and they come later.
    Addendum,
    /// Clinical history, indication, prior results: mentions only, never results.
    History,
    /// Gross (macroscopic) description: what arrived in the lab, never results.
    Gross,
}

/// The section and specimen of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The section kind.
    pub kind: Kind,
    /// Index into the specimen list (0: before any specimen was named).
    pub specimen: usize,
}

/// What a specimen is, in the words a patient uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Specimen {
    /// 1-based line of its heading (0 for the unnamed first part of a report).
    pub line: usize,
    /// Plain words: "biopsy", "surgery sample", "liver biopsy", "lymph node sample"...
    pub what: String,
}

static HISTORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\W_]*(clinical (history|information|data|details|notes|indications?|questions?|summary|diagnosis)|history( of present illness)?|indications?|reasons? for (referral|request|testing|consult(ation)?|biopsy)|relevant (clinical )?history|(previous|prior) (reports?|results?|pathology|history|biopsy results?)|comparison|clinical)\b\s*[^:]{0,30}(:|$)").unwrap()
});
static GROSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\W_]*(gross( description| examination)?|macroscopic( description)?|macroscopy|specimen received)\b\s*[^:]{0,20}(:|$)").unwrap()
});
static ADDENDUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\W_]*(addendum|addenda|amended( report)?|amendment|supplement(ary|al)( report)?|revised report|corrected report)\b").unwrap()
});
static MAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\W_]*(final |pathologic(al)? |surgical pathology |microscopic |case )?(diagnos[ie]s|interpretation|microscopic( description)?|microscopy|synoptic( report)?|summary|comments?|notes?|results?|report|biomarkers?|immunohistochemistry|ancillary( studies)?|specimens?|procedure|conclusions?|opinion|pathology|staging|receptor status|hormone receptors?)\b").unwrap()
});
static SPECIMEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\W_]*(?:(?:part|specimen|container|site|block)\s*#?\s*)?([a-h]|[1-9])\s*[.):\]]\s+(.*)$|^[\W_]*(?:specimen|site|source|specimen type|procedure|specimen\(s\))\s*(?:\([^)]*\))?\s*:\s*(.+)$").unwrap()
});
static ANATOMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(breast|axilla|axillary|lymph|node|nodes|sentinel|liver|hepatic|bone|vertebra\w*|iliac|femur|lung|pleura\w*|brain|skin|chest wall|core|biopsy|excision|lumpectomy|mastectomy|resection|re-excision|segmentectomy|quadrantectomy)\b").unwrap()
});

/// True when the original line is written in capitals (a heading), with no digits.
fn capitals_heading(raw: &str) -> bool {
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 5
        && !raw.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
        && raw.split_whitespace().count() <= 8
}

/// A short plain description of a specimen from its heading.
pub fn describe(heading: &str) -> String {
    let h = heading;
    let has = |w: &[&str]| w.iter().any(|w| h.contains(w));
    let site = [
        ("liver", "liver"),
        ("hepatic", "liver"),
        ("bone", "bone"),
        ("vertebra", "bone"),
        ("iliac", "bone"),
        ("femur", "bone"),
        ("lung", "lung"),
        ("pleura", "pleural"),
        ("brain", "brain"),
        ("skin", "skin"),
        ("chest wall", "chest wall"),
    ]
    .iter()
    .find(|(w, _)| h.contains(w))
    .map(|(_, s)| *s);
    if let Some(site) = site {
        return format!("{site} biopsy");
    }
    if has(&["sentinel", "axilla", "lymph node", "node"]) && !has(&["breast"]) {
        return "lymph node sample".into();
    }
    if has(&[
        "excision",
        "lumpectomy",
        "mastectomy",
        "resection",
        "segment",
        "quadrant",
        "wide local",
    ]) {
        return "surgery sample".into();
    }
    if has(&["core", "biopsy", "needle", "vacuum", "fna"]) {
        return "biopsy".into();
    }
    "sample".into()
}

/// Gives every line its section and specimen, and lists the specimens.
pub fn contexts(lines: &[Line<'_>]) -> (Vec<Context>, Vec<Specimen>) {
    let mut specimens = vec![Specimen {
        line: 0,
        what: "report".into(),
    }];
    let mut out = Vec::with_capacity(lines.len());
    let mut kind = Kind::Main;
    let mut specimen = 0;
    // A history that began with text on its heading line ends at the first blank line.
    let mut ends_at_blank = false;
    let mut seen_content = false;
    let mut last_label: Option<String> = None;
    for line in lines {
        let n = line.norm.as_str();
        if n.is_empty() {
            if matches!(kind, Kind::History | Kind::Gross) && (ends_at_blank || seen_content) {
                kind = Kind::Main;
            }
            out.push(Context { kind, specimen });
            continue;
        }
        if let Some(m) = HISTORY.find(n) {
            kind = Kind::History;
            ends_at_blank = n.len() > m.end() + 2;
            seen_content = ends_at_blank;
            out.push(Context { kind, specimen });
            continue;
        }
        if let Some(m) = GROSS.find(n) {
            kind = Kind::Gross;
            ends_at_blank = n.len() > m.end() + 2;
            seen_content = ends_at_blank;
            out.push(Context { kind, specimen });
            continue;
        }
        if ADDENDUM.is_match(n) {
            kind = Kind::Addendum;
            out.push(Context { kind, specimen });
            continue;
        }
        let spec = SPECIMEN.captures(n).and_then(|c| {
            let (label, rest) = match (c.get(1), c.get(2), c.get(3)) {
                (Some(l), Some(r), _) => (Some(l.as_str().to_string()), r.as_str()),
                (_, _, Some(r)) => (None, r.as_str()),
                _ => return None,
            };
            ANATOMY.is_match(rest).then(|| (label, rest.to_string()))
        });
        if let Some((label, rest)) = spec {
            // In an addendum, a specimen named again is the one it is about: keep the
            // addendum kind but move to that specimen.
            let same = label.is_some() && label == last_label;
            if !same {
                let what = describe(&rest);
                // "Procedure: core biopsy" under "A. Left breast, core biopsy" is the same one.
                let repeat = label.is_none()
                    && specimens.len() > 1
                    && specimens.last().is_some_and(|s| s.what == what)
                    && kind != Kind::Addendum;
                if !repeat {
                    specimens.push(Specimen {
                        line: line.no,
                        what,
                    });
                    specimen = specimens.len() - 1;
                }
                if label.is_some() {
                    last_label = label;
                }
            }
            if kind != Kind::Addendum {
                kind = Kind::Main;
            }
            out.push(Context { kind, specimen });
            continue;
        }
        let heading = MAIN.find(n).is_some_and(|m| {
            n[m.end()..].trim_start().starts_with(':')
                || n.ends_with(':')
                || capitals_heading(line.raw)
        }) || (capitals_heading(line.raw) && !super::labels::any_label(n));
        let ends_addendum = kind == Kind::Addendum && MAIN.is_match(n) && n.contains("final");
        if heading && (matches!(kind, Kind::History | Kind::Gross) || ends_addendum) {
            kind = Kind::Main;
        }
        seen_content = true;
        out.push(Context { kind, specimen });
    }
    (out, specimens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::lines::split;

    fn kinds(text: &str) -> Vec<Kind> {
        let lines = split(text);
        contexts(&lines).0.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn a_clinical_history_is_not_results_and_ends_at_the_next_heading() {
        let k = kinds("CLINICAL HISTORY:\nPrior ER positive.\nFINAL DIAGNOSIS:\nER negative");
        assert_eq!(
            k,
            vec![Kind::History, Kind::History, Kind::Main, Kind::Main]
        );
    }

    #[test]
    fn a_one_line_history_ends_at_the_blank_line() {
        let k = kinds("Clinical history: 54F, lump.\n\nER negative");
        assert_eq!(k, vec![Kind::History, Kind::Main, Kind::Main]);
    }

    #[test]
    fn specimens_are_named_in_plain_words() {
        let lines = split(
            "A. Left breast, core biopsy:\nx\nB. Left breast, wide local excision:\nC. Liver, core biopsy",
        );
        let (_, s) = contexts(&lines);
        let what: Vec<_> = s.iter().map(|s| s.what.as_str()).collect();
        assert_eq!(
            what,
            vec!["report", "biopsy", "surgery sample", "liver biopsy"]
        );
    }
}
