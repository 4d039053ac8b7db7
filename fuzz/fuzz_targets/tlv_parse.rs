//! The BER-TLV parser must be total and stay inside its input: any bytes, in
//! lenient and strict mode, give objects or an error, never a panic. Every
//! value the zero-copy walk yields is the slice of the input at the offset it
//! reports; the owned trees (`parse`, `Tree::parse`) fail exactly where the
//! walk does and hold its objects; `find` returns the first pre-order match;
//! and a tree that parses survives encoding.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posguard::Error;
use posguard::tlv::{self, Iter, Node, Options, Tag, Tree};

/// Walks every object at every depth, checking that each value lies in
/// `input` where the object says; returns (tag, offset) in pre-order.
fn walk(input: &[u8], objects: Iter<'_>, seen: &mut Vec<(Tag, usize)>) -> Result<(), Error> {
    for object in objects {
        let object = object?;
        let (value, start) = (object.value(), object.value_offset());
        assert!(object.offset() < start, "the header comes before the value");
        assert!(std::ptr::eq(value, &input[start..start + value.len()]), "the value is the input at value_offset");
        seen.push((object.tag(), object.offset()));
        walk(input, object.children(), seen)?;
    }
    Ok(())
}

/// The tree without the raw contents of templates, which keep the filler
/// bytes and non-minimal lengths lenient parsing accepted.
fn shape(nodes: &[Node]) -> Vec<(Tag, Option<&[u8]>, usize)> {
    let mut out = Vec::new();
    for node in nodes {
        out.push((node.tag, (!node.is_constructed()).then_some(node.value.as_slice()), node.children.len()));
        out.extend(shape(&node.children));
    }
    out
}

fuzz_target!(|input: &[u8]| {
    for options in [Options::lenient(), Options::strict()] {
        let mut seen = Vec::new();
        let walked = walk(input, tlv::iter(input, options), &mut seen);
        let parsed = tlv::parse(input, options);
        assert_eq!(walked.as_ref().err(), parsed.as_ref().err(), "parse fails exactly where the walk does");
        let arena = Tree::parse(input, options);
        assert_eq!(walked.as_ref().err(), arena.as_ref().err(), "Tree::parse fails exactly where the walk does");
        let (Ok(tree), Ok(arena)) = (parsed, arena) else { continue };
        let objects: Vec<(Tag, usize)> = arena.nodes().map(|n| (n.tag(), n.offset())).collect();
        assert_eq!(objects, seen, "the Tree holds the walk's objects in pre-order");
        assert_eq!(arena.to_nodes(), tree, "the Tree converts to the Nodes parse builds");

        for &(tag, offset) in [seen.first(), seen.last()].into_iter().flatten() {
            let first = seen.iter().find(|(t, _)| *t == tag).map(|&(_, o)| o);
            let found = tlv::find(input, tag, options).expect("find on data that walks");
            assert_eq!(found.map(|t| t.offset()), first, "find: the first pre-order match of {tag} (seen at {offset})");
            assert_eq!(arena.find(tag).map(|n| n.offset()), first, "Tree::find: the first pre-order match of {tag}");
        }

        let encoded = tlv::encode(&tree).expect("a parsed tree encodes");
        let again = tlv::parse(&encoded, options).expect("an encoded tree parses");
        assert_eq!(shape(&again), shape(&tree), "parse(encode(tree)) has the tree's tags, values and shape");
        assert_eq!(tlv::encode(&again).expect("encodes"), encoded, "the encoding is canonical");
    }
});
