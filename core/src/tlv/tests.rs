use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use proptest::prelude::*;

use super::*;
use crate::Error;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s.replace(' ', "")).unwrap()
}

fn tag(s: &str) -> Tag {
    s.parse().unwrap()
}

fn reason(r: Result<impl core::fmt::Debug, Error>) -> (usize, TlvErrorReason) {
    match r {
        Err(Error::MalformedTlv { offset, reason }) => (offset, reason),
        other => panic!("expected MalformedTlv, got {other:?}"),
    }
}

#[test]
fn tags_parse_and_print() {
    assert_eq!(tag("9F02").value(), 0x9F02);
    assert_eq!(tag("5a").to_string(), "5A");
    assert_eq!(tag("DF8101").len(), 3);
    assert_eq!(tag("BF8F8F01").len(), 4);
    assert!(tag("70").is_constructed() && !tag("9F02").is_constructed());
    assert_eq!(tag("5F20").class(), Class::Application);
    for bad in ["", "9F", "9F8002", "5A00", "00", "G1", "9F0", "BF8F8F8F01", "9F80", "1F"] {
        assert!(bad.parse::<Tag>().is_err(), "{bad}");
    }
    assert!(Tag::new(0x9F02).is_ok() && Tag::new(0x9F82).is_err() && Tag::new(0).is_err());
}

#[test]
fn iterates_without_copying_and_keeps_order_and_duplicates() {
    let data = h("9F02 06 000000001000 5A 08 4761739001010010 9F02 06 000000002000");
    let items: Vec<_> = iter(&data, Options::strict()).collect::<Result<_, _>>().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].tag(), tag("9F02"));
    assert_eq!(items[2].value(), &h("000000002000")[..]);
    assert_eq!(items[1].offset(), 9);
    assert_eq!(items[1].value_offset(), 11);
    assert!(core::ptr::eq(items[1].value().as_ptr(), data[11..].as_ptr()));
}

#[test]
fn nested_templates_and_filler() {
    // FCI: 6F { 84 DF name, A5 { 50 label, 87 priority } } with 00 and FF padding.
    let data = h("00 6F 1B 84 07 A0000000031010 A5 10 50 0B 5649534120435245444954 87 01 01 00 FF");
    let tree = parse(&data, Options::lenient()).unwrap();
    assert_eq!(tree.len(), 1);
    let fci = &tree[0];
    assert_eq!(fci.children.len(), 2);
    assert_eq!(fci.children[1].children[0].value, b"VISA CREDIT");
    assert_eq!(find(&data, tag("87"), Options::lenient()).unwrap().unwrap().value(), &[1]);
    assert!(find(&data, tag("9F38"), Options::lenient()).unwrap().is_none());
    // Strict mode rejects the trailing filler after the last object.
    assert_eq!(reason(parse(&data, Options::strict())).1, TlvErrorReason::TrailingBytes);
}

#[test]
fn long_form_lengths() {
    let value = vec![0xAB; 300];
    let node = Node::primitive(tag("9F46"), &value);
    let enc = encode(core::slice::from_ref(&node)).unwrap();
    assert_eq!(&enc[..5], &h("9F46 82 012C")[..]);
    assert_eq!(parse(&enc, Options::strict()).unwrap(), vec![node]);
    let four = h("C1 84 00000001 AA");
    assert_eq!(parse(&four, Options::lenient()).unwrap()[0].value, vec![0xAA]);
    assert_eq!(reason(parse(&four, Options::strict())), (1, TlvErrorReason::NonMinimalLength));
    assert_eq!(reason(parse(&h("C1 81 05 0102030405"), Options::strict())).1, TlvErrorReason::NonMinimalLength);
}

/// Malformed input, lenient mode: where and why it fails.
const MALFORMED: &[(&str, usize, TlvErrorReason)] = &[
    ("", 0, TlvErrorReason::Empty),
    ("0000", 0, TlvErrorReason::Empty),
    ("9F", 1, TlvErrorReason::TruncatedTag),
    ("9F02", 2, TlvErrorReason::TruncatedLength),
    ("9F02 82 01", 4, TlvErrorReason::TruncatedLength),
    ("9F02 06 0000", 2, TlvErrorReason::ValuePastEnd),
    ("9F02 85 0000000001 00", 2, TlvErrorReason::LengthTooLong),
    ("70 80 5A01 00 0000", 1, TlvErrorReason::IndefiniteLength),
    ("9FFFFFFF01 00", 0, TlvErrorReason::TagTooLong),
    ("5A 01 11 70 03 5A 05 11", 6, TlvErrorReason::ValuePastEnd),
];

