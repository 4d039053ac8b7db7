//! An owned tree in two allocations: one copy of the input and one flat list
//! of its objects in depth-first order.
//!
//! It is read by the same iterator as [`iter`], so it accepts and rejects
//! exactly what [`parse`](super::parse) does, at the same offsets, but costs
//! no allocation per object and copies no template contents.

use alloc::vec::Vec;
use core::fmt;
use core::iter::FusedIterator;

use super::parse::{Iter, Node, iter};
use super::{Options, Tag};
use crate::error::Result;

/// One object of a [`Tree`], in its flat list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Entry {
    value_start: usize,
    value_end: usize,
    /// Index past this object's subtree: its next sibling, if it has one.
    /// While the builder reads a template's contents, the index of the
    /// template around it instead ([`OUTSIDE`] at the top level).
    end: usize,
    tag: Tag,
    /// Tag and length bytes.
    header: u8,
    constructed: bool,
}

/// No template: the top level.
const OUTSIDE: usize = usize::MAX;

/// Parsed BER-TLV that owns a copy of its input: every object at every depth
/// in one flat list, depth-first (a template, then its contents, then its next
/// sibling), each holding its tag and where its value lies in the bytes.
/// Parsing allocates twice, whatever the number of objects; [`NodeRef`]s
/// borrow from the tree as [`Tlv`](super::Tlv)s borrow from the input.
///
/// ```
/// use posguard::tlv::{Options, Tag, Tree};
///
/// // 70 { 5A (PAN), 5F24 (expiry) }
/// let data = [0x70, 0x08, 0x5A, 0x02, 0x47, 0x61, 0x5F, 0x24, 0x01, 0x25];
/// let tree = Tree::parse(&data, Options::strict())?;
/// let record = tree.roots().next().expect("one root");
/// let tags: Vec<String> = record.children().map(|c| c.tag().to_string()).collect();
/// assert_eq!(tags, ["5A", "5F24"]);
/// assert_eq!(tree.find(Tag::new(0x5F24)?).map(|n| n.value()), Some(&[0x25][..]));
/// # Ok::<(), posguard::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Tree {
    data: Vec<u8>,
    entries: Vec<Entry>,
}

impl Tree {
    /// Parses `data` and keeps a copy of it; validates every template down
    /// to the depth limit, failing where [`parse`](super::parse) fails.
    pub fn parse(data: &[u8], options: Options) -> Result<Tree> {
        let entries = read(data, options)?;
        Ok(Tree { data: data.to_vec(), entries })
    }

    /// The top-level objects, in order.
    pub fn roots(&self) -> Children<'_> {
        Children { tree: self, next: 0, end: self.entries.len() }
    }

    /// Every object at every depth, depth-first: a template, then its
    /// contents, then its next sibling.
    pub fn nodes(&self) -> impl DoubleEndedIterator<Item = NodeRef<'_>> + ExactSizeIterator + Clone {
        (0..self.entries.len()).map(|index| NodeRef { tree: self, index })
    }

    /// The first object with `tag`, in the order of [`find`](super::find).
    pub fn find(&self, tag: Tag) -> Option<NodeRef<'_>> {
        self.nodes().find(|node| node.tag() == tag)
    }

    /// Number of objects at all depths.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Always false: input without a single object does not parse.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The input the tree was parsed from; offsets point into it.
    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }

    /// The tree as owned [`Node`]s (e.g. to edit it and encode it again).
    pub fn to_nodes(&self) -> Vec<Node> {
        // From the last object back: each template finds its children built
        // already, on top of the stack (first child on top), and takes them in
        // a Vec of their exact size. No recursion however deep the input nests.
        let mut built: Vec<Node> = Vec::new();
        for node in self.nodes().rev() {
            let children = if node.is_constructed() {
                let mut children = built.split_off(built.len() - node.children().count());
                children.reverse();
                children
            } else {
                Vec::new()
            };
            built.push(Node { tag: node.tag(), value: node.value().to_vec(), children });
        }
        built.reverse();
        built
    }
}

