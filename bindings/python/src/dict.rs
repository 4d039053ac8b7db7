//! `posguard.tlv.tag_info` / `register_tag`: the tag dictionary of the process.
//!
//! The core keeps no global state, so the binding owns the one
//! [`Dictionary`] that Python sees (built-in EMV tags plus the tags the
//! caller registers), behind a lock.

use std::sync::{LazyLock, PoisonError, RwLock};

use posguard::tlv::{Dictionary, Format, Source, Tag, TagInfo};
use pyo3::prelude::*;

use crate::convert::py_err;

static DICTIONARY: LazyLock<RwLock<Dictionary>> = LazyLock::new(|| RwLock::new(Dictionary::new()));

/// Runs `f` with the dictionary under the read lock (`f` is pure Rust: it never waits for Python).
pub fn with_dictionary<T>(f: impl FnOnce(&Dictionary) -> T) -> T {
    f(&DICTIONARY.read().unwrap_or_else(PoisonError::into_inner))
}

/// What the dictionary knows about a tag (a snapshot: registering the tag again does not change it).
#[pyclass(frozen, eq, get_all, module = "posguard.tlv", name = "TagInfo")]
#[derive(PartialEq, Eq)]
pub struct PyTagInfo {
    /// The tag in uppercase hex.
    tag: String,
    name: String,
    /// `n`, `cn`, `a`, `an`, `ans`, `b` or `template`.
    format: &'static str,
    /// `icc`, `terminal`, `issuer` or `other`.
    source: &'static str,
    min_length: usize,
    max_length: usize,
    /// Cardholder data (PAN, track data, name…), masked by `describe` and `repr`.
    sensitive: bool,
}

impl From<&TagInfo> for PyTagInfo {
    fn from(info: &TagInfo) -> Self {
        PyTagInfo {
            tag: info.tag.to_string(),
            name: info.name.to_string(),
            format: info.format.name(),
            source: info.source.name(),
            min_length: info.min_len,
            max_length: info.max_len,
            sensitive: info.sensitive,
        }
    }
}

#[pymethods]
impl PyTagInfo {
    fn __repr__(&self) -> String {
        let PyTagInfo { tag, name, format, source, min_length, max_length, sensitive } = self;
        format!(
            "TagInfo(tag={tag:?}, name={name:?}, format={format:?}, source={source:?}, min_length={min_length}, \
             max_length={max_length}, sensitive={})",
            if *sensitive { "True" } else { "False" }
        )
    }
}

/// A tag given as hex text, e.g. `"9F02"`.
pub fn parse_tag(tag: &str) -> PyResult<Tag> {
    tag.parse().map_err(py_err)
}

/// What the dictionary knows about `tag`, or `None`.
#[pyfunction]
pub fn tlv_tag_info(tag: &str) -> PyResult<Option<PyTagInfo>> {
    let tag = parse_tag(tag)?;
    Ok(with_dictionary(|d| d.get(tag).map(PyTagInfo::from)))
}

/// Registers (or replaces) a tag for every later call in this process: `tag_info`,
/// `describe` and `repr` (names, masking) and `dol.build` (padding by format).
#[pyfunction]
#[pyo3(signature = (tag, name, format, source = "other", min_length = 0, max_length = 252, sensitive = false))]
pub fn tlv_register_tag(
    tag: &str,
    name: String,
    format: &str,
    source: &str,
    min_length: usize,
    max_length: usize,
    sensitive: bool,
) -> PyResult<()> {
    let tag = parse_tag(tag)?;
    let format: Format = format.parse().map_err(py_err)?;
    let source: Source = source.parse().map_err(py_err)?;
    let info = TagInfo { tag, name: name.into(), format, source, min_len: min_length, max_len: max_length, sensitive };
    DICTIONARY.write().unwrap_or_else(PoisonError::into_inner).register(info).map_err(py_err)
}