#[test]
fn malformed_input_is_a_typed_error_with_offset() {
    for (input, offset, why) in MALFORMED {
        assert_eq!(reason(parse(&h(input), Options::lenient())), (*offset, *why), "{input}");
    }
}

#[test]
fn depth_and_size_limits() {
    let mut data = h("5A 01 11");
    for _ in 0..20 {
        let mut outer = vec![0x70, data.len() as u8];
        outer.extend_from_slice(&data);
        data = outer;
    }
    assert_eq!(reason(parse(&data, Options::lenient())).1, TlvErrorReason::TooDeep);
    let deep_ok = Options { max_depth: 32, ..Options::lenient() };
    assert!(parse(&data, deep_ok).is_ok());
    let small = Options { max_size: 4, ..Options::lenient() };
    assert_eq!(reason(parse(&data, small)).1, TlvErrorReason::TooLarge);
}

#[test]
fn writer_streams_templates_with_minimal_lengths() {
    let mut buf = [0u8; 64];
    let mut w = Writer::new(&mut buf);
    w.constructed(tag("70"), |w| {
        w.write(tag("5A"), &h("4761739001010010"))?;
        w.write(tag("5F24"), &h("251231"))
    })
    .unwrap();
    assert_eq!(w.written(), &h("70 10 5A 08 4761739001010010 5F24 03 251231")[..]);
    let mut tiny = [0u8; 4];
    let mut w = Writer::new(&mut tiny);
    assert!(matches!(w.write(tag("5A"), &[1, 2, 3]), Err(Error::BufferTooSmall { .. })));
    assert!(w.is_empty());
    assert!(Writer::new(&mut [0u8; 8]).constructed(tag("5A"), |_| Ok(())).is_err());
}

#[test]
fn encode_into_exact_buffer_and_primitive_with_children_is_refused() {
    let tree = vec![Node::constructed(tag("70"), vec![]).unwrap(), Node::primitive(tag("9A"), &h("251122"))];
    let mut exact = [0u8; 7];
    assert_eq!(encode_into(&tree, &mut exact).unwrap(), 7);
    assert_eq!(exact, h("70 00 9A 03 251122")[..]);
    let mut short = [0xEEu8; 6];
    assert_eq!(encode_into(&tree, &mut short), Err(Error::BufferTooSmall { needed: 7 }));
    assert_eq!(short, [0xEE; 6]);
    let bad = Node { tag: tag("5A"), value: vec![], children: vec![Node::primitive(tag("9A"), &[1])] };
    assert!(encode(&[bad]).is_err());
    assert!(Node::constructed(tag("5A"), vec![]).is_err());
}

#[test]
fn dol_parse_and_build() {
    // CDOL1 of a typical Visa card: amount, other amount, country, TVR, currency, date, type, UN.
    let dol = h("9F02 06 9F03 06 9F1A 02 95 05 5F2A 02 9A 03 9C 01 9F37 04");
    let entries = dol::parse(&dol).unwrap();
    assert_eq!(entries.len(), 8);
    assert_eq!(entries[0], dol::DolEntry { tag: tag("9F02"), len: 6 });
    let amount = h("1000");
    let un = h("0102030405");
    let values = |t: Tag| match t.to_string().as_str() {
        "9F02" => Some(&amount[..]),
        "9F37" => Some(&un[..]),
        _ => None,
    };
    let data = dol::build(&dol, values, &Dictionary::new()).unwrap();
    assert_eq!(data.len(), 29);
    assert_eq!(&data[..6], &h("000000001000")[..], "n: left-padded with zeros");
    assert_eq!(&data[25..], &h("01020304")[..], "b: truncated on the right");
    assert!(data[6..25].iter().all(|&b| b == 0), "absent values are zeros");
}

