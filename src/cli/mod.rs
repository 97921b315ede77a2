//! The `fedilens` command line: `detect` (no network) and `lookup`, on the same core as the
//! extension.

pub mod home;
pub mod html;
pub mod net;
mod render;

use crate::core::identity::detect::{detect, detect_url};
use crate::core::lookup::{lookup, Target};
use crate::core::net::egress::Limits;
use crate::core::protocol::handle::Handle;
use crate::core::words::{self, Catalogue};
use clap::{Parser, Subcommand};
use net::{NativeFetch, ResolveRule};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const EXIT_HELP: &str = "Exit status: 0 when a result was determined (whatever the federation status), \
1 when a home instance's API refused or failed (`home`: its words, as JSON), \
2 for bad usage or bad input (an unparseable handle or URL, an unreadable file).";

#[derive(Parser, Debug)]
#[command(name = "fedilens", version, about = "See whether a fediverse account federates, and follow it from home.", after_help = EXIT_HELP)]
struct Cli {
    /// The language of the words: `en` (default) or `ja`, from the extension's catalogue.
    #[arg(long, global = true, default_value = "en", value_parser = ["en", "ja"])]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Say what a page is about (profile, post, creator, none) as JSON. Never touches the network.
    Detect {
        /// The page's URL.
        #[arg(long)]
        url: String,
        /// Read the page's signals from this HTML file; without it, from the URL alone.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Connect your home account and follow through its own API (Mastodon's or Misskey's). Prints JSON.
    #[command(subcommand)]
    Home(home::HomeCommand),
    /// Resolve a handle or URL through WebFinger, ActivityPub and NodeInfo, and say whether it federates.
    Lookup {
        /// `@user@host`, `user@host`, `acct:user@host`, or a profile or post URL.
        target: String,
        /// Your own account, to build the "follow from home" link and check your instance's blocks.
        #[arg(long, value_name = "HANDLE")]
        home: Option<String>,
        /// Print the full result, with the raw documents, as JSON.
        #[arg(long)]
        json: bool,
        /// Connect HOST:PORT to ADDR instead of resolving it (like curl; repeatable).
        #[arg(long, value_name = "HOST:PORT:ADDR")]
        resolve: Vec<ResolveRule>,
        /// Trust the CA certificate(s) in this PEM file as well (like curl).
        #[arg(long, value_name = "FILE")]
        cacert: Option<PathBuf>,
        /// Seconds to wait for each request.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// Print how long the resolution took (milliseconds) on standard error.
        #[arg(long)]
        time: bool,
    },
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("fedilens: {message}");
    ExitCode::from(2)
}

/// Runs the CLI; the binary's `main` is only this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.lang == "ja" {
        if let Some(japanese) = Catalogue::parse(words::JAPANESE) {
            words::set_current(japanese);
        }
    }
    match cli.command {
        Command::Detect { url, html } => {
            let detection = match html {
                None => detect_url(&url),
                Some(path) => {
                    let text = match std::fs::read(&path) {
                        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                        Err(e) => return usage_error(&format!("cannot read {}: {e}", path.display())),
                    };
                    match html::signals_from_html(&url, &text) {
                        Ok(signals) => detect(&signals),
                        Err(e) => return usage_error(&format!("{}: {e}", path.display())),
                    }
                }
            };
            print_json(&detection)
        }
        Command::Home(command) => match home::run(command) {
            Ok(value) => print_json(&value),
            Err(home::Failure::Usage(message)) => usage_error(&message),
            Err(home::Failure::Api(error, words)) => {
                // A state the home said, in words, as JSON; the exit status says it failed.
                let reconnect = error.needs_reconnect();
                let _ = print_json(&serde_json::json!({ "error": words, "reconnect": reconnect }));
                ExitCode::from(1)
            }
        },
        Command::Lookup { target, home, json, resolve, cacert, timeout, time } => {
            let target = match Target::parse(&target) {
                Ok(t) => t,
                Err(e) => return usage_error(&e.to_string()),
            };
            let home = match home.as_deref().map(Handle::parse).transpose() {
                Ok(h) => h,
                Err(e) => return usage_error(&format!("--home: {e}")),
            };
            let pem = match cacert.as_ref().map(std::fs::read).transpose() {
                Ok(p) => p,
                Err(e) => return usage_error(&format!("--cacert: {e}")),
            };
            let timeout = Duration::from_secs(timeout.max(1));
            let fetch = match NativeFetch::new(&resolve, pem.as_deref(), timeout) {
                Ok(f) => f,
                Err(e) => return usage_error(&e),
            };
            let limits = Limits { timeout_ms: timeout.as_millis() as u64, ..Limits::default() };
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(r) => r,
                Err(e) => return usage_error(&format!("cannot start the runtime: {e}")),
            };
            let started = std::time::Instant::now();
            let report = runtime.block_on(lookup(&fetch, &target, home.as_ref(), limits));
            if time {
                eprintln!("resolved in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
            }
            if json {
                print_json(&report)
            } else {
                print!("{}", render::human(&report));
                ExitCode::SUCCESS
            }
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match json_text(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&format!("cannot print the result: {e}")),
    }
}

/// Indented for people, unless indentation would make it more than twice its compact size (at
/// least 64 KiB): a deeply nested document would come out its depth times larger, so then it is
/// printed compact.
pub fn json_text<T: serde::Serialize>(value: &T) -> serde_json::Result<String> {
    let compact = serde_json::to_string(value)?;
    let mut limited = Limited { out: Vec::new(), budget: (2 * compact.len()).max(64 * 1024) };
    if serde_json::to_writer_pretty(&mut limited, value).is_err() {
        return Ok(compact);
    }
    Ok(String::from_utf8(limited.out).unwrap_or(compact))
}

/// A writer that refuses to grow past its budget.
struct Limited {
    out: Vec<u8>,
    budget: usize,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + buf.len() > self.budget {
            return Err(std::io::Error::other("over the budget"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::json_text;

    #[test]
    fn json_output_is_indented_unless_that_would_multiply_it() {
        let small = serde_json::json!({"a": [1, {"b": null}]});
        assert_eq!(json_text(&small).unwrap(), serde_json::to_string_pretty(&small).unwrap());
        let deep: serde_json::Value = serde_json::from_str(&format!(
            "[{}]",
            vec![format!("{}{}", "[".repeat(120), "]".repeat(120)); 4000].join(",")
        ))
        .unwrap();
        let text = json_text(&deep).unwrap();
        let compact = serde_json::to_string(&deep).unwrap();
        assert!(text.len() <= 2 * compact.len(), "{} bytes for {} compact", text.len(), compact.len());
    }
}
