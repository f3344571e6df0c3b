use super::*;

#[test]
fn pack_tables_round_trip_and_give_addresses() {
    // Three term chunks in one pack, two document chunks in the next two.
    let packs = Packs::new(vec![0, 3, 4], vec![10, 20, 5, 7, 9], [3, 2, 0, 0]).unwrap();
    assert_eq!(Packs::decode(&packs.encode(), [3, 2, 0, 0], false).unwrap(), packs);
    assert_eq!(packs.address(0xfeed, 0).as_deref(), Some("chunks/0000feed-t0.pack#0,10"));
    assert_eq!(packs.address(0xfeed, 2).as_deref(), Some("chunks/0000feed-t0.pack#30,5"));
    assert_eq!(packs.address(0xfeed, 3).as_deref(), Some("chunks/0000feed-d0.pack#0,7"));
    assert_eq!(packs.address(0xfeed, 4).as_deref(), Some("chunks/0000feed-d1.pack#0,9"));
    assert_eq!(packs.address(0xfeed, 5), None);
    let names = ["chunks/00000001-t0.pack", "chunks/00000001-d0.pack", "chunks/00000001-d1.pack"];
    assert_eq!(packs.file_names(1), names);
    assert_eq!(parse_address("chunks/0000feed-d1.pack#7,9"), Some(("chunks/0000feed-d1.pack", 7, 9)));
    assert_eq!(parse_address("chunks/0000feed-t1.folio"), None);
    // Metadata chunks come last, in packs of their own named by their kind.
    let packs = Packs::new(vec![0, 2, 3], vec![4, 4, 6, 8, 8], [2, 1, 2, 0]).unwrap();
    assert_eq!(Packs::decode(&packs.encode(), [2, 1, 2, 0], false).unwrap(), packs);
    assert_eq!(packs.address(7, 3).as_deref(), Some("chunks/00000007-m0.pack#0,8"));
    assert_eq!(packs.address(7, 4).as_deref(), Some("chunks/00000007-m0.pack#8,8"));
    assert!(Packs::new(vec![0, 2], vec![4, 4, 6, 8, 8], [2, 1, 2, 0]).is_err(), "documents and metadata in one pack");
}

#[test]
fn damaged_pack_tables_are_refused() {
    let bytes = Packs::new(vec![0, 3], vec![10, 20, 5, 7, 9], [3, 2, 0, 0]).unwrap().encode();
    assert!(Packs::decode(&bytes, [3, 1, 0, 0], false).is_err(), "a chunk count the directory does not have");
    assert!(Packs::decode(&bytes, [2, 3, 0, 0], false).is_err(), "a pack of term and document chunks");
    for cut in 0..bytes.len() {
        assert!(Packs::decode(&bytes[..cut], [3, 2, 0, 0], false).is_err(), "cut at {cut}");
    }
    for (firsts, lengths) in
        [(vec![1], vec![3]), (vec![0, 0], vec![1, 2]), (vec![0, 2], vec![1, 2]), (vec![0], vec![0])]
    {
        assert!(
            Packs::new(firsts.clone(), lengths.clone(), [0, lengths.len() as u32, 0, 0]).is_err(),
            "{firsts:?} {lengths:?}"
        );
    }
    assert!(Packs::new(vec![0], vec![u32::MAX, 1], [0, 2, 0, 0]).is_err(), "a pack past 4 GiB");
    assert!(Packs::new(vec![0], vec![1, 1], [3, 0, 0, 0]).is_err(), "more term chunks than chunks");
}

#[cfg(feature = "packs")]
#[test]
fn packed_chunks_decompress_and_damage_is_corrupt() {
    let chunk = b"FOLIOIDX and then a chunk's bytes, repeated, repeated, repeated".to_vec();
    let packed = deflate(&chunk);
    assert!(is_compressed(&packed) && !is_compressed(&chunk));
    assert_eq!(inflate(&packed).unwrap(), chunk);
    for cut in 0..packed.len() {
        assert!(matches!(inflate(&packed[..cut]), Err(Error::Corrupt(_))), "cut at {cut}");
    }
    let mut flipped = packed.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert!(matches!(inflate(&flipped), Err(Error::Corrupt(_))), "the Adler-32 is checked");
}

#[cfg(feature = "packs")]
#[test]
fn the_pack_writer_refuses_foreign_names_and_other_builds() {
    let mut put = |_: String, _: Vec<u8>| Ok(());
    let mut writer = PackWriter::new(100, &mut put);
    assert!(writer.add("chunks/0000feed-t0.folio", b"x").is_ok());
    assert!(writer.add("chunks/0000beef-t1.folio", b"x").is_err(), "another build");
    assert!(writer.add("chunks/0000feed-t1.pack", b"x").is_err(), "not a chunk name");
}
