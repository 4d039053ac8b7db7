//! `posguard.dol`: data object lists (PDOL, CDOL1, CDOL2, DDOL, TDOL).

use posguard::tlv::{Tag, dol};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMapping};

use crate::convert::{Bin, py_err};
use crate::dict::{parse_tag, with_dictionary};

/// The (tag, length) entries of a DOL, tags in uppercase hex.
#[pyfunction]
pub fn dol_parse(dol: Bin<'_>) -> PyResult<Vec<(String, usize)>> {
    let entries = dol::parse(&dol).map_err(py_err)?;
    Ok(entries.into_iter().map(|e| (e.tag.to_string(), e.len)).collect())
}

/// The DOL data for `dol` from `values` (hex tag -> value) by EMV Book 3, 5.4,
/// with the formats of the process dictionary.
#[pyfunction]
pub fn dol_build<'py>(py: Python<'py>, dol: Bin<'_>, values: &Bound<'py, PyMapping>) -> PyResult<Bound<'py, PyBytes>> {
    let items: Vec<_> = values.items()?.iter().collect();
    let mut given: Vec<(Tag, Bin<'_>)> = Vec::with_capacity(items.len());
    for item in &items {
        let (tag, value): (String, Bin<'_>) = item.extract()?;
        given.push((parse_tag(&tag)?, value));
    }
    let value_of = |tag: Tag| given.iter().find(|(t, _)| *t == tag).map(|(_, v)| &**v);
    let data = with_dictionary(|d| dol::build(&dol, value_of, d)).map_err(py_err)?;
    Ok(PyBytes::new(py, &data))
}
