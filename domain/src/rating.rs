//! The reporter's rating of a follow-up, given when accepting it.

use crate::{FieldIssue, Lang};

pub const MIN: u8 = 1;
pub const MAX: u8 = 5;

/// A rating is one of 1–5; 0 (none chosen) and anything above 5 are refused.
pub fn check(rating: u8) -> Result<u8, FieldIssue> {
    if (MIN..=MAX).contains(&rating) {
        Ok(rating)
    } else {
        Err(FieldIssue::InvalidRating)
    }
}

/// What each rating means, for labels ("4 — Puas").
pub fn label(rating: u8, lang: Lang) -> &'static str {
    let (id, en) = match rating {
        1 => ("Sangat tidak puas", "Very unsatisfied"),
        2 => ("Tidak puas", "Unsatisfied"),
        3 => ("Cukup", "Fair"),
        4 => ("Puas", "Satisfied"),
        5 => ("Sangat puas", "Very satisfied"),
        _ => ("—", "—"),
    };
    lang.pick(id, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five_is_a_rating() {
        assert_eq!(check(0), Err(FieldIssue::InvalidRating));
        assert_eq!(check(1), Ok(1));
        assert_eq!(check(5), Ok(5));
        assert_eq!(check(6), Err(FieldIssue::InvalidRating));
        assert_eq!(label(1, Lang::Id), "Sangat tidak puas");
        assert_eq!(label(5, Lang::En), "Very satisfied");
    }
}
