//! The interactive terminal app (The Elm Architecture): `app` holds the state, the messages
//! and `update`; `keys` turns terminal events into messages; `view` and one module per screen
//! draw; `terminal` owns the real terminal and the event loop.

pub mod app;
pub mod checklist;
pub mod export;
pub mod help;
pub mod keys;
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
