//! The Kotlin binding: generate the bindings from the cdylib under test, then `mvn test`.

use crate::util::Result;

pub fn test() -> Result<()> {
    Err("Kotlin tests are not wired up yet".into())
}
