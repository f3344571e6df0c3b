//! Tests of the postings' encoding: runs, blocks and their table, positions, corruption.

use super::*;

fn bounds() -> Bounds {
    Bounds { settings: Settings::default(), avg_lengths: [4.0; Field::COUNT] }
}

#[test]
fn postings_and_positions_round_trip() {
    let list = vec![
        PostingBuilder { doc: 2, positions: [vec![0], vec![], vec![3, 9, 40], vec![]], forms: 0b1001 },
        PostingBuilder { doc: 7, positions: [vec![], vec![1], vec![], vec![5]], forms: 0b0100 },
    ];
    let mut field_lengths = vec![[0; Field::COUNT]; 10];
    field_lengths[2] = [4, 0, 100, 0];
    field_lengths[7] = [3, 20, 9, 6];
    let (mut p, mut q) = (Encoder::new(), Encoder::new());
    encode(&list, &field_lengths, &bounds(), &mut p, &mut q);
    let postings = decode(&mut Decoder::new(&p.buf, "postings"), 2, 10).unwrap();
    // 100 words is in the bucket [100, 104).
    assert_eq!(postings[0], Posting { doc: 2, tf: [1, 0, 3, 0], lengths: [4, 0, 102, 0], forms: 0b1001 });
    assert_eq!(postings[1], Posting { doc: 7, tf: [0, 1, 0, 1], lengths: [0, 20, 0, 6], forms: 0b0100 });
    let positions = decode_positions(&mut Decoder::new(&q.buf, "positions"), &postings).unwrap();
    assert_eq!(positions[0], list[0].positions);
    assert_eq!(positions[1], list[1].positions);
}

#[test]
fn a_list_whose_documents_hold_the_same_forms_stores_none() {
    let posting = |doc, forms| PostingBuilder { doc, positions: [vec![], vec![], vec![1], vec![]], forms };
    let masks = |list: &[PostingBuilder]| {
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(list, &[[5; Field::COUNT]; 4], &bounds(), &mut p, &mut q);
        let decoded = decode(&mut Decoder::new(&p.buf, "postings"), list.len() as u32, 4).unwrap();
        (p.buf[list.len()..2 * list.len()].to_vec(), decoded.iter().map(|p| p.forms).collect::<Vec<_>>())
    };
    assert_eq!(masks(&[posting(0, 0b10), posting(1, 0b10)]), (vec![0b0100, 0b0100], vec![0x0f, 0x0f]));
    assert_eq!(masks(&[posting(0, 0b10), posting(1, 0b11)]), (vec![0b10_0100, 0b11_0100], vec![0b10, 0b11]));
}

#[test]
fn forms_of_a_stem_that_differ_by_an_ending_have_different_bits() {
    for forms in [["flow", "flows", "flowed", "flowing"], ["поток", "потока", "потоком", "потоками"]]
    {
        let bits: Vec<u8> = forms.iter().map(|f| form_bit(f)).collect();
        assert_eq!(bits.iter().fold(0, |a, b| a | b).count_ones(), 4, "{forms:?}: {bits:?}");
    }
}

#[test]
fn columns_are_read_in_order_and_checked() {
    // Two postings: docs 1 and 3; masks body, title+body; tfs 2 | 1, 4; lengths.
    let bytes = [1, 2, 0b0100, 0b0101, 2, 1, 4, 10, 3, 10];
    let postings = decode(&mut Decoder::new(&bytes, "postings"), 2, 5).unwrap();
    assert_eq!(postings[0].doc, 1);
    assert_eq!(postings[1].doc, 3);
    assert_eq!(postings[0].tf, [0, 0, 2, 0]);
    assert_eq!(postings[1].tf, [1, 0, 4, 0]);
    assert_eq!(postings[1].lengths[0], lengths::length_of(3));
    let mut zero_tf = bytes;
    zero_tf[5] = 0;
    assert!(decode(&mut Decoder::new(&zero_tf, "postings"), 2, 5).is_err(), "a field with no occurrence");
    assert!(decode(&mut Decoder::new(&bytes[..9], "postings"), 2, 5).is_err(), "a length missing");
    let mut bad_mask = bytes;
    bad_mask[2] = 0;
    assert!(decode(&mut Decoder::new(&bad_mask, "postings"), 2, 5).is_err(), "an empty mask");
}

