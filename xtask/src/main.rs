//! `cargo xtask <gen|test|ci|bench>`: code generation and the all-language test run.
//!
//! Every step prints what it is doing; a missing system tool gets one line
//! saying what to install.

mod c;
mod kotlin;
mod python;
mod util;

use std::process::ExitCode;

use util::{Result, Step, cargo};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  gen     regenerate ffi-include/posguard.h (cbindgen)
  test    every test in every language: Rust, C (ASan/UBSan + valgrind), Kotlin (JUnit), Python (pytest + stubtest)
  ci      fmt --check, clippy -D warnings, header check, no_std build for thumbv7em-none-eabihf, then test
  bench   criterion benches and the Python side-by-side comparison

options for test:
  --only <rust|c|kotlin|python>   run one language (repeatable)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => c::generate_header(),
        Some("test") => test(&args[1..]),
        Some("ci") => ci(),
        Some("bench") => bench(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

type Suite = (&'static str, fn() -> Result<()>);

const SUITES: [Suite; 4] = [("rust", rust_tests), ("c", c::test), ("kotlin", kotlin::test), ("python", python::test)];

fn test(args: &[String]) -> Result<()> {
    let mut only = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--only" => only.push(it.next().ok_or("--only needs a language")?.clone()),
            other => return Err(format!("unknown option {other}\n{USAGE}").into()),
        }
    }
    let (mut passed, mut failed) = (0, Vec::new());
    for (name, run) in SUITES {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        println!("\n==> {name} tests");
        match run() {
            Ok(()) => passed += 1,
            Err(e) => {
                eprintln!("xtask: {name} tests failed: {e}");
                failed.push(name);
            }
        }
    }
    println!("\nxtask: test suites: {passed} passed, {} failed", failed.len());
    if failed.is_empty() { Ok(()) } else { Err(format!("failing suites: {}", failed.join(", ")).into()) }
}

fn rust_tests() -> Result<()> {
    // The pyo3 crate is a Python extension: it is built and tested by maturin + pytest.
    Step::new("cargo test (workspace)").run(cargo().args(["test", "--workspace", "--exclude", "posguard-python"]))?;
    Step::new("cargo test --doc (core)").run(cargo().args(["test", "-p", "posguard", "--doc"]))
}

fn ci() -> Result<()> {
    Step::new("cargo fmt --check").run(cargo().args(["fmt", "--all", "--check"]))?;
    Step::new("cargo clippy -D warnings").run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    c::check_header()?;
    let target = "thumbv7em-none-eabihf";
    util::ensure_rust_target(target)?;
    Step::new("no_std build of the core for thumbv7em-none-eabihf").run(cargo().args([
        "build",
        "-p",
        "posguard",
        "--no-default-features",
        "--target",
        target,
    ]))?;
    test(&[])
}

fn bench() -> Result<()> {
    Step::new("criterion benches").run(cargo().args(["bench", "-p", "posguard-benches"]))?;
    python::bench()
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_header_is_current() {
        let generated = crate::c::render_header().unwrap();
        let committed = std::fs::read_to_string(crate::util::root().join("ffi-include/posguard.h")).unwrap();
        assert!(generated == committed, "ffi-include/posguard.h is stale: run `cargo xtask gen` and commit it");
    }
}
