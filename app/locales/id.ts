// Bahasa Indonesia: the default language of the portal.
const id = {
  app: { name: 'Bina', tagline: 'Portal Pengembangan Kompetensi ASN Pemerintah Provinsi Jambi' },
  nav: {
    home: 'Beranda',
    catalog: 'Katalog Kursus',
    myLearning: 'Pembelajaran Saya',
    profile: 'Profil Kompetensi',
    team: 'Tim Saya',
    admin: 'Administrasi',
    users: 'Pengguna',
    organisation: 'Organisasi',
    authoring: 'Kelola Kursus',
    jobs: 'Antrian Tugas',
    notifications: 'Notifikasi',
    signOut: 'Keluar',
    signIn: 'Masuk',
    skip: 'Lewati ke konten utama',
    language: 'Bahasa',
    mainMenu: 'Menu utama',
  },
  roles: { ASN: 'ASN (Peserta)', INSTRUCTOR: 'Pengajar', SUPERVISOR: 'Atasan', ADMIN: 'Admin' },
  jabatanKind: {
    JPT_MADYA: 'JPT Madya',
    JPT_PRATAMA: 'JPT Pratama',
    ADMINISTRATOR: 'Administrator',
    PENGAWAS: 'Pengawas',
    PELAKSANA: 'Pelaksana',
    FUNGSIONAL: 'Fungsional',
  },
  login: {
    title: 'Masuk ke Bina',
    identifier: 'NIP atau email',
    identifierHint: 'NIP 18 digit, boleh dengan spasi.',
    password: 'Kata sandi',
    submit: 'Masuk',
    expired: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    signedOut: 'Anda telah keluar.',
  },
  home: {
    greeting: 'Selamat datang, {{name}}',
    unit: 'Unit kerja',
    jabatan: 'Jabatan',
    roles: 'Peran',
    nip: 'NIP',
    employeeKind: 'Status',
    noUnit: 'Belum ditetapkan',
  },
  notifications: {
    title: 'Notifikasi',
    empty: 'Belum ada notifikasi.',
    markAll: 'Tandai semua sudah dibaca',
    unread: '{{count}} belum dibaca',
  },
  errors: {
    forbiddenTitle: 'Akses ditolak',
    notFoundTitle: 'Halaman tidak ditemukan',
    genericTitle: 'Terjadi kesalahan',
    generic: 'Maaf, terjadi kesalahan pada server. Coba lagi beberapa saat lagi.',
    back: 'Kembali ke beranda',
  },
  domain: {
    numbers: {
      DOT_THOUSANDS_OR_DECIMAL:
        'Ada angka yang dapat dibaca dua cara (misalnya 6.600: enam ribu enam ratus, atau 6,6). Tulis ribuan dengan titik dan desimal dengan koma: 6.600 atau 6,6; untuk jutaan tulis lengkap, misalnya 6.600.000.',
      COMMA_DECIMAL_OR_THOUSANDS:
        'Angka seperti 1,500 dibaca 1,5 (koma adalah tanda desimal). Untuk seribu lima ratus tulis 1.500.',
      ENGLISH_SEPARATORS:
        'Gunakan titik untuk ribuan dan koma untuk desimal, misalnya 5.250.000,50.',
      NOT_A_NUMBER: 'Isi dengan angka, misalnya 6.600.000 atau 1,5.',
    },
    rating: {
      rule: 'Cara level dihitung: setiap percobaan kuis yang dijawab menjadi bukti selama {{years}} tahun; percobaan yang tidak dijawab sama sekali tidak dihitung. Untuk setiap level dipakai hasil terbaik Anda pada soal level itu; level tercapai bila hasil terbaik minimal {{threshold}}% dan setiap level di bawahnya yang punya soal juga tercapai. Percobaan ulang yang lebih buruk tidak menurunkan level.',
      notMeasured: 'belum terukur',
      belowLevel1: '0 — level 1 belum tercapai',
      levelLine: 'Level {{level}}: terbaik {{percent}}% ({{date}})',
      reached: 'tercapai',
      notReached: 'belum tercapai, perlu {{threshold}}%',
      blank: 'tidak dijawab, tidak dihitung',
      expired: 'lebih dari {{years}} tahun, tidak dihitung',
      quizNote:
        'Untuk level kompetensi: percobaan yang tidak dijawab sama sekali tidak dihitung; untuk setiap level dipakai hasil terbaik Anda dalam {{years}} tahun terakhir (minimal {{threshold}}%). Percobaan ulang tidak dapat menurunkan level Anda.',
    },
    gradingMethod: {
      name: { HIGHEST: 'Tertinggi', LAST: 'Terakhir', FIRST: 'Pertama', AVERAGE: 'Rata-rata' },
      counts: {
        HIGHEST: 'nilai tertinggi',
        LAST: 'nilai terakhir',
        FIRST: 'nilai pertama',
        AVERAGE: 'rata-rata nilai',
      },
      option: {
        HIGHEST: 'Tertinggi — nilai percobaan terbaik',
        LAST: 'Terakhir — nilai percobaan terakhir',
        FIRST: 'Pertama — nilai percobaan pertama',
        AVERAGE: 'Rata-rata — rata-rata semua percobaan',
      },
    },
    recommendation: {
      GAP: 'Kesenjangan {{gap}} level pada {{competency}}',
      JP_LEFT: '{{left}} JP lagi menuju {{target}} JP tahun ini',
      JP_REACHED: 'target {{target}} JP tahun ini sudah tercapai',
    },
    nip: {
      EMPTY: 'NIP wajib diisi.',
      NOT_DIGITS:
        'NIP hanya boleh berisi angka: karakter "{{char}}" pada posisi ke-{{position}} tidak diperbolehkan.',
      LENGTH: 'NIP harus terdiri dari 18 digit angka, sedangkan yang dimasukkan {{length}} digit.',
      BIRTH_DATE:
        'Tanggal lahir tidak valid: {{digits}} bukan tanggal kalender (digit ke-1 sampai 8, format TTTTBBHH).',
      BIRTH_YEAR: 'Tanggal lahir tidak valid: tahun lahir {{year}} lebih awal dari {{min}}.',
      BIRTH_FUTURE: 'Tanggal lahir tidak valid: {{date}} berada di masa depan.',
      TMT_MONTH:
        'Bulan TMT CPNS tidak valid: "{{month}}" pada {{digits}} harus antara 01 dan 12 (digit ke-13 sampai 14).',
      TMT_YEAR: 'Tahun TMT CPNS tidak valid: {{year}} lebih awal dari {{min}}.',
      TMT_FUTURE: 'TMT CPNS tidak valid: {{tmt}} berada di masa depan.',
      TMT_BEFORE_18:
        'TMT CPNS harus setelah usia 18 tahun: lahir {{birth}}, sehingga TMT CPNS paling awal {{earliest}}, bukan {{tmt}}.',
      SEX: 'Kode jenis kelamin harus 1 atau 2 (digit ke-15), bukan {{digit}}.',
      SEQUENCE: 'Nomor urut tidak boleh 000: digit ke-16 sampai 18 harus antara 001 dan 999.',
    },
  },
  jobs: {
    notifications: {
      WELCOME: {
        title: 'Selamat datang di Bina',
        body: 'Halo {{name}}, akun Anda telah dibuat. Lihat profil kompetensi Anda dan mulai belajar dari katalog kursus.',
      },
      COURSE_COMPLETED: {
        title: 'Kursus selesai',
        body: 'Selamat! Anda menyelesaikan "{{course}}" dan memperoleh {{jp}} JP.',
      },
      open: 'Buka',
    },
  },
  security: {
    forgotLink: 'Lupa kata sandi?',
    currentPassword: 'Kata sandi saat ini',
    newPassword: 'Kata sandi baru',
    confirmPassword: 'Ulangi kata sandi baru',
    passwordHint: 'Minimal 10 karakter. Jangan memakai NIP, nama, atau kata sandi yang umum.',
    changeTitle: 'Ganti kata sandi',
    changeSubmit: 'Simpan kata sandi baru',
    mustChange:
      'Anda masuk dengan kata sandi sementara. Pilih kata sandi Anda sendiri untuk melanjutkan.',
    changed: 'Kata sandi berhasil diganti. Sesi lain akun ini telah diakhiri.',
    currentWrong: 'Kata sandi saat ini salah.',
    mismatch: 'Kedua kata sandi baru tidak sama.',
    sameAsCurrent: 'Kata sandi baru harus berbeda dari kata sandi saat ini.',
    required: 'Wajib diisi.',
    forgotTitle: 'Lupa kata sandi',
    forgotIntro:
      'Masukkan NIP atau email akun Anda. Kami akan mengirim tautan untuk membuat kata sandi baru ke email yang terdaftar.',
    forgotSubmit: 'Kirim tautan',
    forgotSent:
      'Jika akun tersebut terdaftar, tautan untuk membuat kata sandi baru telah dikirim ke emailnya. Tautan berlaku {{minutes}} menit dan hanya bisa dipakai sekali.',
    forgotWait: 'Terlalu banyak permintaan. Coba lagi beberapa menit lagi.',
    resetTitle: 'Buat kata sandi baru',
    resetSubmit: 'Simpan dan masuk',
    resetInvalid:
      'Tautan ini tidak berlaku: sudah dipakai, sudah kedaluwarsa, atau tidak lengkap. Minta tautan baru.',
    resetDone: 'Kata sandi baru tersimpan. Silakan masuk.',
    requestNew: 'Minta tautan baru',
    backToLogin: 'Kembali ke halaman masuk',
    problem: {
      TOO_SHORT: 'Kata sandi minimal 10 karakter.',
      TOO_LONG: 'Kata sandi paling banyak 128 karakter.',
      COMMON: 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.',
      CONTAINS_NIP: 'Kata sandi tidak boleh memuat NIP atau tanggal lahir Anda.',
      CONTAINS_NAME: 'Kata sandi tidak boleh memuat nama atau alamat email Anda.',
    },
  },
}
export default id
export type Messages = typeof id
