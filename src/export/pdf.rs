//! The PDF export, written by the program itself (krilla): one embedded font (DejaVu Sans,
//! subset), our own line wrapping and pagination, and a tag tree so a screen reader reads the
//! page in order. Pagination keeps each question whole and never leaves a heading or a
//! glossary term alone at the foot of a page.

use std::num::NonZeroU16;
use std::sync::OnceLock;

use krilla::Document as Pdf;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::doctor::{self, DoctorCopy};
use super::{Document, NOT_ADVICE, priority_label};
use crate::text::{clean, clean_line};

/// DejaVu Sans (Bitstream Vera licence, `assets/fonts/DejaVuSans-LICENSE.txt`): Latin, Greek,
/// Cyrillic and the common symbols (✓ ★ “ ”). It has no CJK glyphs.
pub static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

/// Territories whose paper is Letter (the rest of the world uses A4), as in glibc's locales.
const LETTER_TERRITORIES: &[&str] = &["US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "CR", "GT"];

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The paper the locale implies: `LC_ALL`, else `LC_PAPER`, else `LANG` (POSIX order);
    /// `en_US.UTF-8` or `fr_CA` mean Letter, anything else (or nothing) A4.
    pub fn from_locale_vars(
        lc_all: Option<&str>,
        lc_paper: Option<&str>,
        lang: Option<&str>,
    ) -> Paper {
        let locale = [lc_all, lc_paper, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .unwrap_or("");
        // language[_TERRITORY][.codeset][@modifier]
        let territory = locale
            .split(['.', '@'])
            .next()
            .and_then(|l| l.split_once('_'))
            .map(|(_, t)| t);
        match territory {
            Some(t) if LETTER_TERRITORIES.contains(&t) => Paper::Letter,
            _ => Paper::A4,
        }
    }

    /// The paper this computer's locale implies (see [`Paper::from_locale_vars`]).
    pub fn from_locale() -> Paper {
        let var = |k| std::env::var(k).ok();
        Paper::from_locale_vars(
            var("LC_ALL").as_deref(),
            var("LC_PAPER").as_deref(),
            var("LANG").as_deref(),
        )
    }
}

/// Choices for a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfOptions {
    /// Paper size.
    pub paper: Paper,
    /// The one-page copy for the doctor instead of the whole list.
    pub doctor: bool,
}

/// Text sizes and spacing of one print size, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub title: f32,
    pub h2: f32,
    pub h3: f32,
    pub body: f32,
    pub small: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    /// Height of one ruled answer line (about 6 mm in normal print, 8.5 mm in large).
    pub rule: f32,
    pub margin: f32,
}

impl Style {
    pub(crate) fn of(large: bool) -> Style {
        if large {
            Style {
                title: 24.0,
                h2: 19.0,
                h3: 17.0,
                body: 16.0,
                small: 14.0,
                leading: 1.3,
                rule: 24.0,
                margin: 36.0,
            }
        } else {
            Style {
                title: 18.0,
                h2: 14.0,
                h3: 12.5,
                body: 11.0,
                small: 9.5,
                leading: 1.3,
                rule: 18.0,
                margin: 36.0,
            }
        }
    }
}

/// Glyph advances of the embedded font, for measuring lines before drawing them.
struct Metrics {
    font: skrifa::FontRef<'static>,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| Metrics {
        font: skrifa::FontRef::new(FONT).expect("the embedded font is a valid TrueType file"),
    })
}

/// The width of `text` at `size` points. Kerning only narrows a line, so this never
/// under-measures what krilla draws.
pub(crate) fn text_width(text: &str, size: f32) -> f32 {
    let m = metrics();
    let charmap = m.font.charmap();
    let gm = m.font.glyph_metrics(Size::new(1.0), LocationRef::default());
    text.chars()
        .map(|c| {
            let g = charmap.map(c).unwrap_or_default();
            gm.advance_width(g).unwrap_or(0.6)
        })
        .sum::<f32>()
        * size
}