#[test]
fn dol_numeric_truncates_left_and_cn_pads_with_f() {
    let dol = h("9F02 02 5A 0A 70 02 DF01 03");
    let amount = h("000000012345");
    let pan = h("4761739001010010");
    let tmpl = h("AABB");
    let vendor = h("0102030405");
    let values = |t: Tag| match t.value() {
        0x9F02 => Some(&amount[..]),
        0x5A => Some(&pan[..]),
        0x70 => Some(&tmpl[..]),
        0xDF01 => Some(&vendor[..]),
        _ => None,
    };
    let data = dol::build(&dol, values, &Dictionary::new()).unwrap();
    assert_eq!(data, h("2345 4761739001010010FFFF 0000 010203"));
}

#[test]
fn dol_errors() {
    assert!(matches!(dol::parse(&h("9F")), Err(Error::MalformedDol { offset: 1, .. })));
    assert!(matches!(dol::parse(&h("9F02")), Err(Error::MalformedDol { .. })));
    assert!(matches!(dol::build(&h("9F02 82 FFFF"), |_| None, &Dictionary::new()), Err(Error::MalformedDol { .. })));
    assert_eq!(dol::parse(&[]).unwrap(), vec![]);
}

fn arb_tag() -> impl Strategy<Value = Tag> {
    prop_oneof![
        (0x41u8..=0x5E).prop_map(|b| b as u32),
        (0x80u8..=0x9E).prop_map(|b| b as u32),
        (0x01u32..=0x7F).prop_map(|b| 0x9F00 | b),
        (0x01u32..=0x7F).prop_map(|b| 0xDF00 | b),
        (0x81u32..=0xFF, 0x01u32..=0x7F).prop_map(|(a, b)| 0xDF0000 | (a << 8) | b),
    ]
    .prop_filter_map("well-formed", |v| Tag::new(v).ok().filter(|t| !t.is_constructed()))
}

fn arb_tree() -> impl Strategy<Value = Vec<Node>> {
    let leaf = (arb_tag(), proptest::collection::vec(any::<u8>(), 0..300)).prop_map(|(t, v)| Node::primitive(t, &v));
    let tree = leaf.prop_recursive(4, 48, 6, |inner| {
        (
            prop_oneof![Just(0x70u32), Just(0x77), Just(0xA5), Just(0xBF0C), Just(0xE1)],
            proptest::collection::vec(inner, 0..6),
        )
            .prop_map(|(t, c)| Node::constructed(Tag::new(t).unwrap(), c).unwrap())
    });
    proptest::collection::vec(tree, 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decode_encode_round_trip(tree in arb_tree()) {
        let enc = encode(&tree).unwrap();
        prop_assert_eq!(encoded_len(&tree).unwrap(), enc.len());
        prop_assert_eq!(parse(&enc, Options::strict()).unwrap(), tree);
    }

    #[test]
    fn every_truncation_is_an_error_in_strict_mode(tree in arb_tree(), cut in any::<prop::sample::Index>()) {
        let enc = encode(&tree).unwrap();
        let cut = cut.index(enc.len());
        // A cut at an object boundary is itself a valid encoding; anything else must fail.
        let boundaries: Vec<usize> = iter(&enc, Options::strict()).map(|t| { let t = t.unwrap(); t.value_offset() + t.value().len() }).collect();
        if cut > 0 && !boundaries.contains(&cut) {
            prop_assert!(parse(&enc[..cut], Options::strict()).is_err());
            prop_assert!(Tree::parse(&enc[..cut], Options::strict()).is_err());
        }
    }

    #[test]
    fn tree_matches_the_walk_on_random_trees(tree in arb_tree(), filler in any::<bool>(), strict in any::<bool>()) {
        let mut enc = encode(&tree).unwrap();
        if filler {
            enc.splice(0..0, [0x00, 0xFF]);
            enc.push(0x00);
        }
        check_tree(&enc, if strict { Options::strict() } else { Options::lenient() });
    }

    #[test]
    fn tree_matches_the_walk_on_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..200), strict in any::<bool>(), max_depth in 0usize..4) {
        check_tree(&data, Options { max_depth, ..if strict { Options::strict() } else { Options::lenient() } });
        check_tree(&data, if strict { Options::strict() } else { Options::lenient() });
    }

    #[test]
    fn parser_never_panics_or_reads_outside(data in proptest::collection::vec(any::<u8>(), 0..200), strict in any::<bool>()) {
        let opts = if strict { Options::strict() } else { Options::lenient() };
        fn walk(it: Iter<'_>, data: &[u8]) {
            for t in it.flatten() {
                assert!(t.value_offset() + t.value().len() <= data.len());
                walk(t.children(), data);
            }
        }
        walk(iter(&data, opts), &data);
        let _ = parse(&data, opts);
        let _ = dol::parse(&data);
        let _ = dol::build(&data, |_| Some(&[1, 2, 3][..]), &Dictionary::new());
    }
}

