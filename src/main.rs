//! The `fedilens` command-line tool (built with `--features cli`).

fn main() -> std::process::ExitCode {
    fedilens::cli::main()
}
