//! A bounds-checked reading of an `fst` dictionary's bytes, done once before `fst` reads them.
//!
//! `fst` 0.4.7 trusts its input: it reads node bytes by slicing, subtracts addresses without
//! checking, converts 64-bit footer values and address deltas to `usize` with a panic on 32-bit
//! targets (the wasm module), and adds outputs with `+`. Damage that its checksum catches is
//! refused by [`checksum::fst_checksum_ok`]; bytes forged with a valid checksum are refused here.
//!
//! [`check`] reads every node the way `fst` does (version 3, as its builder writes), with every
//! read and subtraction checked, and requires what the builder guarantees:
//!
//! - the nodes tile the bytes between the 16-byte header and the footer, the root last, so each
//!   byte is read once and the work is linear in the size;
//! - every transition leads to a node written before the one it leaves (or to the empty final
//!   node), so no walk can cycle;
//! - a node without transitions is final (but the root of a map without keys), so every path
//!   leads to a key and no walk searches dead ends;
//! - no key's value overflows 64 bits (a sum of outputs along a path).
//!
//! What passes can be handed to `fst` and walked on any target without a panic.

use super::checksum;
use crate::{Error, Result};

/// The version and type words at the start.
const HEADER: usize = 16;
/// The key count, root address (8 bytes each) and checksum (4) at the end.
const FOOTER: usize = 20;

/// Checks that `bytes` are an `fst` map `fst` can read without panicking (see the module
/// documentation); `what` names the dictionary in the error.
pub fn check(bytes: &[u8], what: &str) -> Result<()> {
    let fail = |problem: &str| Err(Error::corrupt(format!("{what}: {problem}")));
    if bytes.len() < HEADER + FOOTER {
        return fail("the dictionary is too short");
    }
    if !checksum::fst_checksum_ok(bytes) {
        return fail("the dictionary's checksum does not match");
    }
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    if word(0) != fst::raw::VERSION {
        return fail("the dictionary was written by another version of the fst format");
    }
    let footer = bytes.len() - FOOTER;
    if word(footer) > u64::from(u32::MAX) {
        return fail("the dictionary's key count is impossible");
    }
    let root = word(footer + 8);
    let nodes_end = footer as u64 - 1;
    if root == 0 {
        // The empty final node, which is not written: a map of the empty key (value 0) or none.
        return if footer == HEADER { Ok(()) } else { fail("the dictionary's root address is wrong") };
    }
    if root != nodes_end || footer == HEADER {
        return fail("the dictionary's root address is wrong");
    }
    check_nodes(&bytes[..footer]).or_else(fail)
}

/// One node, as `fst` would read it.
struct Node {
    /// The address of its first byte (`fst`'s `end`): transition deltas count back from it.
    end: usize,
    /// Its final output when it is final.
    final_output: Option<u64>,
    /// Neither final nor with a transition: only the root of a map without keys is.
    leads_nowhere: bool,
}

/// Checks the nodes in `data` (the bytes before the footer), the last of which is the root.
fn check_nodes(data: &[u8]) -> std::result::Result<(), &'static str> {
    // The node addresses, ascending, with the largest value any path from each node adds up to.
    let mut addresses: Vec<usize> = Vec::new();
    let mut at = data.len() - 1;
    loop {
        addresses.push(at);
        let end = read_node(data, at, &mut |_, _| Ok(()))?.end;
        if end == HEADER {
            break;
        }
        at = end - 1;
    }
    addresses.reverse();
    let mut most: Vec<u64> = Vec::with_capacity(addresses.len());
    for &addr in &addresses {
        let mut best = 0u64;
        let node = read_node(data, addr, &mut |output, target| {
            let below = match target {
                0 => 0,
                target => match addresses.binary_search(&target) {
                    Ok(i) => most[i],
                    Err(_) => return Err("a transition leads into the middle of a node"),
                },
            };
            best = best.max(output.checked_add(below).ok_or("a key's value overflows")?);
            Ok(())
        })?;
        if node.leads_nowhere && addr != data.len() - 1 {
            return Err("a node leads nowhere");
        }
        best = best.max(node.final_output.unwrap_or(0));
        most.push(best);
    }
    Ok(())
}

