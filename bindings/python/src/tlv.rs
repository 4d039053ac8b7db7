//! `posguard.tlv`: EMV BER-TLV decode, encode, find and the decoder for people.
//!
//! `decode` checks the whole input with the core's zero-copy iterator, then
//! returns views into it: a `Tlv` holds the input `bytes` and where its value
//! is, slices `.value` on access and decodes `.children` (once, with the same
//! iterator) on first access. Nothing is copied that the caller does not ask
//! for, which is what makes decoding a card record from Python cheap.

use std::fmt::Write;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use posguard::Error;
use posguard::tlv::{self, DescribeOptions, Dictionary, Iter, Node, Options, Tag, TlvErrorReason};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PySequence, PyString, PyTuple};

use crate::convert::{Bin, py_err};
use crate::dict::{parse_tag, with_dictionary};

fn options(strict: bool) -> Options {
    if strict { Options::strict() } else { Options::lenient() }
}

/// One BER-TLV object. Immutable; two objects are equal when their tags and
/// values are (the offset is where one was found, not what it is). Decoding makes
/// many short-lived ones: a free list recycles them without the allocator.
#[pyclass(frozen, freelist = 64, module = "posguard.tlv", name = "Tlv")]
pub struct PyTlv {
    tag: Tag,
    /// The bytes holding the whole object: the input of `decode`, shared by all its
    /// objects, or the encoding of an object built in Python.
    data: Py<PyBytes>,
    /// Where the object (its tag) starts in `data`.
    start: usize,
    /// Where the value is in `data` (for a template: its encoded contents).
    value: Range<usize>,
    /// Offset of the tag in the input of `decode`; `None` for an object built in Python.
    offset: Option<usize>,
    /// Decoded from the value on first access (checked already: by `decode`, or by the encoder).
    children: PyOnceLock<Vec<Py<PyTlv>>>,
}

impl PyTlv {
    /// The object for `tlv`, found at `base` in `data`; `decoded`: it comes from `decode`.
    fn new_at(py: Python<'_>, data: &Py<PyBytes>, base: usize, decoded: bool, tlv: &tlv::Tlv<'_>) -> Self {
        let value = base + tlv.value_offset();
        PyTlv {
            tag: tlv.tag(),
            data: data.clone_ref(py),
            start: base + tlv.offset(),
            value: value..value + tlv.value().len(),
            offset: decoded.then(|| base + tlv.offset()),
            children: PyOnceLock::new(),
        }
    }

    fn value_bytes<'a>(&'a self, py: Python<'_>) -> &'a [u8] {
        &self.data.as_bytes(py)[self.value.clone()]
    }

    fn children_of(&self, py: Python<'_>) -> PyResult<&[Py<PyTlv>]> {
        let decode = || {
            // Read the header again and walk the contents with the core's own iterator
            // (lenient and unbounded: the limits were applied when the object was checked).
            let unbounded = Options { strict: false, max_depth: usize::MAX, max_size: usize::MAX };
            let object = &self.data.as_bytes(py)[self.start..self.value.end];
            match tlv::iter(object, unbounded).next().transpose().map_err(py_err)? {
                Some(tlv) => objects(py, &self.data, self.start, self.offset.is_some(), tlv.children()),
                None => Ok(Vec::new()),
            }
        };
        self.children.get_or_try_init(py, decode).map(Vec::as_slice)
    }

    /// A template is encoded from its value (its contents, as decoded), not rebuilt from its children.
    fn to_node(&self, py: Python<'_>) -> Node {
        Node { tag: self.tag, value: self.value_bytes(py).to_vec(), children: Vec::new() }
    }

