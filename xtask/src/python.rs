//! The Python binding: build the abi3 wheel, install it into a venv under target/, run pytest and stubtest.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Result, Step, require_tool, root, target_dir};

/// The venv holding the pinned test tools and the wheel under test.
/// Fixed so every CI run draws the same hypothesis examples (and a failure reproduces).
const HYPOTHESIS_SEED: &str = "9564";

/// pytest (published vectors, psec/pyemv/cryptography differentials, bad input, the examples) and stubtest,
/// both from target/py-run so that `import posguard` can only find the installed wheel.
pub fn test() -> Result<()> {
    let python = install_wheel()?;
    let run_dir = run_dir()?;
    Step::new("pytest bindings/python/tests (installed wheel, cwd target/py-run)").run(
        Command::new(&python)
            .current_dir(&run_dir)
            .env("PYTHONDONTWRITEBYTECODE", "1") // leave no __pycache__ in the source tree
            .args(["-m", "pytest", "-p", "no:cacheprovider", "--hypothesis-seed", HYPOTHESIS_SEED])
            .arg(root().join("bindings/python/tests")),
    )?;
    let mut stubtest = Command::new(&python);
    stubtest.current_dir(&run_dir).args(["-m", "mypy.stubtest", "posguard"]);
    Step::new("python -m mypy.stubtest posguard").run(&mut stubtest)
}

/// `pg.pin.encrypt` against psec and `pg.tlv.decode` against pyemv, each side by side in one process.
pub fn bench() -> Result<()> {
    let python = install_wheel()?;
    for script in ["benches/python/compare_psec.py", "benches/python/compare_pyemv.py"] {
        Step::new(script).run(Command::new(&python).current_dir(run_dir()?).arg(root().join(script)))?;
    }
    Ok(())
}

/// Creates the venv when missing, installs the pinned requirements, builds the release
/// wheel (release: the psec and pyemv comparisons need it, and tests reuse the same build) and
/// installs it. Returns the venv's interpreter.
fn install_wheel() -> Result<PathBuf> {
    let root = root();
    let venv = target_dir().join("py-venv");
    let python = venv.join(if cfg!(windows) { "Scripts/python.exe" } else { "bin/python" });
    if !python.is_file() {
        require_tool("python3", "Python >= 3.10 with venv, e.g. `apt install python3 python3-venv`")?;
        Step::new(format!("python3 -m venv {}", venv.display()))
            .run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    Step::new("pip install -r bindings/python/requirements-test.txt").run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(root.join("bindings/python/requirements-test.txt")),
    )?;
    let wheels = target_dir().join("wheels");
    for old in posguard_wheels(&wheels)? {
        std::fs::remove_file(old)?;
    }
    Step::new("maturin build --release (abi3 wheel -> target/wheels)").run(
        Command::new(&python)
            .current_dir(&root)
            .args(["-m", "maturin", "build", "--release", "-m", "bindings/python/Cargo.toml", "-o"])
            .arg(&wheels)
            .arg("-i")
            .arg(&python),
    )?;
    let [wheel]: [PathBuf; 1] =
        posguard_wheels(&wheels)?.try_into().map_err(|_| "expected exactly one posguard wheel in target/wheels")?;
    Step::new(format!("pip install {}", wheel.file_name().unwrap_or_default().to_string_lossy())).run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall", "--no-deps"])
            .arg(&wheel),
    )?;
    Ok(python)
}

fn posguard_wheels(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut wheels = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("posguard-") && name.ends_with(".whl") {
            wheels.push(path);
        }
    }
    Ok(wheels)
}

/// A directory outside the source tree to run Python from.
fn run_dir() -> Result<PathBuf> {
    let dir = target_dir().join("py-run");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