/// A list of 600 postings (over [`BLOCKED_FROM`]): five blocks, each read alone as the whole list reads it, each
/// bound at or above its postings' scores, its positions where the table says.
#[test]
fn a_long_list_is_in_blocks_each_read_alone() {
    let list: Vec<PostingBuilder> = (0..600u32)
        .map(|i| {
            let positions = [vec![], vec![], (0..1 + i % 5).map(|p| p * 3).collect(), vec![]];
            PostingBuilder { doc: i * 2 + 1, positions, forms: 1 }
        })
        .collect();
    let field_lengths: Vec<[u32; Field::COUNT]> = (0..1300).map(|d| [3, 0, 10 + d % 90, 0]).collect();
    let (mut p, mut q) = (Encoder::new(), Encoder::new());
    encode(&list, &field_lengths, &bounds(), &mut p, &mut q);
    let whole = decode(&mut Decoder::new(&p.buf, "postings"), 600, 1300).unwrap();
    assert_eq!(whole.iter().map(|p| p.doc).collect::<Vec<_>>(), list.iter().map(|p| p.doc).collect::<Vec<_>>());
    let blocks = Blocks::read(&mut Decoder::new(&p.buf, "postings"), 600, 1300).unwrap();
    assert_eq!(
        blocks.blocks.iter().map(|b| (b.count, b.last)).collect::<Vec<_>>(),
        [(128, 255), (128, 511), (128, 767), (128, 1023), (88, 1199)]
    );
    let settings = Settings::default();
    let (mut at, mut docs) = (0, Vec::new());
    for (b, block) in blocks.blocks.iter().enumerate() {
        let mut read = Vec::new();
        blocks.postings(b, &mut read).unwrap();
        assert_eq!(read[..], whole[at..at + block.count as usize]);
        let mut column = vec![7; 3];
        blocks.docs(b, &mut column).unwrap();
        docs.extend(column);
        for posting in &read {
            let score = settings.bm25f(&bounds().avg_lengths, &posting.lengths, &posting.tf, 1.0);
            assert!(score <= bound_value(block.bound, settings.k1), "{score} in block {b}");
        }
        let positions = decode_positions(&mut Decoder::new(&q.buf[block.positions as usize..], "positions"), &read);
        assert_eq!(positions.unwrap()[0], list[at].positions);
        at += block.count as usize;
    }
    assert_eq!(docs, whole.iter().map(|p| p.doc).collect::<Vec<_>>());
    // A table whose block ends before its documents do is refused, not trusted.
    let mut bad = p.buf.clone();
    bad[0] = 20;
    let read = |bytes: &[u8]| -> Result<Vec<Posting>> { decode(&mut Decoder::new(bytes, "postings"), 600, 1300) };
    assert!(read(&bad).is_err(), "a block that holds fewer documents than it counts");
    assert!(read(&p.buf[..p.buf.len() - 1]).is_err(), "a block cut short");
}

/// A list of [`BLOCKED_FROM`] postings is one run, as before blocks: no table.
#[test]
fn a_list_up_to_the_threshold_has_no_blocks() {
    let list: Vec<PostingBuilder> = (0..BLOCKED_FROM as u32)
        .map(|i| PostingBuilder { doc: i, positions: [vec![], vec![], vec![0], vec![]], forms: 1 })
        .collect();
    let field_lengths = vec![[3, 0, 10, 0]; BLOCKED_FROM];
    let (mut blocked, mut q) = (Encoder::new(), Encoder::new());
    encode(&list, &field_lengths, &bounds(), &mut blocked, &mut q);
    let mut run = Encoder::new();
    encode_run(&list, 0, 0, &field_lengths, &mut run);
    assert_eq!(blocked.buf, run.buf);
}

#[test]
fn a_document_past_the_end_is_corruption() {
    let list = vec![PostingBuilder { doc: 5, positions: [vec![0], vec![], vec![], vec![]], forms: 1 }];
    let (mut p, mut q) = (Encoder::new(), Encoder::new());
    encode(&list, &[[1; Field::COUNT]; 6], &bounds(), &mut p, &mut q);
    assert!(decode(&mut Decoder::new(&p.buf, "postings"), 1, 3).is_err());
}

#[test]
fn a_column_of_deltas_reads_alike_by_words_and_by_bytes() {
    // Deltas: runs of one-byte deltas (read eight at a time) broken by two-byte ones, a list's
    // first delta of 0, and a run's end shorter than a word.
    let mut deltas: Vec<u32> = vec![0];
    deltas.extend((0..40).map(|i| 1 + i % 7));
    deltas.push(300);
    deltas.extend((0..13).map(|i| 127 - i));
    deltas.push(128);
    deltas.extend([1, 2, 3]);
    let mut column = Encoder::new();
    deltas.iter().for_each(|&d| column.varint(u64::from(d)));
    let mut expected = Vec::new();
    deltas.iter().fold(5u32, |doc, &d| {
        expected.push(doc + d);
        doc + d
    });
    let limit = expected.last().unwrap() + 1;
    let read = |bytes: &[u8], base, limit, first| {
        let mut out = vec![0; deltas.len()];
        read_docs(&mut Decoder::new(bytes, "postings"), base, limit, first, &mut out).map(|_| out)
    };
    assert_eq!(read(&column.buf, 5, limit, true).unwrap(), expected);
    // Past the last document, or a 0 inside a word of one-byte deltas: corruption.
    assert!(read(&column.buf, 5, limit - 1, true).is_err());
    let mut zero = column.buf.clone();
    zero[9] = 0;
    assert!(read(&zero, 5, limit, true).is_err());
    // Only a list's first run may start with a delta of 0.
    assert!(read(&column.buf, 5, limit, false).is_err());
}