    /// `Tlv(5A, 8, 476173******0119)`: tag, length and hex value, sensitive values
    /// masked per the dictionary, a template's children in a list.
    fn write_repr(&self, py: Python<'_>, dictionary: &Dictionary, out: &mut String) -> PyResult<()> {
        let value = self.value_bytes(py);
        let _ = write!(out, "Tlv({}, {}, ", self.tag, value.len());
        if let Some(masked) = tlv::mask(self.tag, value, dictionary) {
            out.push_str(&masked);
        } else if self.tag.is_constructed() {
            out.push('[');
            for (i, child) in self.children_of(py)?.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                child.get().write_repr(py, dictionary, out)?;
            }
            out.push(']');
        } else {
            value.iter().for_each(|b| {
                let _ = write!(out, "{b:02X}");
            });
        }
        out.push(')');
        Ok(())
    }
}

/// The objects `it` yields over `data`, whose iterator input starts at `base` in `data`.
fn objects(py: Python<'_>, data: &Py<PyBytes>, base: usize, decoded: bool, it: Iter<'_>) -> PyResult<Vec<Py<PyTlv>>> {
    it.map(|tlv| Py::new(py, PyTlv::new_at(py, data, base, decoded, &tlv.map_err(py_err)?))).collect()
}

/// Walks every template of `it` down to the depth limit: the errors `decode` must raise up front.
fn check(mut it: Iter<'_>) -> posguard::Result<()> {
    it.try_for_each(|t| check(t?.children()))
}

/// A core node from an item of `encode`: a `Tlv`, or a tuple `(tag, bytes)` (a primitive
/// object, or a template given by its encoded contents) or `(tag, [items])` (a template).
/// `depth` (1 at the top) bounds the recursion into caller lists, which may nest without end.
fn node(item: &Bound<'_, PyAny>, depth: usize) -> PyResult<Node> {
    if depth > Options::DEFAULT_MAX_DEPTH {
        return Err(py_err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::TooDeep }));
    }
    if let Ok(tlv) = item.cast::<PyTlv>() {
        return Ok(tlv.get().to_node(item.py()));
    }
    let item = item.cast::<PyTuple>().ok().filter(|t| t.len() == 2).ok_or_else(|| {
        PyTypeError::new_err("a TLV item is a Tlv, a (tag, bytes) tuple or a (tag, list of items) tuple")
    })?;
    node_of(parse_tag(item.get_item(0)?.extract()?)?, &item.get_item(1)?, depth)
}

fn node_of(tag: Tag, value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Node> {
    if let Ok(value) = value.extract::<Bin<'_>>() {
        return Ok(Node { tag, value: value.to_vec(), children: Vec::new() });
    }
    let items =
        value.cast::<PySequence>().ok().filter(|_| !value.is_instance_of::<PyString>()).ok_or_else(|| {
            PyTypeError::new_err("a TLV value is bytes (encoded contents) or a list of items (template)")
        })?;
    Node::constructed(tag, nodes(items, depth + 1)?).map_err(py_err)
}

/// The nodes of a sequence of items.
fn nodes(items: &Bound<'_, PySequence>, depth: usize) -> PyResult<Vec<Node>> {
    items.try_iter()?.map(|item| node(&item?, depth)).collect()
}

#[pymethods]
impl PyTlv {
    /// `Tlv("9F02", b"...")` for a primitive object; `Tlv("70", [items])` for a template
    /// (or `Tlv("70", contents)`, its encoded contents, checked).
    #[new]
    fn new(py: Python<'_>, tag: &str, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let encoded = tlv::encode(&[node_of(parse_tag(tag)?, value, 1)?]).map_err(py_err)?;
        let data = PyBytes::new(py, &encoded).unbind();
        let walk = || tlv::iter(data.as_bytes(py), Options::lenient());
        check(walk()).map_err(py_err)?; // the encoder checks the contents of a template one level deep
        let tlv = walk().next().unwrap_or(Err(Error::MalformedTlv { offset: 0, reason: TlvErrorReason::Empty }));
        Ok(PyTlv::new_at(py, &data, 0, false, &tlv.map_err(py_err)?))
    }

