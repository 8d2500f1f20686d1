//! Tracking numbers and access codes.
//!
//! A tracking number is 12 digits shown as `1234-5678-9012`: digits are easy
//! to read aloud and to type on a phone keypad. 11 digits are random (not
//! sequential, not guessable) and the last is a Damm check digit, so a typo
//! is caught before any lookup. The access code is 10 characters from an
//! alphabet without look-alikes (no 0/o, 1/l/i), shown as `abcde-fghjk`.

const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

fn damm(digits: &[u8]) -> u8 {
    digits.iter().fold(0, |interim, &d| DAMM[interim as usize][d as usize])
}

pub const TRACKING_DIGITS: usize = 12;
pub const ACCESS_CODE_LEN: usize = 10;
const CODE_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// Makes a tracking number (canonical form, 12 digits, no separators) from a random value.
pub fn tracking_from_random(random: u64) -> String {
    let mut n = random % 100_000_000_000; // 11 digits
    let mut digits = [0u8; TRACKING_DIGITS];
    for i in (0..TRACKING_DIGITS - 1).rev() {
        digits[i] = (n % 10) as u8;
        n /= 10;
    }
    // Never start with 0: a leading zero is easily dropped when read aloud.
    if digits[0] == 0 {
        digits[0] = 1 + (random % 9) as u8;
    }
    digits[TRACKING_DIGITS - 1] = damm(&digits[..TRACKING_DIGITS - 1]);
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// Accepts what a person types (spaces, dashes, dots) and returns the
/// canonical 12 digits, or `None` when it cannot be a tracking number.
pub fn normalize_tracking(input: &str) -> Option<String> {
    let digits: Vec<u8> = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}'))
        .map(|c| c.to_digit(10).map(|d| d as u8))
        .collect::<Option<_>>()?;
    (digits.len() == TRACKING_DIGITS && damm(&digits) == 0)
        .then(|| digits.iter().map(|d| char::from(b'0' + d)).collect())
}

/// `123456789012` → `1234-5678-9012`.
pub fn display_tracking(canonical: &str) -> String {
    group(canonical, 4)
}

/// Makes an access code (canonical, 10 characters) from random bytes.
pub fn access_code_from_random(random: [u8; ACCESS_CODE_LEN]) -> String {
    random
        .iter()
        .map(|b| char::from(CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()]))
        .collect()
}

/// Lower-cases and drops separators; `None` when it cannot be an access code.
pub fn normalize_access_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == ACCESS_CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// `abcdefghjk` → `abcde-fghjk`.
pub fn display_access_code(canonical: &str) -> String {
    group(canonical, 5)
}

fn group(s: &str, size: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars.chunks(size).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_a_check_digit_that_catches_typos() {
        let n = tracking_from_random(0x1234_5678_9abc_def0);
        assert_eq!(n.len(), 12);
        assert!(!n.starts_with('0'));
        assert_eq!(normalize_tracking(&n), Some(n.clone()));
        assert_eq!(normalize_tracking(&display_tracking(&n)), Some(n.clone()));
        assert_eq!(normalize_tracking(&format!(" {} ", display_tracking(&n).replace('-', " "))), Some(n.clone()));
        // Every single-digit typo and every swap of neighbours is rejected.
        let b: Vec<u8> = n.bytes().collect();
        for i in 0..12 {
            for d in b'0'..=b'9' {
                if d != b[i] {
                    let mut t = b.clone();
                    t[i] = d;
                    assert_eq!(normalize_tracking(std::str::from_utf8(&t).unwrap()), None);
                }
            }
            if i < 11 && b[i] != b[i + 1] {
                let mut t = b.clone();
                t.swap(i, i + 1);
                assert_eq!(normalize_tracking(std::str::from_utf8(&t).unwrap()), None);
            }
        }
        assert_eq!(normalize_tracking("12345"), None);
        assert_eq!(normalize_tracking("abcd-efgh-ijkl"), None);
    }

    #[test]
    fn different_randomness_gives_different_numbers() {
        let a = tracking_from_random(1);
        let b = tracking_from_random(2);
        assert_ne!(a, b);
        assert_eq!(display_tracking("123456789012"), "1234-5678-9012");
    }

    #[test]
    fn access_codes_avoid_look_alikes_and_normalize() {
        let c = access_code_from_random([0, 7, 30, 31, 100, 200, 255, 1, 2, 3]);
        assert_eq!(c.len(), 10);
        assert!(!c.contains(['0', '1', 'o', 'l', 'i']));
        assert_eq!(normalize_access_code(&display_access_code(&c).to_uppercase()), Some(c.clone()));
        assert_eq!(normalize_access_code("short"), None);
        assert_eq!(normalize_access_code("0000000000"), None);
    }
}
