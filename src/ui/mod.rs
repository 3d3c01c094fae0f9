//! The interactive terminal app (The Elm Architecture), behind the cargo feature `tui`.
//!
//! - `app`: what every screen shares ([`app::App`]: the person's data, paths, status, size,
//!   save status), [`app::Screen`] (each variant carries its screen's state), the
//!   [`app::Message`]s and `update`, which returns [`app::Effect`]s (save, write an export,
//!   quit) — no I/O in it.
//! - one module per screen, each with its state, its `update` (taking the state, giving back
//!   the screen to show) and its `draw`: `welcome`, `walk`, `results`, `checklist` (and visit
//!   mode), `visit` (past visits), `export`, `report` ("Paste from my report"); `popup` for
//!   the windows drawn over a screen.
//! - `field`: draws a text field of several lines (wrapped at spaces, measured as drawn).
//! - `keys`: the one key table (context, keys, message, label): dispatch, the footer and the
//!   help window (`help`) all come from it.
//! - `runtime`: carries the effects out and answers with messages (`Saved`, `SaveFailed`...);
//!   `terminal`: the real terminal, the signal thread and the event loop.
//!
//! How to add a screen (or a popup):
//! 1. Write `src/ui/<screen>.rs` with its state, `pub fn update(app: &mut App, s: State, msg:
//!    Message) -> Screen` and `pub fn draw(app: &App, s: &State, frame: &mut Frame, body:
//!    Rect)`; add `pub mod <screen>;` below and a variant carrying the state to `app::Screen`.
//! 2. Follow the compiler through every `match` on `Screen` (title, body, update, typing).
//! 3. Add its context to `keys::Ctx` and its rows to `keys::TABLE` (and to `keys::contexts`);
//!    the footer and help follow. Anything that touches the disk becomes an `Effect`.
//! 4. Test it through `keys::message` + `runtime::dispatch`, with snapshots at 80x24 and 120x40.

pub mod app;
pub mod checklist;
pub mod export;
pub mod field;
pub mod help;
pub mod keys;
pub mod plain;
pub mod popup;
pub mod report;
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
#[cfg(test)]
mod tests_report;

pub use terminal::run;