/// Reads the node at `addr` of `data` as `fst` does, calling `transition(output, target)` for
/// each transition: every read lands between the header and `addr`, every target before the
/// node's first byte (or at 0, the empty final node).
fn read_node(
    data: &[u8],
    addr: usize,
    transition: &mut dyn FnMut(u64, usize) -> std::result::Result<(), &'static str>,
) -> std::result::Result<Node, &'static str> {
    const OUTSIDE: &str = "a node reaches outside the dictionary";
    // `back(n)`: the address `n` bytes below `from`, if it is still past the header.
    let back = |from: usize, n: usize| from.checked_sub(n).filter(|&a| a >= HEADER).ok_or(OUTSIDE);
    let uint = |at: usize, n: usize| -> std::result::Result<u64, &'static str> {
        let bytes = data.get(at..at + n).ok_or(OUTSIDE)?;
        Ok(bytes.iter().rev().fold(0u64, |v, &b| v << 8 | u64::from(b)))
    };
    // A transition's target: `delta` bytes below the node's first byte, 0 meaning the empty node.
    let target = |delta: u64, end: usize| -> std::result::Result<usize, &'static str> {
        match delta {
            0 => Ok(0),
            d => usize::try_from(d).ok().and_then(|d| end.checked_sub(d)).ok_or(OUTSIDE),
        }
    };
    let state = data[addr];
    // The low six bits of a one-transition state hold a common input byte, or 0 when the input
    // is the byte before the state.
    let input_len = usize::from(state & 0x3F == 0);
    match state >> 6 {
        0b11 => {
            // One transition, to the node written just before, with no output.
            let end = back(addr, input_len)?;
            transition(0, end - 1)?;
            Ok(Node { end, final_output: None, leads_nowhere: false })
        }
        0b10 => {
            let sizes_at = back(addr, input_len + 1)?;
            let (tsize, osize) = pack_sizes(data[sizes_at])?;
            if tsize == 0 {
                return Err("a transition has no address");
            }
            let delta_at = back(sizes_at, tsize)?;
            let end = back(delta_at, osize)?;
            let output = if osize == 0 { 0 } else { uint(end, osize)? };
            transition(output, target(uint(delta_at, tsize)?, end)?)?;
            Ok(Node { end, final_output: None, leads_nowhere: false })
        }
        _ => {
            let is_final = state & 0x40 != 0;
            let count_len = usize::from(state & 0x3F == 0);
            let ntrans = match state & 0x3F {
                0 => match data[back(addr, 1)?] {
                    1 => 256,
                    n => usize::from(n),
                },
                n => usize::from(n),
            };
            let sizes_at = back(addr, count_len + 1)?;
            let (tsize, osize) = pack_sizes(data[sizes_at])?;
            if tsize == 0 && ntrans > 0 {
                return Err("a transition has no address");
            }
            let index = if ntrans > 32 { 256 } else { 0 };
            let inputs_at = back(sizes_at, index + ntrans)?;
            let deltas_at = back(inputs_at, ntrans * tsize)?;
            let outputs_at = back(deltas_at, ntrans * osize)?;
            let final_osize = if is_final { osize } else { 0 };
            let end = back(outputs_at, final_osize)?;
            for i in 0..ntrans {
                let delta = uint(inputs_at - (i + 1) * tsize, tsize)?;
                let output = if osize == 0 { 0 } else { uint(deltas_at - (i + 1) * osize, osize)? };
                transition(output, target(delta, end)?)?;
            }
            let final_output = is_final.then(|| if final_osize == 0 { Ok(0) } else { uint(end, osize) });
            Ok(Node { end, final_output: final_output.transpose()?, leads_nowhere: ntrans == 0 && !is_final })
        }
    }
}

/// The byte sizes of a node's transition addresses and outputs: at most 8 each.
fn pack_sizes(byte: u8) -> std::result::Result<(usize, usize), &'static str> {
    let (tsize, osize) = (usize::from(byte >> 4), usize::from(byte & 0x0F));
    if tsize > 8 || osize > 8 {
        return Err("a node's number sizes are impossible");
    }
    Ok((tsize, osize))
}

#[cfg(test)]
mod tests {
    use super::check;

    fn map(keys: &[&str]) -> Vec<u8> {
        let mut keys = keys.to_vec();
        keys.sort_unstable();
        let map = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (*k, i as u64 * 5))).unwrap();
        map.into_fst().into_inner()
    }

    #[test]
    fn what_the_builder_writes_passes() {
        for keys in [&[][..], &[""], &["a"], &["", "a", "ab", "abc", "b"], &["пленум", "пленума", "plenum"]]
        {
            assert!(check(&map(keys), "dictionary").is_ok(), "{keys:?}");
        }
        let many: Vec<String> = (0..300).map(|i| format!("{}{i}", char::from(b'a' + (i % 40) as u8))).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(check(&map(&many), "dictionary").is_ok(), "nodes with a transition index");
    }
}
