//! Finding what a clause is about: the receptor, HER2 test or Ki-67 labels in it, and the
//! words after each label up to the next label or the next topic (its "span"), which is the
//! only text a value is read from.

use std::sync::LazyLock;

use regex_lite::Regex;

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Estrogen receptor.
    Er,
    /// Progesterone receptor.
    Pr,
    /// HER2 (read as the IHC score unless an ISH word is beside it).
    Her2,
    /// An in situ hybridization word (FISH, ISH, SISH, ratio, copy number...).
    Ish,
    /// Ki-67.
    Ki67,
}

static LABELS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<ish>\bher-?2 ?/ ?cep-?17\b|\bcep-?17\b|\b(?:fish|ish|sish|cish|ddish|bdish|dish)\b|\bin[- ]situ hybridi[sz]ation\b|\bher-?2 gene\b|\bgene (?:amplification|status|copy)\b|\bcopy number\b|\bsignals? per (?:cell|nucleus)\b|\bsignals?/(?:cell|nucleus)\b)",
        r"|(?P<er>\b(?:o?estrogen) receptors?(?: alpha)?\b|\ber\b)",
        r"|(?P<pr>\bprogesterone receptors?\b|\bpgr\b|\bpr\b)",
        r"|(?P<her2>\bher[- ]?2(?:/neu|neu| ?\(erbb2\))?|\berbb-?2\b|\bc-?erb-?b-?2\b)",
        r"|(?P<ki67>\bki[- ]?67\b|\bmib-?1\b|\bprolifera(?:tion|tive) index\b)"
    ))
    .unwrap()
});

/// Words that start another topic: a span stops there.
static STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:grade|nottingham|sbr|y?p[tn](?:is|[0-4x])|stage|lymph|nodes?|margins?|size|lymphovascular|lvi|cellularity|invasion|carcinoma|dcis|controls?|pd-?l1|brca\d?|mutation|tils?)\b").unwrap()
});

/// One label found in a clause, with the text its value is read from.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    /// What it names.
    pub label: Label,
    /// The words after it.
    pub span: &'a str,
    /// The label and its words.
    pub text: &'a str,
}

/// True when any label is in the text.
pub fn any_label(norm: &str) -> bool {
    super::count(norm);
    LABELS.is_match(norm)
}

/// Every label in a clause, in order, each with its span.
pub fn find(clause: &str) -> Vec<Found<'_>> {
    super::count(clause);
    let mut marks: Vec<(Label, usize, usize)> = Vec::new();
    for c in LABELS.captures_iter(clause) {
        let (label, m) = if let Some(m) = c.name("ish") {
            (Label::Ish, m)
        } else if let Some(m) = c.name("er") {
            (Label::Er, m)
        } else if let Some(m) = c.name("pr") {
            (Label::Pr, m)
        } else if let Some(m) = c.name("her2") {
            (Label::Her2, m)
        } else if let Some(m) = c.name("ki67") {
            (Label::Ki67, m)
        } else {
            continue;
        };
        marks.push((label, m.start(), m.end()));
    }
    let mut out = Vec::with_capacity(marks.len());
    let mut starts = Vec::with_capacity(marks.len());
    for (i, &(label, _, end)) in marks.iter().enumerate() {
        let next = marks.get(i + 1).map(|m| m.1).unwrap_or(clause.len());
        let mut span = &clause[end..next];
        super::count(span);
        if let Some(stop) = STOP.find(span) {
            span = &span[..stop.start()];
        }
        out.push(Found {
            label,
            span,
            text: "",
        });
        starts.push(marks[i].1);
    }
    // "FISH for HER2: not amplified", "HER2 FISH: amplified": HER2 next to an ISH word is the
    // ISH test; the words go to the ISH label, and HER2 keeps none.
    for i in 0..out.len() {
        let joined = |s: &str| {
            s.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
                || matches!(
                    s.trim(),
                    "for"
                        | "by"
                        | "("
                        | "testing by"
                        | "by in"
                        | "status by"
                        | "gene"
                        | "/neu"
                        | "/neu gene"
                )
        };
        if out[i].label == Label::Ish
            && joined(out[i].span)
            && out.get(i + 1).is_some_and(|n| n.label == Label::Her2)
        {
            out[i].span = out[i + 1].span;
            out[i + 1].span = &clause[starts[i + 1]..starts[i + 1]];
        } else if out[i].label == Label::Her2
            && joined(out[i].span)
            && out.get(i + 1).is_some_and(|n| n.label == Label::Ish)
        {
            out[i].span = &clause[starts[i]..starts[i]];
        }
    }
    // "ER/PR: positive" and "ER and PR positive": ER with no words of its own shares PR's.
    for i in 0..out.len() {
        if out[i].label == Label::Er
            && matches!(out[i].span.trim(), "/" | "and" | "&" | "," | "+")
            && out.get(i + 1).is_some_and(|n| n.label == Label::Pr)
        {
            out[i].span = out[i + 1].span;
        }
    }
    // Each label's text runs from the label to the end of its words.
    let base = clause.as_ptr() as usize;
    for (f, &start) in out.iter_mut().zip(&starts) {
        let end = (f.span.as_ptr() as usize - base + f.span.len()).max(start);
        f.text = &clause[start..end];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(c: &str) -> Vec<(Label, &str)> {
        find(c).into_iter().map(|f| (f.label, f.span)).collect()
    }

    #[test]
    fn each_label_gets_the_words_up_to_the_next() {
        assert_eq!(
            labels("er 95%, pr 40%, her2 1+"),
            vec![
                (Label::Er, " 95%, "),
                (Label::Pr, " 40%, "),
                (Label::Her2, " 1+")
            ]
        );
    }

    #[test]
    fn her2_beside_an_ish_word_is_the_ish_test() {
        assert_eq!(
            labels("fish for her2: not amplified"),
            vec![(Label::Ish, ": not amplified"), (Label::Her2, "")]
        );
        assert_eq!(
            labels("her2 fish: amplified"),
            vec![(Label::Her2, ""), (Label::Ish, ": amplified")]
        );
    }

    #[test]
    fn a_span_stops_at_the_next_topic() {
        assert_eq!(labels("her2 2+ grade 3"), vec![(Label::Her2, " 2+ ")]);
        assert_eq!(
            labels("er positive, controls negative"),
            vec![(Label::Er, " positive, ")]
        );
    }
}
