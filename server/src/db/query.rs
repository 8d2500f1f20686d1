//! Building a WHERE clause with its bound values, portable across SQLite and
//! PostgreSQL (`$n` placeholders), and the one backend-specific condition:
//! full-text search over reports' title and body (migration 0006: FTS5 on
//! SQLite, a tsvector column on PostgreSQL).

use super::Backend;

pub(super) enum Arg {
    Int(i64),
    Text(String),
}

/// A WHERE clause under construction with its bound values (`$n` in order).
pub(super) struct Where {
    pub sql: String,
    pub args: Vec<Arg>,
}

impl Where {
    /// Starts with a condition of constants only.
    pub fn new(base: impl Into<String>) -> Where {
        Where { sql: base.into(), args: Vec::new() }
    }

    /// Appends ` AND {cond}` where each `?` in `cond` is the next value.
    pub fn and(&mut self, cond: &str, values: Vec<Arg>) {
        let mut out = String::with_capacity(cond.len() + 8);
        let mut it = values.into_iter();
        for ch in cond.chars() {
            if ch == '?' {
                let v = it.next().expect("a value for every placeholder");
                out.push_str(&self.push(v));
            } else {
                out.push(ch);
            }
        }
        assert!(it.next().is_none(), "a placeholder for every value");
        self.sql.push_str(" AND ");
        self.sql.push_str(&out);
    }

    /// Binds one more value and returns its placeholder (`$n`).
    pub fn push(&mut self, v: Arg) -> String {
        self.args.push(v);
        format!("${}", self.args.len())
    }

    /// `AND col IN (…)` over the values, nothing when there are none.
    pub fn and_in(&mut self, col: &str, values: Vec<Arg>) {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.and(&format!("{col} IN ({marks})"), values);
    }

    /// Every word must match the report's title or body, each as a prefix.
    /// `words` are letters and digits only (`public::words`), so no search
    /// syntax reaches the engine.
    pub fn and_words(&mut self, backend: Backend, words: &[String]) {
        if words.is_empty() {
            return;
        }
        match backend {
            Backend::Sqlite => {
                // Each word a quoted FTS5 string with `*` (prefix), all of
                // them required (implicit AND).
                let m: Vec<String> = words.iter().map(|t| format!("\"{t}\"*")).collect();
                self.and("r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)", vec![Arg::Text(m.join(" "))]);
            }
            Backend::Postgres => {
                // Each word a quoted lexeme with `:*` (prefix), joined by `&`.
                let m: Vec<String> = words.iter().map(|t| format!("'{t}':*")).collect();
                self.and("r.search @@ to_tsquery('simple', ?)", vec![Arg::Text(m.join(" & "))]);
            }
        }
    }
}

pub(super) fn bind<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    args: &'q [Arg],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(*i),
            Arg::Text(t) => q.bind(t.as_str()),
        };
    }
    q
}
