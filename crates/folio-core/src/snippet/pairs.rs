//! Highlights of Chinese and Japanese words, which the index holds as overlapping character
//! pairs (`analysis::segment`): a pair owns only its first character in the text, so a word of
//! two characters matched alone was marked by half (`[修]复`). [`widen`] gives such a mark its
//! second character and joins marks that touch (`[北][京][大学]` → `[北京大学]`).

use crate::analysis::segment::is_paired_cjk as is_paired;

/// `highlights` ([start, end) UTF-16 offsets into `text`, in order, not overlapping) with every
/// mark of one paired character that a paired character follows widened over it, and marks that
/// then touch joined.
pub fn widen(text: &str, mut highlights: Vec<[u32; 2]>) -> Vec<[u32; 2]> {
    if !text.chars().any(is_paired) {
        return highlights;
    }
    // The characters of the text by UTF-16 offset.
    let mut chars = Vec::new();
    let mut units = 0u32;
    for c in text.chars() {
        chars.push((units, c));
        units += c.len_utf16() as u32;
    }
    let at = |offset: u32| chars.binary_search_by_key(&offset, |&(u, _)| u).ok().map(|i| (i, chars[i].1));
    for i in 0..highlights.len() {
        let [start, end] = highlights[i];
        let Some((first, c)) = at(start) else { continue };
        let one_char = chars.get(first + 1).map_or(units, |&(u, _)| u) == end;
        let next_free = highlights.get(i + 1).is_none_or(|next| next[0] > end);
        if let (true, true, true, Some(&(_, next))) = (one_char, next_free, is_paired(c), chars.get(first + 1)) {
            if is_paired(next) {
                highlights[i][1] = end + next.len_utf16() as u32;
            }
        }
    }
    let mut joined: Vec<[u32; 2]> = Vec::with_capacity(highlights.len());
    for h in highlights {
        match joined.last_mut() {
            Some(last) if last[1] >= h[0] => last[1] = last[1].max(h[1]),
            _ => joined.push(h),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::widen;

    fn marked(text: &str, h: &[[u32; 2]]) -> Vec<String> {
        let units: Vec<u16> = text.encode_utf16().collect();
        widen(text, h.to_vec()).iter().map(|&[a, b]| String::from_utf16_lossy(&units[a as usize..b as usize])).collect()
    }

    #[test]
    fn a_pair_matched_alone_marks_both_characters() {
        // 修复 in 清代地图修复记: the pair 修复 owns 修 (offset 4).
        assert_eq!(marked("清代地图修复记", &[[4, 5]]), ["修复"]);
        // Pairs in a row join; the run's last pair owned both of its characters already.
        assert_eq!(marked("北京大学", &[[0, 1], [1, 2], [2, 4]]), ["北京大学"]);
        assert_eq!(marked("宋代茶器展", &[[3, 5]]), ["器展"]);
    }

    #[test]
    fn other_marks_are_left_as_they_are() {
        assert_eq!(marked("Kim Il Sung met 毛", &[[0, 3], [16, 17]]), ["Kim", "毛"]);
        assert_eq!(marked("茶 and tea", &[[0, 1]]), ["茶"]);
        assert_eq!(marked("plain text", &[[0, 5]]), ["plain"]);
    }
}