/// Splits `text` into lines no wider than `width` at `size`: at spaces where possible, inside a
/// word only when the word alone is too wide. Line breaks in the text are kept.
pub(crate) fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let tried = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&tried, size) <= width {
                line = tried;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line (a long web address) is cut where it must be.
            for c in word.chars() {
                line.push(c);
                if text_width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// What a block is, for the tag tree.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Title,
    Heading(u16),
    Para,
    /// A list entry; entries with the same list number form one list.
    Entry {
        list: u32,
        label: Option<&'static str>,
    },
}

/// One thing drawn, at a height relative to its block's top.
#[derive(Debug, Clone)]
enum Mark {
    /// A line of text (baseline at `y`), in paragraph `para` of its block.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        grey: bool,
        para: u8,
    },
    /// A ruled line to write on.
    Rule { x1: f32, x2: f32, y: f32 },
    /// A tick box with its top at `y`.
    TickBox {
        x: f32,
        y: f32,
        side: f32,
        ticked: bool,
    },
}

/// A piece of the page that is never split (unless it is taller than a page).
#[derive(Debug, Clone)]
struct Block {
    role: Role,
    marks: Vec<Mark>,
    height: f32,
    /// Space above it, dropped at the top of a page.
    space_before: f32,
    /// It must share a page with the block after it (headings, lead-ins).
    keep_with_next: bool,
}

/// Builds blocks line by line.
struct Builder {
    style: Style,
    /// Space above a second-level heading.
    h2_space: f32,
    left: f32,
    width: f32,
    blocks: Vec<Block>,
}

impl Builder {
    fn new(style: Style, frame: Frame, h2_space: f32) -> Builder {
        Builder {
            style,
            h2_space,
            left: frame.margin,
            width: frame.text_width(),
            blocks: Vec::new(),
        }
    }

    /// Short items (`label: value`) run together on lines, `sep` between them, an item moved
    /// whole to the next line when it does not fit: fewer lines than one item a line, and
    /// copied text keeps each label with its value.
    fn packed(&mut self, items: &[String], size: f32, grey: bool, space_before: f32) {
        const SEP: &str = "   ·   ";
        let mut lines: Vec<String> = Vec::new();
        for item in items {
            match lines.last_mut() {
                Some(l) if text_width(&format!("{l}{SEP}{item}"), size) <= self.width => {
                    l.push_str(SEP);
                    l.push_str(item);
                }
                _ => lines.push(item.clone()),
            }
        }
        let mut b = self.block(Role::Para, space_before, false);
        for l in &lines {
            b.text(0.0, size, l, grey, 0);
        }
        b.finish();
    }

    /// A question with its tick box: the numbered text, a smaller line under it, then ruled
    /// lines to write on (`rule` apart) or the answer already written.
    #[allow(clippy::too_many_arguments)]
    fn question(
        &mut self,
        list: u32,
        label: &'static str,
        ticked: bool,
        text: &str,
        note: &str,
        note_size: f32,
        rules: (usize, f32),
        answer: Option<&str>,
        after: Option<&str>,
        space_before: f32,
    ) {
        let style = self.style;
        let indent = style.body * 2.0;
        let mut e = self.block(
            Role::Entry {
                list,
                label: Some(label),
            },
            space_before,
            false,
        );
        e.tick_box(style.body * 1.1, ticked);
        e.text(indent, style.body, text, false, 1);
        e.text(indent, note_size, note, true, 2);
        match answer {
            None => e.rules_of(indent, rules.0, rules.1),
            Some(a) => {
                e.gap(style.small * 0.3);
                e.text(indent, style.body, &format!("Answer: {a}"), false, 3);
            }
        }
        if let Some(line) = after {
            e.text(indent, style.small, line, true, 4);
        }
        e.finish();
    }

    fn block(&mut self, role: Role, space_before: f32, keep_with_next: bool) -> BlockBuilder<'_> {
        BlockBuilder {
            b: self,
            block: Block {
                role,
                marks: Vec::new(),
                height: 0.0,
                space_before,
                keep_with_next,
            },
        }
    }

    fn heading(&mut self, level: u16, text: &str, keep: bool) {
        let (size, space) = match level {
            1 => (self.style.title, 0.0),
            2 => (self.style.h2, self.h2_space),
            _ => (self.style.h3, self.style.body * 0.9),
        };
        let role = if level == 1 {
            Role::Title
        } else {
            Role::Heading(level)
        };
        let mut b = self.block(role, space, keep);
        b.text(0.0, size, text, false, 0);
        if level == 2 {
            b.rule_under();
        }
        b.finish();
    }

    fn para(&mut self, text: &str, size: f32, grey: bool, space_before: f32, keep: bool) {
        let mut b = self.block(Role::Para, space_before, keep);
        b.text(0.0, size, text, grey, 0);
        b.finish();
    }
}