/// Blocks of every density: those whose documents are one in `BITMAP_DENSITY` (8) of their span
/// or more are bitmaps, the others deltas; both read alike whole, by block and by member.
#[test]
fn a_dense_block_is_a_bitmap_read_as_its_documents() {
    // Per block: the step between its documents (one block each), then a short last block.
    let steps = [1u32, 10, 2, 8, 9, 3];
    let mut docs = Vec::new();
    let mut doc = 0u32;
    for (b, &step) in steps.iter().enumerate() {
        let count = if b + 1 == steps.len() { 40 } else { BLOCK };
        for i in 0..count {
            docs.push(doc);
            // A gap inside the first block: it is still dense.
            doc += if b == 0 && i == 60 { 5 } else { step };
        }
    }
    let list: Vec<PostingBuilder> = docs
        .iter()
        .map(|&doc| PostingBuilder { doc, positions: [vec![], vec![], vec![doc % 7], vec![]], forms: 1 })
        .collect();
    let n = doc + 1;
    let field_lengths = vec![[3, 0, 10, 0]; n as usize];
    let (mut p, mut q) = (Encoder::new(), Encoder::new());
    encode(&list, &field_lengths, &bounds(), &mut p, &mut q);
    let whole = decode(&mut Decoder::new(&p.buf, "postings"), docs.len() as u32, n).unwrap();
    assert_eq!(whole.iter().map(|p| p.doc).collect::<Vec<_>>(), docs);
    let blocks = Blocks::read(&mut Decoder::new(&p.buf, "postings"), docs.len() as u32, n).unwrap();
    let bitmaps: Vec<bool> = blocks.blocks.iter().map(|b| b.bitmap.is_some()).collect();
    assert_eq!(bitmaps, [true, false, true, true, false, true]);
    let (mut at, mut column) = (0, Vec::new());
    for (b, block) in blocks.blocks.iter().enumerate() {
        let mut read = Vec::new();
        blocks.postings(b, &mut read).unwrap();
        let expected = &whole[at..at + block.count as usize];
        assert_eq!(read[..], expected[..]);
        blocks.docs(b, &mut column).unwrap();
        assert_eq!(column, expected.iter().map(|p| p.doc).collect::<Vec<_>>());
        // Every document of its span asked in order: held exactly when it is the block's.
        let mut members = blocks.members(b, &mut column).unwrap();
        for d in block.base.saturating_sub(3)..block.last + 4 {
            assert_eq!(members.holds(d), expected.iter().any(|p| p.doc == d), "block {b}, document {d}");
        }
        at += block.count as usize;
    }
    // A dense block's column is its bitmap: 17 bytes for the first block's span of 132
    // documents, where the second block's deltas take a byte each (their other columns alike).
    assert_eq!(blocks.blocks[1].bytes.len() - blocks.blocks[0].bytes.len(), 128 - 17);
    // A bitmap with a document more, or a bit past its span, is refused.
    let body = p.buf.len() - blocks.bodies.len();
    let read = |bytes: &[u8]| decode(&mut Decoder::new(bytes, "postings"), docs.len() as u32, n).map(|_| ());
    let mut more = p.buf.clone();
    more[body + 61 / 8] |= 1 << (61 % 8);
    assert!(read(&more).is_err(), "a bitmap with a document its count lacks");
    let mut past = p.buf.clone();
    let last_byte = body + blocks.blocks[0].bitmap.unwrap().bytes() - 1;
    past[last_byte] |= 0x80;
    assert!(read(&past).is_err(), "a bit past the block's last document");
    // Asked about its members, the forged bitmap answers as it is (pruning counts with it
    // saturating), without reading past it.
    let mut column = Vec::new();
    let reread = Blocks::read(&mut Decoder::new(&more, "postings"), docs.len() as u32, n).unwrap();
    let mut members = reread.members(0, &mut column).unwrap();
    assert!(members.holds(61) && !members.holds(62) && !members.holds(u32::MAX));
}
