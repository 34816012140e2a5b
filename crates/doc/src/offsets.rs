/// Converts byte offsets of a text to code-point offsets in O(log n).
pub struct CharMap<'a> {
    /// Byte offset of every 64th character, so that lookups scan at most
    /// 63 characters after a binary search.
    marks: Vec<usize>,
    ascii: bool,
    text: &'a [u8],
}

const STRIDE: usize = 64;

impl<'a> CharMap<'a> {
    pub fn new(text: &'a str) -> CharMap<'a> {
        let ascii = text.is_ascii();
        let mut marks = Vec::new();
        if !ascii {
            for (i, (b, _)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    marks.push(b);
                }
            }
        }
        CharMap { marks, ascii, text: text.as_bytes() }
    }

    /// The code-point offset of byte offset `byte` (which must lie on a
    /// character boundary or at the end of the text; other offsets round down).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        let k = match self.marks.binary_search(&byte) {
            Ok(k) => return k * STRIDE,
            Err(k) => k - 1,
        };
        let bytes = self.text;
        let mut chars = k * STRIDE;
        let mut b = self.marks[k];
        while b < byte {
            b += utf8_width(bytes[b]);
            chars += 1;
        }
        if b > byte {
            chars -= 1;
        }
        chars
    }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices() {
        let text = "“Zelenskyy” met al-Sharaa 🙂 in Dimashq — ".repeat(20);
        let map = CharMap::new(&text);
        for (ci, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(b), ci);
        }
        assert_eq!(map.char_offset(text.len()), text.chars().count());
    }
}