struct BlockBuilder<'a> {
    b: &'a mut Builder,
    block: Block,
}

impl BlockBuilder<'_> {
    /// Wrapped text indented by `indent`.
    fn text(&mut self, indent: f32, size: f32, text: &str, grey: bool, para: u8) {
        let x = self.b.left + indent;
        for line in wrap(text, size, self.b.width - indent) {
            let lh = size * self.b.style.leading;
            // Baseline at about four fifths of the line box.
            let y = self.block.height + lh * 0.8;
            self.block.height += lh;
            if !line.is_empty() {
                self.block.marks.push(Mark::Text {
                    x,
                    y,
                    size,
                    text: line,
                    grey,
                    para,
                });
            }
        }
    }

    fn gap(&mut self, h: f32) {
        self.block.height += h;
    }

    fn rules(&mut self, indent: f32, n: usize) {
        self.rules_of(indent, n, self.b.style.rule);
    }
    fn rules_of(&mut self, indent: f32, n: usize, height: f32) {
        for _ in 0..n {
            self.block.height += height;
            self.block.marks.push(Mark::Rule {
                x1: self.b.left + indent,
                x2: self.b.left + self.b.width,
                y: self.block.height,
            });
        }
    }

    fn rule_under(&mut self) {
        self.block.height += 2.0;
        self.block.marks.push(Mark::Rule {
            x1: self.b.left,
            x2: self.b.left + self.b.width,
            y: self.block.height,
        });
        self.block.height += 3.0;
    }

    fn tick_box(&mut self, side: f32, ticked: bool) {
        self.block.marks.push(Mark::TickBox {
            x: self.b.left,
            y: self.block.height + 1.0,
            side,
            ticked,
        });
    }

    fn finish(self) {
        self.b.blocks.push(self.block);
    }
}

/// The content area of a page.
#[derive(Debug, Clone, Copy)]
struct Frame {
    width: f32,
    height: f32,
    margin: f32,
    /// Room kept for the running header and footer.
    header: f32,
    footer: f32,
}

impl Frame {
    fn new(paper: Paper, style: Style) -> Frame {
        let (width, height) = paper.size();
        Frame {
            width,
            height,
            margin: style.margin,
            header: style.small * 2.2,
            footer: style.small * 2.2,
        }
    }
    /// The doctor copy's own margins (narrower than the list's were): its HTML twin, printed
    /// by a browser, must hold the same questions on one page, so these stay as they were
    /// when that was measured.
    fn doctor(paper: Paper, style: Style) -> Frame {
        Frame {
            margin: if style.body > 11.0 { 34.5 } else { 37.5 },
            ..Frame::new(paper, style)
        }
    }
    fn top(&self) -> f32 {
        self.margin + self.header
    }
    fn bottom(&self) -> f32 {
        self.height - self.margin - self.footer
    }
    fn text_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
}

/// A block placed on a page at `y` (its top); `lines` limits the marks when a block taller
/// than a page is cut.
#[derive(Debug, Clone)]
struct Placed {
    block: usize,
    y: f32,
    marks: std::ops::Range<usize>,
}

