//! `posguard.tr31`: TR-31 / ANSI X9.143 / ISO 20038 key blocks (unwrap, wrap, inspect).

use posguard::tr31::{self, OptionalBlock, UnwrapOptions, WrapOptions};
use pyo3::prelude::*;

use crate::convert::py_err;
use crate::key::PyKey;
use crate::rng::with_rng;

/// A key block header read by `inspect` (no KBPK needed). Attributes are the
/// header's codes and the core's names: `version` `"D"`, `usage` `"pin"`,
/// `usage_code` `"P0"`, `algorithm` `"tdes"`, `mode` `"B"`, `exportability` `"N"`.
#[pyclass(frozen, get_all, module = "posguard.tr31", name = "Header")]
pub struct PyHeader {
    /// The version character: `"A"` … `"E"`.
    version: char,
    /// Length of the whole key block in characters.
    length: usize,
    /// The key usage name, e.g. `"pin"`.
    usage: &'static str,
    /// The TR-31 key usage code, e.g. `"P0"`.
    usage_code: &'static str,
    /// The key algorithm name, e.g. `"tdes"`, `"aes"`, `"hmac"`.
    algorithm: &'static str,
    /// The mode of use character, e.g. `"B"`.
    mode: char,
    /// The two-character key version number (`"00"` when unused).
    key_version: String,
    /// The exportability character: `"E"`, `"N"` or `"S"`.
    exportability: char,
    /// The optional blocks in order, `(id, data)`, including `PB`.
    optional_blocks: Vec<(String, String)>,
}

#[pymethods]
impl PyHeader {
    fn __repr__(&self) -> String {
        let ids: Vec<&str> = self.optional_blocks.iter().map(|(id, _)| id.as_str()).collect();
        format!(
            "Header(version='{}', length={}, usage='{}', usage_code='{}', algorithm='{}', mode='{}', \
             key_version='{}', exportability='{}', optional_blocks={:?})",
            self.version,
            self.length,
            self.usage,
            self.usage_code,
            self.algorithm,
            self.mode,
            self.key_version,
            self.exportability,
            ids
        )
    }
}

/// Reads a key block's header without the KBPK (for tooling and logs).
#[pyfunction]
pub fn tr31_inspect(block: &str) -> PyResult<PyHeader> {
    let h = tr31::inspect(block).map_err(py_err)?;
    Ok(PyHeader {
        version: h.version.code(),
        length: h.length,
        usage: h.usage.name(),
        usage_code: h.usage.code(),
        algorithm: h.algorithm.name(),
        mode: h.mode.code(),
        key_version: h.key_version,
        exportability: h.exportability.code(),
        optional_blocks: h.optional_blocks.into_iter().map(|b| (b.id, b.data)).collect(),
    })
}

/// Unwraps a key block with the KBPK (usage K1 or K0); the key gets the header's attributes.
#[pyfunction]
#[pyo3(signature = (kbpk, block, *, strict = true, allow_version_a = false))]
pub fn tr31_unwrap(kbpk: PyRef<'_, PyKey>, block: &str, strict: bool, allow_version_a: bool) -> PyResult<PyKey> {
    let options = UnwrapOptions { strict, allow_version_a };
    tr31::unwrap(&kbpk.0, block, &options).map(PyKey).map_err(py_err)
}

/// Wraps a key under the KBPK into a key block of version B, C, D or E.
#[pyfunction]
#[pyo3(
    signature = (
        kbpk, key, *, version = "D", key_version = "00", exportability = "N", optional_blocks = Vec::new(),
        mask_key_length = true, rng = None
    ),
    text_signature = "(kbpk, key, *, version='D', key_version='00', exportability='N', optional_blocks=(), \
        mask_key_length=True, rng=None)"
)]
#[expect(clippy::too_many_arguments, reason = "mirrors posguard::tr31::WrapOptions")]
pub fn tr31_wrap<'py>(
    py: Python<'py>,
    kbpk: PyRef<'_, PyKey>,
    key: PyRef<'_, PyKey>,
    version: &str,
    key_version: &str,
    exportability: &str,
    optional_blocks: Vec<(String, String)>,
    mask_key_length: bool,
    rng: Option<Bound<'py, PyAny>>,
) -> PyResult<String> {
    let options = (|| {
        Ok(WrapOptions {
            version: version.parse()?,
            key_version: key_version.into(),
            exportability: exportability.parse()?,
            optional_blocks: optional_blocks.into_iter().map(|(id, data)| OptionalBlock { id, data }).collect(),
            mask_key_length,
        })
    })()
    .map_err(py_err)?;
    with_rng(py, rng, |rng| tr31::wrap(&kbpk.0, &key.0, &options, rng))
}
