//! The web app's areas. Each is its own wasm and page, so a phone downloads
//! only the part it opens; the server picks an area's page by path, and the
//! app sends links that leave its area to the server (a full page load).

/// An area of the web app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// `/` and any path no other area claims.
    Home,
    /// `/lapor`: the report form; also `/latihan/{code}`, the practice form
    /// of a socialization session.
    Lapor,
    /// `/saya`: the reports this device sent, and those waiting to be.
    Saya,
    /// `/lacak`: a report followed with its tracking number.
    Lacak,
    /// `/laporan`: the public list of reports.
    Laporan,
    /// `/laporan/{nomor}`: one public report.
    LaporanNomor,
    /// `/admin/…`: the officers' console.
    Admin,
    /// `/sosialisasi`: the presenter screen of a socialization event.
    Sosialisasi,
    /// `/admin/rekap`: the console's recaps, with their charts (their own
    /// wasm, so the rest of the console does not carry them).
    Rekap,
    /// `/admin/pengguna`, `/admin/instansi`, `/admin/kategori` and
    /// `/admin/libur`: managing accounts, agencies, categories and holidays, in their own wasm so the queue's console carries none of it.
    Kelola,
    /// `/admin/terima`: a report from another channel entered by a
    /// coordinator, with the reporter's printed receipt.
    Terima,
}

impl Area {
    pub const ALL: [Area; 11] = [
        Area::Home,
        Area::Lapor,
        Area::Saya,
        Area::Lacak,
        Area::Laporan,
        Area::LaporanNomor,
        Area::Admin,
        Area::Sosialisasi,
        Area::Rekap,
        Area::Kelola,
        Area::Terima,
    ];

    /// The area a path belongs to.
    pub fn of(path: &str) -> Area {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let mut segments = path.trim_start_matches('/').split('/');
        let first = segments.next().unwrap_or("");
        let second = segments.next().unwrap_or("");
        match first {
            "laporan" if !second.is_empty() => Area::LaporanNomor,
            "lapor" => Area::Lapor,
            "latihan" if !second.is_empty() => Area::Lapor,
            "saya" => Area::Saya,
            "lacak" => Area::Lacak,
            "laporan" => Area::Laporan,
            "admin" if second == "rekap" => Area::Rekap,
            "admin" if matches!(second, "pengguna" | "instansi" | "kategori" | "libur") => Area::Kelola,
            "admin" if second == "terima" => Area::Terima,
            "admin" => Area::Admin,
            "sosialisasi" => Area::Sosialisasi,
            _ => Area::Home,
        }
    }

    /// The folder of the built app that holds this area's page and files
    /// (`""`: the top folder).
    pub fn dir(self) -> &'static str {
        match self {
            Area::Home => "",
            Area::Lapor => "lapor",
            Area::Saya => "saya",
            Area::Lacak => "lacak",
            Area::Laporan => "laporan",
            Area::LaporanNomor => "laporan-nomor",
            Area::Admin => "admin",
            Area::Sosialisasi => "sosialisasi",
            Area::Rekap => "rekap",
            Area::Kelola => "kelola",
            Area::Terima => "terima",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_area() {
        assert_eq!(Area::of("/"), Area::Home);
        assert_eq!(Area::of("/nowhere"), Area::Home);
        assert_eq!(Area::of("/lapor"), Area::Lapor);
        assert_eq!(Area::of("/saya?x=1"), Area::Saya);
        assert_eq!(Area::of("/lacak?nomor=1"), Area::Lacak);
        assert_eq!(Area::of("/laporan"), Area::Laporan);
        assert_eq!(Area::of("/laporan?q=jalan"), Area::Laporan);
        assert_eq!(Area::of("/laporan/"), Area::Laporan);
        assert_eq!(Area::of("/laporan/1234-5678-9012"), Area::LaporanNomor);
        assert_eq!(Area::of("/admin/laporan/3"), Area::Admin);
        assert_eq!(Area::of("/latihan/482913"), Area::Lapor);
        assert_eq!(Area::of("/latihan"), Area::Home);
        assert_eq!(Area::of("/sosialisasi"), Area::Sosialisasi);
        assert_eq!(Area::of("/admin/rekap"), Area::Rekap);
        assert_eq!(Area::of("/admin/rekap?from=2026-01-01"), Area::Rekap);
        assert_eq!(Area::of("/admin/rekapitulasi"), Area::Admin);
        assert_eq!(Area::of("/admin/pengguna"), Area::Kelola);
        assert_eq!(Area::of("/admin/pengguna?q=dinkes"), Area::Kelola);
        assert_eq!(Area::of("/admin/kategori"), Area::Kelola);
        assert_eq!(Area::of("/admin/libur"), Area::Kelola);
        assert_eq!(Area::of("/admin/instansi"), Area::Kelola);
        assert_eq!(Area::of("/admin/terima"), Area::Terima);
        // A prefix is not enough: "/laporanku" is not the public list.
        assert_eq!(Area::of("/laporanku"), Area::Home);
        assert_eq!(Area::of("/lapor-x"), Area::Home);
    }
}