/// Lays blocks onto pages: a block goes whole onto the next page when it does not fit, and a
/// run of keep-with-next blocks moves along with the block it introduces.
fn paginate(blocks: &[Block], frame: Frame) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = frame.top();
    let room = frame.bottom() - frame.top();
    for (i, b) in blocks.iter().enumerate() {
        let at_top = pages.last().is_some_and(Vec::is_empty);
        let space = if at_top { 0.0 } else { b.space_before };
        // The height of this block and everything that must stay with it.
        let mut chain = space + b.height;
        let mut j = i;
        while blocks[j].keep_with_next && j + 1 < blocks.len() {
            j += 1;
            chain += blocks[j].space_before + blocks[j].height;
        }
        let need = if chain > room {
            space + b.height
        } else {
            chain
        };
        if !at_top && y + need > frame.bottom() {
            pages.push(Vec::new());
            y = frame.top();
        } else {
            y += space;
        }
        if b.height <= room {
            pages.last_mut().expect("a page").push(Placed {
                block: i,
                y,
                marks: 0..b.marks.len(),
            });
            y += b.height;
            continue;
        }
        // Taller than a page (a very long answer): cut between lines.
        let mut start = 0;
        let mut offset = 0.0;
        while start < b.marks.len() {
            let mut end = start;
            while end < b.marks.len() && mark_bottom(&b.marks[end]) - offset <= frame.bottom() - y {
                end += 1;
            }
            if end == start {
                end = start + 1;
            }
            pages.last_mut().expect("a page").push(Placed {
                block: i,
                y: y - offset,
                marks: start..end,
            });
            if end < b.marks.len() {
                offset = mark_top(&b.marks[end]);
                pages.push(Vec::new());
                y = frame.top();
            } else {
                y += b.height - offset;
            }
            start = end;
        }
    }
    pages
}

fn mark_bottom(m: &Mark) -> f32 {
    match m {
        Mark::Text { y, size, .. } => y + size * 0.3,
        Mark::Rule { y, .. } => *y + 1.0,
        Mark::TickBox { y, side, .. } => y + side,
    }
}

fn mark_top(m: &Mark) -> f32 {
    match m {
        Mark::Text { y, size, .. } => y - size,
        Mark::Rule { y, .. } => y - 1.0,
        Mark::TickBox { y, .. } => *y,
    }
}

/// Blocks for the whole list.
fn list_blocks(doc: &Document, frame: Frame, style: Style) -> Vec<Block> {
    let mut b = Builder::new(style, frame, style.body * 1.2);
    let voice = doc.voice();
    b.heading(1, &clean_line(&doc.title()), false);
    // Who and which visit, run together so the first page keeps room for questions (the
    // date is in every page's running footer).
    b.packed(
        &[clean_line(&doc.whose()), clean_line(&doc.for_whom())],
        style.body,
        true,
        2.0,
    );
    for n in &doc.summary.notices {
        b.para(
            &format!("Please note: {}", clean_line(n)),
            style.body,
            false,
            style.body * 0.8,
            false,
        );
    }
    b.heading(2, &clean_line(&voice.results_heading()), true);
    let glance: Vec<String> = doc
        .summary
        .lines
        .iter()
        .map(|l| format!("{}: {}", l.label, clean_line(&l.value)))
        .collect();
    b.packed(&glance, style.body, false, 0.0);
    let (asked, answered, open) = doc.checklist.counts();
    b.heading(2, &clean_line(&doc.questions_heading()), true);
    // A fresh list needs no count (the numbers show it); after a visit it tells what is left.
    if asked + answered > 0 {
        b.para(
            &format!(
                "{} questions: {asked} asked, {answered} answered, {open} open.",
                doc.checklist.items.len()
            ),
            style.small,
            true,
            0.0,
            true,
        );
    }
    let why = voice.why_label();
    let groups = doc.checklist.groups();
    let first_rest = groups
        .iter()
        .position(|g| !g.in_visit)
        .filter(|_| doc.checklist.visit > 0);
    let mut n = 0;
    for (list, g) in groups.iter().enumerate() {
        if Some(list) == first_rest {
            b.heading(2, &clean_line(&doc.rest_heading()), true);
        }
        b.heading(3, &clean_line(g.title), true);
        for item in g.items {
            n += 1;
            let mut tags = priority_label(item).to_uppercase();
            if item.state.starred {
                tags.push_str(" · ★ starred");
            }
            let answer = clean(&item.state.answer);
            let answered_on = item
                .state
                .answered_on
                .map(|d| format!("Answered at the visit of {d}."));
            b.question(
                list as u32,
                if item.state.asked {
                    "Asked."
                } else {
                    "Not asked yet."
                },
                item.state.asked,
                &format!("{n}. {}", clean_line(&item.text)),
                &format!("{tags} · {why}: {}.", clean_line(&item.because())),
                style.small,
                (if doc.large_print { 3 } else { 2 }, style.rule),
                (!answer.trim().is_empty()).then_some(answer.as_str()),
                answered_on.as_deref(),
                style.body * 0.45,
            );
        }
    }
    if let Some(more) = doc.more_line() {
        b.para(&more, style.small, true, style.small * 0.5, false);
    }
    {
        // Heading and lines in one block: they move to the next page together.
        let mut e = b.block(Role::Heading(2), style.body * 1.2, false);
        e.text(0.0, style.h2, "More questions and notes", false, 0);
        e.rule_under();
        e.rules(0.0, 4);
        e.finish();
    }
    if !doc.summary.meaning.is_empty() {
        b.heading(2, &clean_line(&doc.meaning_heading()), true);
        for m in &doc.summary.meaning {
            b.para(&clean_line(m), style.body, false, style.small * 0.4, false);
        }
    }
    if !doc.terms.is_empty() {
        b.heading(2, "Words used in this list", true);
        // The term runs into its definition, so it can never be left alone at a page foot.
        for t in &doc.terms {
            b.para(
                &format!("{}: {}", clean_line(&t.term), clean_line(&t.definition)),
                style.body,
                false,
                style.small * 0.4,
                false,
            );
        }
    }
    footer_blocks(&mut b, doc, style);
    b.blocks
}

