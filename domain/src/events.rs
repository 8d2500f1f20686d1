//! What happens on a report's timeline: one kind per event, shared by the
//! server (which stores `as_str`) and the apps (which label it).

use crate::{Lang, Transition};
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The reporter sent the report (or an officer entered it).
    Submitted,
    RequestInfo,
    SupplyInfo,
    Archive,
    Dispatch,
    Return,
    Respond,
    Close,
    Reopen,
    /// An internal note (never shown to the reporter).
    Note,
    /// Anonymous and/or confidential set on the reporter's behalf.
    Flags,
    /// Category, maladministration type or follow-up class changed.
    Classify,
}

/// Read as a string and looked up in `ALL` (the derived visitor would add
/// code to every wasm that reads a timeline; this reuses `String`'s).
impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EventKind, D::Error> {
        let s = String::deserialize(d)?;
        EventKind::parse(&s).ok_or_else(|| serde::de::Error::custom("unknown event kind"))
    }
}

impl EventKind {
    pub const ALL: [EventKind; 12] = [
        EventKind::Submitted,
        EventKind::RequestInfo,
        EventKind::SupplyInfo,
        EventKind::Archive,
        EventKind::Dispatch,
        EventKind::Return,
        EventKind::Respond,
        EventKind::Close,
        EventKind::Reopen,
        EventKind::Note,
        EventKind::Flags,
        EventKind::Classify,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::RequestInfo => "request_info",
            EventKind::SupplyInfo => "supply_info",
            EventKind::Archive => "archive",
            EventKind::Dispatch => "dispatch",
            EventKind::Return => "return",
            EventKind::Respond => "respond",
            EventKind::Close => "close",
            EventKind::Reopen => "reopen",
            EventKind::Note => "note",
            EventKind::Flags => "flags",
            EventKind::Classify => "classify",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The event a transition records.
    pub fn of(t: Transition) -> EventKind {
        match t {
            Transition::RequestInfo => EventKind::RequestInfo,
            Transition::SupplyInfo => EventKind::SupplyInfo,
            Transition::Archive => EventKind::Archive,
            Transition::Dispatch => EventKind::Dispatch,
            Transition::Return => EventKind::Return,
            Transition::Respond => EventKind::Respond,
            Transition::Close => EventKind::Close,
            Transition::Reopen => EventKind::Reopen,
        }
    }

    /// The heading of the event on a timeline.
    pub fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            EventKind::Submitted => ("Laporan dikirim", "Report submitted"),
            EventKind::RequestInfo => ("Diminta melengkapi", "More information requested"),
            EventKind::SupplyInfo => ("Informasi dilengkapi", "Information supplied"),
            EventKind::Archive => ("Diarsipkan", "Archived"),
            EventKind::Dispatch => ("Diverifikasi dan didisposisikan", "Verified and forwarded"),
            EventKind::Return => ("Dikembalikan: bukan wewenang", "Returned: not its authority"),
            EventKind::Respond => ("Tindak lanjut", "Follow-up"),
            EventKind::Close => ("Selesai", "Closed"),
            EventKind::Reopen => ("Dibuka kembali", "Reopened"),
            EventKind::Note => ("Catatan internal", "Internal note"),
            EventKind::Flags => ("Perubahan anonim/rahasia", "Anonymity/confidentiality changed"),
            EventKind::Classify => ("Klasifikasi diubah", "Classification changed"),
        };
        lang.pick(id, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_serialize_as_stored() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
            assert_eq!(serde_json::from_str::<EventKind>(&format!("\"{}\"", k.as_str())).unwrap(), k);
        }
        assert!(serde_json::from_str::<EventKind>("\"bogus\"").is_err());
        assert_eq!(EventKind::parse("bogus"), None);
    }

    #[test]
    fn every_transition_has_its_event() {
        use Transition::*;
        for t in [RequestInfo, SupplyInfo, Archive, Dispatch, Return, Respond, Close, Reopen] {
            let k = EventKind::of(t);
            assert_eq!(format!("{t:?}"), format!("{k:?}"));
        }
    }
}