impl fmt::Debug for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.roots()).finish()
    }
}

/// Reads every object of `data` with nested [`Iter`]s, as a recursive walk
/// would, but iteratively: the templates being read are linked through their
/// `end`, so any nesting the options allow costs no stack.
fn read(data: &[u8], options: Options) -> Result<Vec<Entry>> {
    // Card data averages about 8 bytes an object: room for 1 in 6 bytes
    // means one allocation, mostly.
    let mut entries = Vec::with_capacity(data.len() / 6 + 1);
    let mut level = iter(data, options);
    let mut depth = 1;
    let mut open = OUTSIDE;
    loop {
        match level.next() {
            Some(Ok(object)) => {
                let index = entries.len();
                let value_start = object.value_offset();
                let mut end = index + 1;
                if object.is_constructed() {
                    (end, open) = (open, index);
                    depth += 1;
                    level = object.children();
                }
                entries.push(Entry {
                    value_start,
                    value_end: value_start + object.value().len(),
                    end,
                    tag: object.tag(),
                    header: object.header_len(),
                    constructed: object.is_constructed(),
                });
            }
            Some(Err(e)) => return Err(e),
            None if open == OUTSIDE => return Ok(entries),
            None => {
                // The template's contents are done: close it and go on after it.
                let after = entries.len();
                let template = &mut entries[open];
                open = core::mem::replace(&mut template.end, after);
                let position = template.value_end;
                depth -= 1;
                let (start, end) = entries.get(open).map_or((0, data.len()), |e| (e.value_start, e.value_end));
                level = Iter::resume(&data[start..end], start, depth, position - start, options);
            }
        }
    }
}

/// One object of a [`Tree`].
#[derive(Clone, Copy)]
pub struct NodeRef<'t> {
    tree: &'t Tree,
    index: usize,
}

impl<'t> NodeRef<'t> {
    fn entry(&self) -> &'t Entry {
        &self.tree.entries[self.index]
    }

    /// The tag.
    pub fn tag(&self) -> Tag {
        self.entry().tag
    }

    /// The value (for a template: its encoded contents).
    pub fn value(&self) -> &'t [u8] {
        let e = self.entry();
        &self.tree.data[e.value_start..e.value_end]
    }

    /// Offset of the tag's first byte in the input.
    pub fn offset(&self) -> usize {
        let e = self.entry();
        e.value_start - usize::from(e.header)
    }

    /// Offset of the value's first byte in the input.
    pub fn value_offset(&self) -> usize {
        self.entry().value_start
    }

    /// True for a template (constructed tag).
    pub fn is_constructed(&self) -> bool {
        self.entry().constructed
    }

    /// The objects inside a template, in order; empty for a primitive object.
    pub fn children(&self) -> Children<'t> {
        Children { tree: self.tree, next: self.index + 1, end: self.entry().end }
    }
}

impl fmt::Debug for NodeRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("NodeRef");
        s.field("tag", &self.tag()).field("offset", &self.offset());
        if self.is_constructed() {
            s.field("children", &self.children());
        } else {
            s.field("value", &self.value());
        }
        s.finish()
    }
}

/// The objects of one level of a [`Tree`], in order: its roots or a
/// template's contents.
#[derive(Clone)]
pub struct Children<'t> {
    tree: &'t Tree,
    next: usize,
    end: usize,
}

impl<'t> Iterator for Children<'t> {
    type Item = NodeRef<'t>;

    fn next(&mut self) -> Option<NodeRef<'t>> {
        let index = self.next;
        let entry = self.tree.entries.get(index).filter(|_| index < self.end)?;
        self.next = entry.end;
        Some(NodeRef { tree: self.tree, index })
    }
}

impl FusedIterator for Children<'_> {}

impl fmt::Debug for Children<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