#[test]
fn empty_template_at_the_depth_limit_is_fine() {
    let mut data = h("70 00");
    for _ in 0..15 {
        let mut outer = vec![0x70, data.len() as u8];
        outer.extend_from_slice(&data);
        data = outer;
    }
    assert!(parse(&data, Options::lenient()).is_ok(), "16 levels with an empty innermost template");
    let mut deeper = vec![0x70, data.len() as u8];
    deeper.extend_from_slice(&data);
    assert_eq!(reason(parse(&deeper, Options::lenient())).1, TlvErrorReason::TooDeep, "a 17th level is not");
    let mut too_deep = h("70 03 5A 01 11");
    for _ in 0..16 {
        let mut outer = vec![0x70, too_deep.len() as u8];
        outer.extend_from_slice(&too_deep);
        too_deep = outer;
    }
    assert_eq!(reason(parse(&too_deep, Options::lenient())).1, TlvErrorReason::TooDeep);
}

#[test]
fn template_from_raw_contents_and_all_or_nothing_write() {
    let raw = Node { tag: tag("70"), value: h("5A 01 11"), children: vec![] };
    assert_eq!(encode(core::slice::from_ref(&raw)).unwrap(), h("70 03 5A 01 11"));
    let bad = Node { tag: tag("70"), value: h("5A 05 11"), children: vec![] };
    assert_eq!(reason(encode(&[bad])).1, TlvErrorReason::ConstructedMismatch);
    let mut buf = [0xEEu8; 5];
    let mut w = Writer::new(&mut buf);
    assert_eq!(w.write(tag("9F02"), &[1, 2, 3]), Err(Error::BufferTooSmall { needed: 6 }));
    assert!(w.is_empty());
    assert_eq!(buf, [0xEE; 5]);
    assert_eq!(
        reason(parse(&h("9F"), Options::lenient())).0,
        Error::MalformedTlv { offset: 1, reason: TlvErrorReason::TruncatedTag }.offset().unwrap()
    );
}

#[test]
fn strict_rejects_trailing_filler_at_every_level() {
    assert!(parse(&h("70 04 9A 01 01 00"), Options::lenient()).is_ok());
    assert_eq!(reason(parse(&h("70 04 9A 01 01 00"), Options::strict())), (5, TlvErrorReason::TrailingBytes));
    assert_eq!(reason(parse(&h("9A 01 01 00"), Options::strict())), (3, TlvErrorReason::TrailingBytes));
    assert!(parse(&h("9A 01 01 00 9C 01 00"), Options::strict()).is_ok(), "filler between objects is allowed");
}

#[test]
fn a_resumed_iterator_continues_exactly_like_the_original() {
    let data = h("00 70 07 5A 01 11 00 9A 01 01 FF 9C 01 00 00");
    for strict in [false, true] {
        let opts = if strict { Options::strict() } else { Options::lenient() };
        let whole: Vec<_> = iter(&data, opts).collect();
        let mut resumed = Vec::new();
        let mut pos = 0;
        loop {
            let mut it = Iter::resume(&data, 0, 1, pos, opts);
            let Some(item) = it.next() else { break };
            let stop = item.is_err();
            resumed.push(item);
            pos = it.position();
            if stop {
                break;
            }
        }
        assert_eq!(resumed, whole, "strict={strict}");
        let first = whole[0].clone().unwrap();
        let inner: Vec<_> = first.children().collect();
        let resumed_inner: Vec<_> = Iter::resume(first.value(), first.value_offset(), 2, 0, opts).collect();
        assert_eq!(inner, resumed_inner);
    }
}