    /// The tag in uppercase hex, e.g. `"9F02"`.
    #[getter]
    fn tag<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        // Read often: hex digits on the stack, no formatting machinery, no heap string.
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        let mut hex = [0u8; 8];
        for (i, b) in self.tag.bytes().enumerate() {
            hex[2 * i] = DIGITS[usize::from(b >> 4)];
            hex[2 * i + 1] = DIGITS[usize::from(b & 0xF)];
        }
        PyString::new(py, std::str::from_utf8(&hex[..2 * self.tag.len()]).unwrap_or_default())
    }

    /// The value; for a template, its encoded contents.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.value_bytes(py))
    }

    /// The objects inside a template, in order (a new list each time); empty for a primitive object.
    #[getter]
    fn children<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.children_of(py)?.iter().map(|c| c.clone_ref(py)))
    }

    /// True for a template (constructed tag).
    #[getter]
    fn constructed(&self) -> bool {
        self.tag.is_constructed()
    }

    /// Offset of the tag in the input of `decode`; `None` for an object built in Python.
    #[getter]
    fn offset(&self) -> Option<usize> {
        self.offset
    }

    fn __eq__(&self, py: Python<'_>, other: &Self) -> bool {
        self.tag == other.tag && self.value_bytes(py) == other.value_bytes(py)
    }

    fn __hash__(&self, py: Python<'_>) -> u64 {
        let mut hasher = DefaultHasher::new();
        (self.tag, self.value_bytes(py)).hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // A copy, not the lock: rendering may decode children, and so run Python (the GC).
        let dictionary = with_dictionary(Dictionary::clone);
        let mut out = String::new();
        self.write_repr(py, &dictionary, &mut out)?;
        Ok(out)
    }
}

/// Decodes every object of `data`, templates with their children; order and duplicates kept.
#[pyfunction]
#[pyo3(signature = (data, *, strict = false))]
pub fn tlv_decode<'py>(py: Python<'py>, data: &Bound<'py, PyAny>, strict: bool) -> PyResult<Bound<'py, PyList>> {
    let data = match data.cast::<PyBytes>() {
        Ok(bytes) => bytes.clone().unbind(),
        Err(_) => PyBytes::new(py, &data.extract::<Bin<'_>>()?).unbind(),
    };
    // One pass: each top-level object is checked down to the depth limit before it is kept,
    // straight into the list (most inputs hold one or two top-level objects).
    let list = PyList::empty(py);
    for tlv in tlv::iter(data.as_bytes(py), options(strict)) {
        let tlv = tlv.and_then(|t| check(t.children()).map(|()| t)).map_err(py_err)?;
        list.append(PyTlv::new_at(py, &data, 0, true, &tlv))?;
    }
    Ok(list)
}

/// Encodes a sequence of items (`Tlv` objects or `(tag, bytes | list)` tuples) with minimal lengths.
#[pyfunction]
pub fn tlv_encode<'py>(py: Python<'py>, items: &Bound<'py, PySequence>) -> PyResult<Bound<'py, PyBytes>> {
    Ok(PyBytes::new(py, &tlv::encode(&nodes(items, 1)?).map_err(py_err)?))
}

/// The value of the first object with `tag`, depth-first, or `None`.
#[pyfunction]
#[pyo3(signature = (data, tag, *, strict = false))]
pub fn tlv_find<'py>(py: Python<'py>, data: Bin<'_>, tag: &str, strict: bool) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let found = tlv::find(&data, parse_tag(tag)?, options(strict)).map_err(py_err)?;
    Ok(found.map(|t| PyBytes::new(py, t.value())))
}

/// The indented tree of names and decoded values; cardholder data masked unless `show_sensitive`.
#[pyfunction]
#[pyo3(signature = (data, *, show_sensitive = false, strict = false))]
pub fn tlv_describe(data: Bin<'_>, show_sensitive: bool, strict: bool) -> PyResult<String> {
    with_dictionary(|d| tlv::describe(&data, d, DescribeOptions { show_sensitive, strict })).map_err(py_err)
}
