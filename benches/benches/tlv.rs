//! EMV TLV benches on real card data (core/tests/vectors/tlv.json). Targets
//! (issue 5, one thread): zero-copy walk of a 200-byte card record <= 100 ns
//! and of a 64 KiB blob <= 30 µs; into an owned tree (`tlv_parse`, a [`Tree`])
//! <= 300 ns per record and <= 150 µs per 64 KiB.

#![allow(missing_docs, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use posguard::tlv::{self, DescribeOptions, Dictionary, Iter, Options, Tag, Tree, dol};
use posguard_benches::{card_blob, card_record, criterion, tlv_sample};

/// Visits every object at every depth and takes its value; returns the value bytes seen.
fn walk(objects: Iter<'_>) -> usize {
    objects
        .map(|t| {
            let t = t.expect("well-formed card data");
            t.value().len() + walk(t.children())
        })
        .sum()
}

/// The same data as one 192-byte record and as a 64 KiB blob.
fn inputs() -> [(&'static str, Vec<u8>); 2] {
    [("record_192B", card_record()), ("blob_64KiB", card_blob())]
}

fn zero_copy_walk(c: &mut Criterion) {
    let mut group = c.benchmark_group("tlv_walk");
    for (name, data) in inputs() {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| b.iter(|| walk(tlv::iter(black_box(&data), Options::lenient()))));
    }
    group.finish();
}

/// The owned tree the targets are about: a [`Tree`] (two allocations).
fn owned_tree(c: &mut Criterion) {
    let mut group = c.benchmark_group("tlv_parse");
    for (name, data) in inputs() {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| b.iter(|| Tree::parse(black_box(&data), Options::lenient()).expect("parse")));
    }
    group.finish();
}

/// The same into [`tlv::Node`]s (a `Vec` per value and per template), the form the builder takes.
fn owned_nodes(c: &mut Criterion) {
    let mut group = c.benchmark_group("tlv_parse_nodes");
    for (name, data) in inputs() {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| b.iter(|| tlv::parse(black_box(&data), Options::lenient()).expect("parse")));
    }
    group.finish();
}

fn encode(c: &mut Criterion) {
    let tree = tlv::parse(&card_record(), Options::lenient()).expect("parse");
    c.bench_function("tlv_encode/record_192B", |b| b.iter(|| tlv::encode(black_box(&tree)).expect("encode")));
}

/// CDOL1 data for a real CDOL1, the values taken from a real field 55.
fn dol_build(c: &mut Criterion) {
    let record = tlv_sample("read record PAN + CDOL1 + CDOL2 (Visa test PAN)");
    let cdol1 = tlv::find(&record, Tag::new(0x8C).expect("tag"), Options::lenient()).expect("parse").expect("8C");
    let field55 = tlv_sample("field 55 cybersource apple pay sample");
    let values: Vec<(Tag, &[u8])> = tlv::iter(&field55, Options::lenient())
        .map(|t| t.map(|t| (t.tag(), t.value())))
        .collect::<Result<_, _>>()
        .expect("parse");
    let value = |tag| values.iter().find(|(t, _)| *t == tag).map(|(_, v)| *v);
    let dictionary = Dictionary::new();
    c.bench_function("dol_build/cdol1", |b| {
        b.iter(|| dol::build(black_box(cdol1.value()), value, &dictionary).expect("build"))
    });
}

fn describe(c: &mut Criterion) {
    let record = card_record();
    let dictionary = Dictionary::new();
    c.bench_function("tlv_describe/record_192B", |b| {
        b.iter(|| tlv::describe(black_box(&record), &dictionary, DescribeOptions::default()).expect("describe"))
    });
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = zero_copy_walk, owned_tree, owned_nodes, encode, dol_build, describe
}
criterion_main!(benches);
