//! `posguard.data`: data encryption and decryption with data keys (TDES, AES, SM4; ECB and CBC).

use posguard::data::{self, DataPadding, Mode};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{Bin, py_err};
use crate::key::PyKey;

/// Parses the mode and padding names.
fn options(mode: &str, padding: &str) -> PyResult<(Mode, DataPadding)> {
    Ok((mode.parse().map_err(py_err)?, padding.parse().map_err(py_err)?))
}

/// Encrypts data with a data key (usage D0); CBC without `iv` uses a zero IV.
#[pyfunction]
#[pyo3(signature = (key, data, *, mode = "cbc", iv = None, padding = "none"))]
pub fn data_encrypt<'py>(
    py: Python<'py>,
    key: PyRef<'_, PyKey>,
    data: Bin<'_>,
    mode: &str,
    iv: Option<Bin<'_>>,
    padding: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    let (mode, padding) = options(mode, padding)?;
    let out = data::encrypt(&key.0, &data, mode, iv.as_deref(), padding).map_err(py_err)?;
    Ok(PyBytes::new(py, &out))
}

/// Decrypts data with a data key (usage D0); `"zeros"` padding is not removed.
#[pyfunction]
#[pyo3(signature = (key, data, *, mode = "cbc", iv = None, padding = "none"))]
pub fn data_decrypt<'py>(
    py: Python<'py>,
    key: PyRef<'_, PyKey>,
    data: Bin<'_>,
    mode: &str,
    iv: Option<Bin<'_>>,
    padding: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    let (mode, padding) = options(mode, padding)?;
    let out = data::decrypt(&key.0, &data, mode, iv.as_deref(), padding).map_err(py_err)?;
    Ok(PyBytes::new(py, &out))
}