/// An object as nested [`Iter`]s see it: what [`Tree`] and [`parse`] must reproduce.
#[derive(Debug, PartialEq)]
struct Walked {
    tag: Tag,
    offset: usize,
    value_offset: usize,
    value: Vec<u8>,
    constructed: bool,
    children: Vec<Walked>,
}

fn walk(objects: Iter<'_>) -> Result<Vec<Walked>, Error> {
    objects
        .map(|t| {
            let t = t?;
            let (tag, offset, value_offset, constructed) = (t.tag(), t.offset(), t.value_offset(), t.is_constructed());
            Ok(Walked {
                tag,
                offset,
                value_offset,
                value: t.value().to_vec(),
                constructed,
                children: walk(t.children())?,
            })
        })
        .collect()
}

fn walk_tree(nodes: Children<'_>) -> Vec<Walked> {
    nodes
        .map(|n| Walked {
            tag: n.tag(),
            offset: n.offset(),
            value_offset: n.value_offset(),
            value: n.value().to_vec(),
            constructed: n.is_constructed(),
            children: walk_tree(n.children()),
        })
        .collect()
}

fn to_nodes(walked: &[Walked]) -> Vec<Node> {
    walked.iter().map(|w| Node { tag: w.tag, value: w.value.clone(), children: to_nodes(&w.children) }).collect()
}

/// `Tree::parse` and `parse` agree with nested iterators on `data`: the same
/// objects at the same offsets, or the same error; `Tree::find` agrees with `find`.
fn check_tree(data: &[u8], options: Options) {
    let expected = walk(iter(data, options));
    let tree = Tree::parse(data, options);
    let nodes = parse(data, options);
    let (expected, tree) = match (expected, tree) {
        (Ok(expected), Ok(tree)) => (expected, tree),
        (Err(expected), tree) => {
            assert_eq!(tree.err(), Some(expected.clone()), "{}", hex::encode(data));
            assert_eq!(nodes.err(), Some(expected));
            return;
        }
        (Ok(_), Err(e)) => panic!("{}: the walk succeeds, the tree fails with {e}", hex::encode(data)),
    };
    assert_eq!(walk_tree(tree.roots()), expected);
    assert_eq!(tree.to_nodes(), to_nodes(&expected));
    assert_eq!(nodes.unwrap(), to_nodes(&expected));
    assert_eq!(tree.as_bytes(), data);
    assert_eq!(tree.len(), tree.nodes().count());
    assert!(!tree.is_empty());
    for node in tree.nodes() {
        let first = find(data, node.tag(), options).unwrap().unwrap();
        assert_eq!(tree.find(node.tag()).map(|n| n.offset()), Some(first.offset()), "{}", node.tag());
    }
}

