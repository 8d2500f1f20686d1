//! A tiny CSV line reader for the embedded reference files: commas separate
//! fields, double quotes enclose fields with commas, `""` is a quote.

pub fn parse_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches(['\r', '\n']).chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// The data lines (header skipped, blank lines dropped) as fields.
pub fn rows(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    text.lines().skip(1).filter(|l| !l.trim().is_empty()).map(parse_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_commas() {
        assert_eq!(parse_line("a,\"b, c\",d"), vec!["a", "b, c", "d"]);
        assert_eq!(parse_line("1,\"Soka\"\"an\""), vec!["1", "Soka\"an"]);
        assert_eq!(parse_line(",x,"), vec!["", "x", ""]);
    }
}
