//! `cargo xtask <task>`: maintainer tasks (see the README's maintainer section).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("refresh-updates") => xtask::refresh::run(&args[1..], &mut std::io::stdout()),
        Some("-h" | "--help") | None => {
            println!("usage: cargo xtask refresh-updates …\n\n{}", xtask::refresh::USAGE);
            0
        }
        Some(other) => {
            eprintln!("xtask: unknown task {other:?}\n\n{}", xtask::refresh::USAGE);
            2
        }
    };
    ExitCode::from(code as u8)
}