fn footer_blocks(b: &mut Builder, doc: &Document, style: Style) {
    let mut e = b.block(Role::Para, style.body * 1.2, false);
    e.rule_under();
    e.text(0.0, style.small, NOT_ADVICE, false, 0);
    e.text(
        0.0,
        style.small,
        // The date and the program's name are in every page's running footer.
        &format!(
            "Sources: {}. Everything stays on this computer.",
            doc.sources_line()
        ),
        true,
        1,
    );
    e.finish();
}

/// The clinician's lines on the doctor copy: 7 mm apart, handwriting size in either print size.
const HANDWRITING: f32 = 20.0;

/// Blocks for the one-page copy for the doctor.
fn doctor_blocks(copy: &DoctorCopy, frame: Frame, style: Style) -> Vec<Block> {
    let mut b = Builder::new(style, frame, style.body * 0.8);
    b.heading(1, &copy.title, false);
    // What the clinician writes on is sized for handwriting, not for reading: normal-print
    // lines and labels even in large print, so large print keeps room for questions.
    let normal = Style::of(false);
    b.para(&copy.who, style.body, false, 2.0, false);
    b.para(
        &format!("Appointment: {}", copy.appointment),
        style.body,
        false,
        0.0,
        false,
    );
    b.heading(2, "Results at a glance", true);
    for l in &copy.glance {
        b.para(l, style.body, false, 0.0, false);
    }
    b.heading(2, &copy.questions_heading(), true);
    for (i, q) in copy.questions.iter().enumerate() {
        b.question(
            0,
            "Discussed: tick when done.",
            false,
            &format!("{}. {q}", i + 1),
            "Clinician's answer or next step:",
            normal.small,
            (doctor::ANSWER_LINES, HANDWRITING),
            None,
            None,
            style.body * 0.6,
        );
    }
    if let Some(note) = copy.left_out_note() {
        b.para(&note, style.small, true, style.small * 0.5, false);
    }
    b.heading(2, "Notes from the care team", true);
    let mut e = b.block(Role::Para, style.body * 0.6, false);
    e.text(0.0, style.small, NOT_ADVICE, true, 0);
    let footer = e.block.clone();
    drop(e);
    // The notes take what is left of the page, and at least a few lines.
    let used: f32 = b
        .blocks
        .iter()
        .map(|x| x.space_before + x.height)
        .sum::<f32>()
        + footer.space_before
        + footer.height;
    let left = frame.bottom() - frame.top() - used;
    let lines = ((left / HANDWRITING).floor().max(0.0) as usize).clamp(doctor::MIN_NOTE_LINES, 12);
    let mut e = b.block(Role::Para, 0.0, false);
    e.rules_of(0.0, lines, HANDWRITING);
    e.finish();
    b.blocks.push(footer);
    b.blocks
}

