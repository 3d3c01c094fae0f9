//! The interactive terminal app (The Elm Architecture), behind the cargo feature `tui`.
//!
//! - `app`: the state ([`app::App`]), the [`app::Message`]s and `update`, which changes the app
//!   and returns [`app::Effect`]s (save, write an export, quit) — no I/O in it.
//! - `runtime`: carries the effects out and answers with messages (`Saved`, `SaveFailed`...);
//!   the terminal loop and the tests both send messages through `runtime::dispatch`.
//! - `keys`: terminal events to messages; `view` and one module per screen draw (only draw).
//! - `terminal`: the real terminal, the signal thread and the event loop.
//!
//! How to add a screen (or a popup):
//! 1. Add a variant to `app::Screen` (or `app::Popup`, carrying the popup's own state).
//! 2. Write `src/ui/<screen>.rs` with `pub fn draw(app: &App, frame: &mut Frame, body: Rect)`
//!    and add `pub mod <screen>;` below; hook it into `view::view`'s two `match app.screen`s
//!    (title and body).
//! 3. Write `fn update_<screen>(app: &mut App, msg: Message)` in app.rs and call it from
//!    `apply`'s last `match`; anything that touches the disk becomes an `Effect` with an answer
//!    message handled at the top of `apply`.
//! 4. Add its keys to `help::keys` (footer) and `help::screen_only` (help window) and, if it
//!    needs new keys, to `keys::key_message`; add a test through `keys::message` +
//!    `runtime::dispatch` and a snapshot at 80x24 and 120x40 in tests.rs.
//!
//! The compiler lists every `match` that must learn the new variant.

pub mod app;
pub mod checklist;
pub mod export;
pub mod help;
pub mod keys;
pub mod popup;
pub mod results;
pub mod runtime;
pub mod steps;
pub mod terminal;
pub mod view;
pub mod visit;
pub mod walk;
pub mod welcome;

#[cfg(test)]
mod tests;

pub use terminal::run;
