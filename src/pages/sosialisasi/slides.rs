//! The content of the presenter's slides, in plain Indonesian first and
//! English second: short points readable from the back of a hall, and an
//! example where one helps. The facts follow the design card (kinds,
//! anonymity, deadlines in working days, maladministration types).

/// One text in both languages: (Indonesian, English).
pub type Text = (&'static str, &'static str);

pub struct Slide {
    pub title: Text,
    pub points: &'static [Text],
    pub example: Option<Text>,
}

pub const SLIDES: &[Slide] = &[
    Slide {
        title: ("Apa itu LAPOR!?", "What is LAPOR!?"),
        points: &[
            ("Saluran resmi pengaduan pelayanan publik untuk seluruh Indonesia.", "The official channel for public-service complaints across Indonesia."),
            ("Gratis, dari HP, kapan saja: tidak perlu datang ke kantor.", "Free, from a phone, at any time: no need to visit an office."),
            ("Laporan Anda diteruskan ke instansi yang berwenang, dan Anda bisa memantaunya.", "Your report is forwarded to the agency in charge, and you can follow it."),
        ],
        example: Some((
            "Satu kabupaten hanya menerima 18 laporan dalam setahun — bukan karena tidak ada masalah, tetapi karena warga belum tahu salurannya.",
            "One regency received only 18 reports in a whole year — not because there were no problems, but because people did not know the channel.",
        )),
    },
    Slide {
        title: ("Apa yang bisa dilaporkan?", "What can be reported?"),
        points: &[
            ("Pelayanan publik yang buruk, lambat, atau tidak diberikan.", "A public service that is poor, slow or not provided at all."),
            ("Jalan, air minum, listrik, sekolah, puskesmas, KTP, bantuan sosial, dana desa…", "Roads, drinking water, electricity, schools, clinics, ID cards, social aid, village funds…"),
            ("Bukan untuk urusan pribadi antarwarga atau perkara yang sedang diadili.", "Not for private disputes between citizens or cases before a court."),
        ],
        example: Some(("Contoh: “Jalan desa di Sekadau rusak berat sejak Maret, truk sawit terperosok setiap hari.”", "Example: “The village road in Sekadau has been badly broken since March; palm-oil trucks get stuck every day.”")),
    },
    Slide {
        title: ("Tiga jenis laporan", "Three kinds of report"),
        points: &[
            ("Pengaduan: ada pelayanan yang merugikan Anda.", "Complaint: a service has harmed you."),
            ("Aspirasi: usul atau saran untuk pelayanan yang lebih baik.", "Aspiration: a proposal or suggestion for a better service."),
            ("Permintaan informasi: bertanya tentang layanan, syarat, atau anggaran.", "Information request: asking about a service, its requirements or budget."),
        ],
        example: None,
    },
    Slide {
        title: ("Menulis laporan yang jelas", "Writing a clear report"),
        points: &[
            ("Apa yang terjadi, di mana, kapan, siapa yang terlibat, bagaimana kejadiannya (5W+1H).", "What happened, where, when, who was involved, how it happened (5W+1H)."),
            ("Pilih lokasi sampai desa; titik peta boleh, tidak wajib.", "Choose the location down to the village; a map point is welcome, never required."),
            ("Lampirkan foto atau dokumen: foto diperkecil di HP dan data lokasinya (GPS) dihapus.", "Attach photos or documents: photos are shrunk on the phone and their location data (GPS) removed."),
        ],
        example: None,
    },
    Slide {
        title: ("Anonim dan rahasia", "Anonymous and confidential"),
        points: &[
            ("Anonim: nama Anda tidak diperlihatkan kepada instansi, pimpinan, maupun publik.", "Anonymous: your name is not shown to the agency, to leaders or to the public."),
            ("Rahasia: seluruh laporan tidak tampil di daftar publik maupun di halaman lacak publik.", "Confidential: the whole report stays out of the public list and the public tracking page."),
            ("Keduanya bisa dipilih bersamaan. Pilih bila Anda khawatir akan akibatnya.", "You can choose both. Choose them if you fear the consequences."),
        ],
        example: None,
    },
    Slide {
        title: ("Nomor lacak dan kode akses", "Tracking number and access code"),
        points: &[
            ("Setelah mengirim, Anda menerima nomor lacak 12 angka dan kode akses rahasia.", "After sending you get a 12-digit tracking number and a secret access code."),
            ("Nomor saja: hanya status laporan. Nomor + kode: semua isi, dan Anda bisa membalas serta menilai.", "The number alone: only the status. Number + code: everything, and you can reply and rate."),
            ("Simpan kodenya: kode hanya ditampilkan sekali. Jangan bagikan kepada orang lain.", "Keep the code: it is shown only once. Do not share it with anyone."),
        ],
        example: None,
    },
    Slide {
        title: ("Batas waktu yang wajib dipenuhi", "Deadlines the agencies must meet"),
        points: &[
            ("Verifikasi oleh admin koordinator: 3 hari kerja sejak laporan masuk.", "Verification by the coordinator: 3 working days from submission."),
            ("Tindak lanjut instansi: 5 hari kerja; 14 hari kerja bila perlu kajian, 60 bila perlu cek lapangan.", "Agency follow-up: 5 working days; 14 when it needs study, 60 when it needs a field check."),
            ("Setelah ditindaklanjuti, Anda punya 10 hari kerja untuk menanggapi; setelah itu laporan selesai.", "After the follow-up you have 10 working days to reply; then the report is finished."),
            ("Hari kerja: Senin–Jumat, tanpa hari libur nasional dan cuti bersama.", "Working days: Monday to Friday, without national holidays and collective leave."),
        ],
        example: None,
    },
    Slide {
        title: ("Contoh maladministrasi", "Examples of maladministration"),
        points: &[
            ("Penundaan berlarut: izin usaha tidak selesai berbulan-bulan tanpa alasan.", "Protracted delay: a business permit left for months without a reason."),
            ("Permintaan imbalan: diminta “uang rokok” untuk mengurus KTP.", "Asking for a reward: asked for “cigarette money” to get an ID card."),
            ("Tidak memberikan pelayanan, penyimpangan prosedur, penyalahgunaan wewenang, tidak kompeten.", "Not providing the service, deviating from procedure, abuse of authority, incompetence."),
            ("Bertindak tidak patut, berpihak, konflik kepentingan, diskriminasi.", "Improper conduct, partiality, conflict of interest, discrimination."),
        ],
        example: None,
    },
    Slide {
        title: ("Setelah laporan dikirim", "After a report is sent"),
        points: &[
            ("1. Admin koordinator memeriksa laporan, bisa meminta Anda melengkapinya.", "1. The coordinator checks the report and may ask you to complete it."),
            ("2. Laporan diteruskan (didisposisikan) ke instansi yang berwenang.", "2. The report is forwarded (dispatched) to the agency in charge."),
            ("3. Instansi menindaklanjuti dan menjawab; Anda melihatnya di halaman lacak.", "3. The agency follows up and answers; you see it on the tracking page."),
            ("4. Anda menerima, membalas, atau membuka kembali bila belum puas, lalu memberi nilai.", "4. You accept it, reply, or reopen it if not satisfied, then rate it."),
        ],
        example: Some(("Sekarang giliran Anda: coba kirim laporan latihan dari HP Anda.", "Now it is your turn: try sending a practice report from your phone.")),
    },
];
