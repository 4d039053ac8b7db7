//! Running commands, with a line before each step and a clear message when a tool is missing.

use std::path::PathBuf;
use std::process::Command;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// `cargo` as invoked us (respects rustup's toolchain choice), run from the root.
pub fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// A named step: prints `--> name`, runs, and fails with the name on a non-zero exit.
pub struct Step(String);

impl Step {
    pub fn new(name: impl Into<String>) -> Self {
        Step(name.into())
    }

    pub fn run(&self, cmd: &mut Command) -> Result<()> {
        println!("--> {}", self.0);
        let program = cmd.get_program().to_string_lossy().into_owned();
        let status = cmd.status().map_err(|e| format!("{}: cannot run `{program}`: {e}", self.0))?;
        if status.success() { Ok(()) } else { Err(format!("{} failed ({status})", self.0).into()) }
    }
}

/// Fails with one line naming the package to install when `tool` is not on PATH.
pub fn require_tool(tool: &str, install_hint: &str) -> Result<()> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join(tool).is_file()))
        .unwrap_or(false);
    if found { Ok(()) } else { Err(format!("`{tool}` not found: install it ({install_hint})").into()) }
}

/// Adds a rustup target when it is missing.
pub fn ensure_rust_target(target: &str) -> Result<()> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match out {
        Ok(o) if String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == target) => Ok(()),
        Ok(_) => {
            Step::new(format!("rustup target add {target}")).run(Command::new("rustup").args(["target", "add", target]))
        }
        Err(_) => Err(format!("`rustup` not found: the {target} build needs rustup (https://rustup.rs)").into()),
    }
}
