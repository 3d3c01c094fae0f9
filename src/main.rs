//! The `her2prep` program: the interactive app, or a headless command.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