/// True when the doctor copy's blocks fit one page of `paper` in this print size.
pub(crate) fn doctor_fits(copy: &DoctorCopy, paper: Paper) -> bool {
    let style = Style::of(copy.large_print);
    let frame = Frame::doctor(paper, style);
    paginate(&doctor_blocks(copy, frame, style), frame).len() == 1
}

/// Writes the PDF: the whole list, or the one-page copy for the doctor.
pub fn render(doc: &Document, options: &PdfOptions) -> Result<Vec<u8>, String> {
    let style = Style::of(doc.large_print);
    let frame = if options.doctor {
        Frame::doctor(options.paper, style)
    } else {
        Frame::new(options.paper, style)
    };
    let (blocks, running) = if options.doctor {
        let copy = doctor::copy(doc);
        (
            doctor_blocks(&copy, frame, style),
            format!("For the care team: {}", copy.whose_short()),
        )
    } else {
        (list_blocks(doc, frame, style), clean_line(&doc.title()))
    };
    let pages = paginate(&blocks, frame);
    draw(doc, &blocks, &pages, frame, style, &running)
}

fn grey() -> Fill {
    Fill {
        paint: rgb::Color::new(80, 80, 80).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn black() -> Fill {
    Fill {
        paint: rgb::Color::new(0, 0, 0).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(110, 110, 110).into(),
        width,
        ..Default::default()
    }
}

fn line_path(x1: f32, y1: f32, x2: f32, y2: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y1);
    pb.line_to(x2, y2);
    pb.finish()
}

/// Identifiers of one block's content, gathered while drawing, for the tag tree.
#[derive(Default)]
struct Ids {
    /// Per paragraph number.
    paras: Vec<(u8, Vec<Identifier>)>,
    label: Vec<Identifier>,
}

impl Ids {
    fn push(&mut self, para: u8, id: Identifier) {
        match self.paras.iter_mut().find(|(p, _)| *p == para) {
            Some((_, v)) => v.push(id),
            None => self.paras.push((para, vec![id])),
        }
    }
}

fn draw_text(
    surface: &mut Surface,
    font: &Font,
    x: f32,
    y: f32,
    size: f32,
    text: &str,
    fill: Fill,
) {
    surface.set_fill(Some(fill));
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn draw(
    doc: &Document,
    blocks: &[Block],
    pages: &[Vec<Placed>],
    frame: Frame,
    style: Style,
    running: &str,
) -> Result<Vec<u8>, String> {
    let settings = krilla::SerializeSettings {
        enable_tagging: true,
        ..Default::default()
    };
    let mut pdf = Pdf::new_with(settings);
    let font = Font::new(FONT.into(), 0).ok_or("the embedded font could not be loaded")?;
    let mut ids: Vec<Ids> = (0..blocks.len()).map(|_| Ids::default()).collect();
    let total = pages.len();
    let (w, h) = (frame.width, frame.height);
    for (number, page) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(w, h).ok_or("bad paper size")?;
        let mut p = pdf.start_page_with(settings);
        let mut s = p.surface();
        // Running header and footer: artifacts, so a screen reader does not read them on
        // every page.
        s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::Header,
        )));
        draw_text(
            &mut s,
            &font,
            frame.margin,
            frame.margin + style.small,
            style.small,
            running,
            grey(),
        );
        s.end_tagged();
        s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::Footer,
        )));
        let foot = format!("Page {} of {total}", number + 1);
        let fy = h - frame.margin;
        draw_text(
            &mut s,
            &font,
            w - frame.margin - text_width(&foot, style.small),
            fy,
            style.small,
            &foot,
            grey(),
        );
        draw_text(
            &mut s,
            &font,
            frame.margin,
            fy,
            style.small,
            &format!("her2prep · {}", doc.today),
            grey(),
        );
        s.end_tagged();
        for placed in page {
            let block = &blocks[placed.block];
            for mark in &block.marks[placed.marks.clone()] {
                match mark {
                    Mark::Text {
                        x,
                        y,
                        size,
                        text,
                        grey: g,
                        para,
                    } => {
                        let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                        draw_text(
                            &mut s,
                            &font,
                            *x,
                            placed.y + y,
                            *size,
                            text,
                            if *g { grey() } else { black() },
                        );
                        s.end_tagged();
                        ids[placed.block].push(*para, id);
                    }
                    Mark::Rule { x1, x2, y } => {
                        s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                            ArtifactType::Layout,
                        )));
                        if let Some(path) = line_path(*x1, placed.y + y, *x2, placed.y + y) {
                            s.set_fill(None);
                            s.set_stroke(Some(stroke(0.6)));
                            s.draw_path(&path);
                            s.set_stroke(None);
                        }
                        s.end_tagged();
                    }
                    Mark::TickBox { x, y, side, ticked } => {
                        let top = placed.y + y;
                        let id = s.start_tagged(ContentTag::Other);
                        let mut pb = PathBuilder::new();
                        pb.move_to(*x, top);
                        pb.line_to(x + side, top);
                        pb.line_to(x + side, top + side);
                        pb.line_to(*x, top + side);
                        pb.close();
                        if let Some(path) = pb.finish() {
                            s.set_fill(None);
                            s.set_stroke(Some(Stroke {
                                width: 1.2,
                                ..stroke(1.2)
                            }));
                            s.draw_path(&path);
                            s.set_stroke(None);
                        }
                        s.end_tagged();
                        ids[placed.block].label.push(id);
                        if *ticked {
                            let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                            draw_text(
                                &mut s,
                                &font,
                                x + side * 0.12,
                                top + side * 0.85,
                                side * 0.9,
                                "✓",
                                black(),
                            );
                            s.end_tagged();
                            ids[placed.block].label.push(id);
                        }
                    }
                }
            }
        }
        s.finish();
        p.finish();
    }
    pdf.set_tag_tree(tag_tree(blocks, ids));
    pdf.set_metadata(
        Metadata::new()
            .title(clean_line(&doc.title()))
            .language("en".into())
            .creator("her2prep".into()),
    );
    pdf.finish()
        .map_err(|e| format!("the PDF could not be made: {e:?}"))
}