#[test]
fn tree_matches_the_walk_on_every_sample() {
    let file: serde_json::Value = serde_json::from_str(include_str!("../../tests/vectors/tlv.json")).unwrap();
    let vectors = file["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 20);
    for v in vectors {
        let data = h(v["hex"].as_str().unwrap());
        check_tree(&data, Options::lenient());
        check_tree(&data, Options::strict());
        let options = if v["strict_ok"] == true { Options::strict() } else { Options::lenient() };
        let tags: Vec<String> = Tree::parse(&data, options).unwrap().nodes().map(|n| n.tag().to_string()).collect();
        assert_eq!(serde_json::Value::from(tags), v["tags"], "{}", v["name"]);
    }
}

#[test]
fn tree_fails_where_parse_fails() {
    for (input, offset, why) in MALFORMED {
        assert_eq!(reason(Tree::parse(&h(input), Options::lenient())), (*offset, *why), "{input}");
    }
    let strict: &[(&str, usize, TlvErrorReason)] = &[
        ("70 04 9A 01 01 00", 5, TlvErrorReason::TrailingBytes),
        ("9A 01 01 00", 3, TlvErrorReason::TrailingBytes),
        ("C1 84 00000001 AA", 1, TlvErrorReason::NonMinimalLength),
        ("9F80 02 00", 1, TlvErrorReason::NonMinimalTag),
    ];
    for (input, offset, why) in strict {
        assert_eq!(reason(Tree::parse(&h(input), Options::strict())), (*offset, *why), "{input}");
        check_tree(&h(input), Options::strict());
        check_tree(&h(input), Options::lenient());
    }
    let small = Options { max_size: 2, ..Options::lenient() };
    assert_eq!(reason(Tree::parse(&h("9A 01 01"), small)), (0, TlvErrorReason::TooLarge));
}

/// `70 { 70 { ... 70 { 5A 01 11 } } }`, `levels` templates deep.
fn nested(levels: usize) -> Vec<u8> {
    let mut data = h("5A 01 11");
    for _ in 0..levels {
        data = encode(&[Node { tag: tag("70"), value: data, children: vec![] }]).unwrap();
    }
    data
}

#[test]
fn tree_at_the_depth_limit() {
    let at_limit = nested(Options::DEFAULT_MAX_DEPTH - 1);
    let tree = Tree::parse(&at_limit, Options::strict()).unwrap();
    assert_eq!(tree.len(), Options::DEFAULT_MAX_DEPTH);
    let leaf = tree.nodes().last().unwrap();
    assert_eq!((leaf.tag(), leaf.value(), leaf.offset()), (tag("5A"), &[0x11][..], 2 * 15));
    check_tree(&at_limit, Options::strict());
    let past = nested(Options::DEFAULT_MAX_DEPTH);
    assert_eq!(reason(Tree::parse(&past, Options::strict())), (2 * 16, TlvErrorReason::TooDeep));
    check_tree(&past, Options::strict());
    check_tree(&past, Options { max_depth: 3, ..Options::strict() });
}

#[test]
fn tree_nests_deeper_than_the_stack_would_allow_a_recursion() {
    // `70 len` headers, outermost first; encode() would recurse.
    fn header(len: usize) -> Vec<u8> {
        let be = u32::try_from(len).unwrap().to_be_bytes();
        let skip = be.iter().take_while(|&&b| b == 0).count();
        match len {
            0..=0x7F => vec![0x70, len as u8],
            _ => [&[0x70, 0x80 | (4 - skip) as u8][..], &be[skip..]].concat(),
        }
    }
    let levels = 50_000;
    let mut lens = vec![3];
    for _ in 0..levels {
        let inner = *lens.last().unwrap();
        lens.push(inner + header(inner).len());
    }
    let mut data: Vec<u8> = lens[..levels].iter().rev().flat_map(|&len| header(len)).collect();
    data.extend_from_slice(&h("5A 01 11"));
    assert_eq!(data.len(), lens[levels]);
    let unbounded = Options { max_depth: usize::MAX, ..Options::strict() };
    let tree = Tree::parse(&data, unbounded).unwrap();
    assert_eq!(tree.len(), levels + 1);
    let leaf = tree.find(tag("5A")).unwrap();
    assert_eq!((leaf.value(), leaf.offset()), (&[0x11][..], data.len() - 3));
    assert_eq!(reason(Tree::parse(&data, Options::strict())).1, TlvErrorReason::TooDeep);
}

#[test]
fn tree_walks_like_the_iterator() {
    let data = h("00 6F 1B 84 07 A0000000031010 A5 10 50 0B 5649534120435245444954 87 01 01 00 FF 70 00");
    let tree = Tree::parse(&data, Options::lenient()).unwrap();
    let roots: Vec<_> = tree.roots().collect();
    assert_eq!(roots.len(), 2);
    let (fci, empty) = (roots[0], roots[1]);
    assert_eq!((fci.tag(), fci.offset(), fci.value_offset(), fci.value().len()), (tag("6F"), 1, 3, 0x1B));
    assert!(fci.is_constructed() && empty.is_constructed() && empty.children().next().is_none());
    let inner: Vec<String> = fci.children().map(|c| c.tag().to_string()).collect();
    assert_eq!(inner, ["84", "A5"]);
    let label = tree.find(tag("50")).unwrap();
    assert_eq!(label.value(), b"VISA CREDIT");
    assert!(label.children().next().is_none() && !label.is_constructed());
    assert!(tree.find(tag("9F38")).is_none());
    assert_eq!(tree.len(), 6);
    assert_eq!(tree.nodes().next_back().map(|n| n.tag()), Some(tag("70")));
    let debug = alloc::format!("{tree:?}");
    assert!(debug.starts_with("[NodeRef { tag: Tag(6F), offset: 1, children: [NodeRef { tag: Tag(84)"), "{debug}");
}
