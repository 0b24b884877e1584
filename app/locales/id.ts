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
}
export default id
export type Messages = typeof id