/// The tag tree: blocks in reading order, list entries gathered into lists.
fn tag_tree(blocks: &[Block], ids: Vec<Ids>) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some("en".into()));
    let mut list: Option<(u32, TagGroup)> = None;
    let group_of = |kind: TagKind, v: Vec<Identifier>| {
        let mut g = TagGroup::new(kind);
        for id in v {
            g.push(id);
        }
        g
    };
    for (block, ids) in blocks.iter().zip(ids) {
        if let Role::Entry { list: n, .. } = block.role {
            if list.as_ref().is_some_and(|(m, _)| *m != n)
                && let Some((_, g)) = list.take()
            {
                tree.push(g);
            }
        } else if let Some((_, g)) = list.take() {
            tree.push(g);
        }
        let all: Vec<Identifier> = ids
            .paras
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .collect();
        match block.role {
            Role::Title => tree.push(group_of(Tag::Title.into(), all)),
            Role::Heading(level) => {
                let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
                tree.push(group_of(Tag::Hn(level, None).into(), all));
            }
            Role::Para => {
                for (_, v) in ids.paras {
                    tree.push(group_of(Tag::P.into(), v));
                }
            }
            Role::Entry { list: n, label } => {
                let mut li = TagGroup::new(Tag::LI);
                let mut paras = ids.paras.into_iter();
                if !ids.label.is_empty() {
                    let lbl = Tag::Lbl.with_alt_text(label.map(str::to_string));
                    li.push(group_of(lbl.into(), ids.label));
                } else if let Some((_, v)) = paras.next() {
                    // A glossary term: the term is the label, the definition the body.
                    li.push(group_of(Tag::Lbl.into(), v));
                }
                let mut body = TagGroup::new(Tag::LBody);
                for (_, v) in paras {
                    body.push(group_of(Tag::P.into(), v));
                }
                li.push(body);
                let (_, g) =
                    list.get_or_insert_with(|| (n, TagGroup::new(Tag::L(ListNumbering::None))));
                g.push(li);
            }
        }
    }
    if let Some((_, g)) = list {
        tree.push(g);
    }
    tree
}
