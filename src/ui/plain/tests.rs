//! The plain mode's translation of typed lines into the full-screen keys' messages, and its
//! conversation, in process.
