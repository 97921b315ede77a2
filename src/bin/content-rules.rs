//! Prints the content script's cheap page check (from the core's tables) as JSON, for the
//! extension build: it needs the core alone, none of the command-line tool's dependencies.
fn main() {
    println!("{}", fedilens::core::identity::signals::content_rules().to_json());
}
