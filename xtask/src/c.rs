//! The C binding: header generation (cbindgen, pinned in Cargo.toml) and the C tests.

use crate::util::{Result, root};

/// Renders `ffi-include/posguard.h` from `bindings/c` with `bindings/c/cbindgen.toml`.
pub fn render_header() -> Result<String> {
    let crate_dir = root().join("bindings/c");
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).map_err(|e| format!("cbindgen.toml: {e}"))?;
    let bindings = cbindgen::Builder::new().with_crate(&crate_dir).with_config(config).generate()?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    Ok(String::from_utf8(out)?)
}

/// `cargo xtask gen`: writes the header.
pub fn generate_header() -> Result<()> {
    let path = root().join("ffi-include/posguard.h");
    std::fs::write(&path, render_header()?)?;
    println!("--> wrote {}", path.display());
    Ok(())
}

/// Fails when the committed header differs from the generated one.
pub fn check_header() -> Result<()> {
    println!("--> header check (ffi-include/posguard.h)");
    let committed = std::fs::read_to_string(root().join("ffi-include/posguard.h")).unwrap_or_default();
    if render_header()? == committed {
        Ok(())
    } else {
        Err("ffi-include/posguard.h is stale: run `cargo xtask gen` and commit it".into())
    }
}

/// Builds the C tests with CMake, runs them under ASan/UBSan with ctest, then under valgrind.
pub fn test() -> Result<()> {
    Err("C tests are not wired up yet".into())
}
