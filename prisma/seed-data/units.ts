// Organisation tree of Pemerintah Provinsi Jambi: the perangkat daerah (OPD) and, for the OPD the
// portal works with most, their units (sekretariat, subbagian, bidang, UPTD). Names follow the
// formal nomenclature of the provincial perangkat daerah; the tree is reference data for the
// portal, not an official organisation chart, and admins can adjust it in the app.
//
// Codes: the root is "JAMBI"; OPD codes are short and uppercase; every child code is its
// parent's code + "." + a suffix. Codes are stable keys (the seed upserts by code).
//
// Kinds: a Biro of the Sekretariat Daerah, a Sekretariat of an OPD and an Inspektur Pembantu
// are BIDANG (same echelon as a bidang); a Bagian under a Biro is recorded as SUBBAGIAN (the unit
// below a Biro).
import type { UnitSeed } from './types'

export const provinceUnit: UnitSeed = {
  code: 'JAMBI',
  name: 'Pemerintah Provinsi Jambi',
  kind: 'PROVINSI',
  children: [
    // -------------------------------------------------------------------------------------------
    // Sekretariat
    // -------------------------------------------------------------------------------------------
    {
      code: 'SETDA',
      name: 'Sekretariat Daerah',
      kind: 'OPD',
      children: [
        { code: 'SETDA.PEMOTDA', name: 'Biro Pemerintahan dan Otonomi Daerah', kind: 'BIDANG' },
        { code: 'SETDA.KESRA', name: 'Biro Kesejahteraan Rakyat', kind: 'BIDANG' },
        {
          code: 'SETDA.HUKUM',
          name: 'Biro Hukum',
          kind: 'BIDANG',
          children: [
            { code: 'SETDA.HUKUM.PUU', name: 'Bagian Perundang-undangan', kind: 'SUBBAGIAN' },
            { code: 'SETDA.HUKUM.BANKUM', name: 'Bagian Bantuan Hukum', kind: 'SUBBAGIAN' },
            {
              code: 'SETDA.HUKUM.DOKINFO',
              name: 'Bagian Dokumentasi dan Informasi Hukum',
              kind: 'SUBBAGIAN',
            },
          ],
        },
        { code: 'SETDA.EKON', name: 'Biro Perekonomian', kind: 'BIDANG' },
        { code: 'SETDA.ADPEM', name: 'Biro Administrasi Pembangunan', kind: 'BIDANG' },
        {
          code: 'SETDA.PBJ',
          name: 'Biro Pengadaan Barang dan Jasa',
          kind: 'BIDANG',
          children: [
            {
              code: 'SETDA.PBJ.PENGELOLAAN',
              name: 'Bagian Pengelolaan Pengadaan Barang dan Jasa',
              kind: 'SUBBAGIAN',
            },
            {
              code: 'SETDA.PBJ.LPSE',
              name: 'Bagian Pengelolaan Layanan Pengadaan Secara Elektronik',
              kind: 'SUBBAGIAN',
            },
            {
              code: 'SETDA.PBJ.BINADV',
              name: 'Bagian Pembinaan dan Advokasi Pengadaan Barang dan Jasa',
              kind: 'SUBBAGIAN',
            },
          ],
        },
        {
          code: 'SETDA.ORG',
          name: 'Biro Organisasi',
          kind: 'BIDANG',
          children: [
            {
              code: 'SETDA.ORG.KAJ',
              name: 'Bagian Kelembagaan dan Analisis Jabatan',
              kind: 'SUBBAGIAN',
            },
            {
              code: 'SETDA.ORG.RBAK',
              name: 'Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja',
              kind: 'SUBBAGIAN',
            },
            { code: 'SETDA.ORG.TALAK', name: 'Bagian Tata Laksana', kind: 'SUBBAGIAN' },
          ],
        },
        {
          code: 'SETDA.UMUM',
          name: 'Biro Umum',
          kind: 'BIDANG',
          children: [
            { code: 'SETDA.UMUM.TU', name: 'Bagian Tata Usaha', kind: 'SUBBAGIAN' },
            { code: 'SETDA.UMUM.RT', name: 'Bagian Rumah Tangga', kind: 'SUBBAGIAN' },
          ],
        },
        {
          code: 'SETDA.ADPIM',
          name: 'Biro Administrasi Pimpinan',
          kind: 'BIDANG',
          children: [
            { code: 'SETDA.ADPIM.PROTOKOL', name: 'Bagian Protokol', kind: 'SUBBAGIAN' },
            {
              code: 'SETDA.ADPIM.MKP',
              name: 'Bagian Materi dan Komunikasi Pimpinan',
              kind: 'SUBBAGIAN',
            },
          ],
        },
      ],
    },
    { code: 'SETWAN', name: 'Sekretariat Dewan Perwakilan Rakyat Daerah', kind: 'OPD' },

    // -------------------------------------------------------------------------------------------
    // Inspektorat
    // -------------------------------------------------------------------------------------------
    {
      code: 'INSPEKTORAT',
      name: 'Inspektorat',
      kind: 'OPD',
      children: [
        {
          code: 'INSPEKTORAT.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'INSPEKTORAT.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            {
              code: 'INSPEKTORAT.SEK.EVLAP',
              name: 'Subbagian Evaluasi dan Pelaporan',
              kind: 'SUBBAGIAN',
            },
            {
              code: 'INSPEKTORAT.SEK.ADUM',
              name: 'Subbagian Administrasi dan Umum',
              kind: 'SUBBAGIAN',
            },
          ],
        },
        { code: 'INSPEKTORAT.IRBAN1', name: 'Inspektur Pembantu Wilayah I', kind: 'BIDANG' },
        { code: 'INSPEKTORAT.IRBAN2', name: 'Inspektur Pembantu Wilayah II', kind: 'BIDANG' },
        { code: 'INSPEKTORAT.IRBAN3', name: 'Inspektur Pembantu Wilayah III', kind: 'BIDANG' },
        { code: 'INSPEKTORAT.IRBAN4', name: 'Inspektur Pembantu Wilayah IV', kind: 'BIDANG' },
        { code: 'INSPEKTORAT.IRBANSUS', name: 'Inspektur Pembantu Khusus', kind: 'BIDANG' },
      ],
    },

    // -------------------------------------------------------------------------------------------
    // Dinas
    // -------------------------------------------------------------------------------------------
    { code: 'DISDIK', name: 'Dinas Pendidikan', kind: 'OPD' },
    {
      code: 'DINKES',
      name: 'Dinas Kesehatan',
      kind: 'OPD',
      children: [
        {
          code: 'DINKES.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'DINKES.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            { code: 'DINKES.SEK.KEU', name: 'Subbagian Keuangan', kind: 'SUBBAGIAN' },
            { code: 'DINKES.SEK.UMP', name: 'Subbagian Umum dan Kepegawaian', kind: 'SUBBAGIAN' },
          ],
        },
        { code: 'DINKES.KESMAS', name: 'Bidang Kesehatan Masyarakat', kind: 'BIDANG' },
        { code: 'DINKES.P2P', name: 'Bidang Pencegahan dan Pengendalian Penyakit', kind: 'BIDANG' },
        { code: 'DINKES.YANKES', name: 'Bidang Pelayanan Kesehatan', kind: 'BIDANG' },
        { code: 'DINKES.SDK', name: 'Bidang Sumber Daya Kesehatan', kind: 'BIDANG' },
        {
          code: 'DINKES.LABKESDA',
          name: 'UPTD Laboratorium Kesehatan Daerah',
          kind: 'UPTD',
          children: [
            { code: 'DINKES.LABKESDA.TU', name: 'Subbagian Tata Usaha', kind: 'SUBBAGIAN' },
            { code: 'DINKES.LABKESDA.YANLAB', name: 'Seksi Pelayanan Laboratorium', kind: 'SEKSI' },
          ],
        },
        {
          code: 'DINKES.BAPELKES',
          name: 'UPTD Balai Pelatihan Kesehatan',
          kind: 'UPTD',
          children: [
            { code: 'DINKES.BAPELKES.TU', name: 'Subbagian Tata Usaha', kind: 'SUBBAGIAN' },
          ],
        },
      ],
    },
    { code: 'DPUPR', name: 'Dinas Pekerjaan Umum dan Penataan Ruang', kind: 'OPD' },
    { code: 'DISPERKIM', name: 'Dinas Perumahan dan Kawasan Permukiman', kind: 'OPD' },
    { code: 'SATPOLPP', name: 'Satuan Polisi Pamong Praja', kind: 'OPD' },
    {
      code: 'DINSOSDUKCAPIL',
      name: 'Dinas Sosial, Kependudukan dan Pencatatan Sipil',
      kind: 'OPD',
    },
    { code: 'DISNAKERTRANS', name: 'Dinas Tenaga Kerja dan Transmigrasi', kind: 'OPD' },
    {
      code: 'DP3AP2',
      name: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
      kind: 'OPD',
    },
    { code: 'DISKETAPANG', name: 'Dinas Ketahanan Pangan', kind: 'OPD' },
    { code: 'DLH', name: 'Dinas Lingkungan Hidup', kind: 'OPD' },
    { code: 'DPMD', name: 'Dinas Pemberdayaan Masyarakat dan Desa', kind: 'OPD' },
    { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'OPD' },
    {
      code: 'DISKOMINFO',
      name: 'Dinas Komunikasi dan Informatika',
      kind: 'OPD',
      children: [
        {
          code: 'DISKOMINFO.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'DISKOMINFO.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            { code: 'DISKOMINFO.SEK.KEU', name: 'Subbagian Keuangan', kind: 'SUBBAGIAN' },
            {
              code: 'DISKOMINFO.SEK.UMP',
              name: 'Subbagian Umum dan Kepegawaian',
              kind: 'SUBBAGIAN',
            },
          ],
        },
        { code: 'DISKOMINFO.IKP', name: 'Bidang Informasi dan Komunikasi Publik', kind: 'BIDANG' },
        { code: 'DISKOMINFO.APTIKA', name: 'Bidang Aplikasi Informatika', kind: 'BIDANG' },
        {
          code: 'DISKOMINFO.SANDI',
          name: 'Bidang Persandian dan Keamanan Informasi',
          kind: 'BIDANG',
        },
        { code: 'DISKOMINFO.STAT', name: 'Bidang Statistik', kind: 'BIDANG' },
      ],
    },
    { code: 'DISKOPUKM', name: 'Dinas Koperasi dan Usaha Kecil dan Menengah', kind: 'OPD' },
    {
      code: 'DPMPTSP',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      kind: 'OPD',
      children: [
        {
          code: 'DPMPTSP.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'DPMPTSP.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            { code: 'DPMPTSP.SEK.KEU', name: 'Subbagian Keuangan', kind: 'SUBBAGIAN' },
            { code: 'DPMPTSP.SEK.UMP', name: 'Subbagian Umum dan Kepegawaian', kind: 'SUBBAGIAN' },
          ],
        },
        {
          code: 'DPMPTSP.PPIPM',
          name: 'Bidang Perencanaan dan Pengembangan Iklim Penanaman Modal',
          kind: 'BIDANG',
        },
        { code: 'DPMPTSP.PROMOSI', name: 'Bidang Promosi Penanaman Modal', kind: 'BIDANG' },
        {
          code: 'DPMPTSP.YANPER',
          name: 'Bidang Pelayanan Perizinan dan Nonperizinan',
          kind: 'BIDANG',
        },
        {
          code: 'DPMPTSP.DALAK',
          name: 'Bidang Pengendalian Pelaksanaan Penanaman Modal',
          kind: 'BIDANG',
        },
        {
          code: 'DPMPTSP.PKPL',
          name: 'Bidang Pengaduan, Kebijakan dan Pelaporan Layanan',
          kind: 'BIDANG',
        },
      ],
    },
    { code: 'DISPORA', name: 'Dinas Pemuda dan Olahraga', kind: 'OPD' },
    { code: 'DISBUDPAR', name: 'Dinas Kebudayaan dan Pariwisata', kind: 'OPD' },
    { code: 'DISPUSIP', name: 'Dinas Perpustakaan dan Arsip Daerah', kind: 'OPD' },
    { code: 'DKP', name: 'Dinas Kelautan dan Perikanan', kind: 'OPD' },
    { code: 'DTPH', name: 'Dinas Tanaman Pangan dan Hortikultura', kind: 'OPD' },
    { code: 'DISBUN', name: 'Dinas Perkebunan', kind: 'OPD' },
    { code: 'DISNAKKESWAN', name: 'Dinas Peternakan dan Kesehatan Hewan', kind: 'OPD' },
    { code: 'DISHUT', name: 'Dinas Kehutanan', kind: 'OPD' },
    { code: 'DESDM', name: 'Dinas Energi dan Sumber Daya Mineral', kind: 'OPD' },
    { code: 'DISPERINDAG', name: 'Dinas Perindustrian dan Perdagangan', kind: 'OPD' },

    // -------------------------------------------------------------------------------------------
    // Badan
    // -------------------------------------------------------------------------------------------
    { code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah', kind: 'OPD' },
    {
      code: 'BPKAD',
      name: 'Badan Pengelolaan Keuangan dan Aset Daerah',
      kind: 'OPD',
      children: [
        {
          code: 'BPKAD.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'BPKAD.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            { code: 'BPKAD.SEK.KEU', name: 'Subbagian Keuangan', kind: 'SUBBAGIAN' },
            { code: 'BPKAD.SEK.UMP', name: 'Subbagian Umum dan Kepegawaian', kind: 'SUBBAGIAN' },
          ],
        },
        { code: 'BPKAD.ANG', name: 'Bidang Anggaran', kind: 'BIDANG' },
        { code: 'BPKAD.PBD', name: 'Bidang Perbendaharaan', kind: 'BIDANG' },
        { code: 'BPKAD.AKT', name: 'Bidang Akuntansi', kind: 'BIDANG' },
        { code: 'BPKAD.ASET', name: 'Bidang Aset', kind: 'BIDANG' },
      ],
    },
    { code: 'BAPENDA', name: 'Badan Pendapatan Daerah', kind: 'OPD' },
    {
      code: 'BKD',
      name: 'Badan Kepegawaian Daerah',
      kind: 'OPD',
      children: [
        {
          code: 'BKD.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'BKD.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            { code: 'BKD.SEK.KEU', name: 'Subbagian Keuangan', kind: 'SUBBAGIAN' },
            { code: 'BKD.SEK.UMP', name: 'Subbagian Umum dan Kepegawaian', kind: 'SUBBAGIAN' },
          ],
        },
        {
          code: 'BKD.PPI',
          name: 'Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian',
          kind: 'BIDANG',
        },
        { code: 'BKD.MUTASI', name: 'Bidang Mutasi dan Promosi', kind: 'BIDANG' },
        {
          code: 'BKD.PKAP',
          name: 'Bidang Penilaian Kinerja Aparatur dan Penghargaan',
          kind: 'BIDANG',
        },
        { code: 'BKD.BINKES', name: 'Bidang Pembinaan dan Kesejahteraan Aparatur', kind: 'BIDANG' },
      ],
    },
    {
      code: 'BPSDM',
      name: 'Badan Pengembangan Sumber Daya Manusia',
      kind: 'OPD',
      children: [
        {
          code: 'BPSDM.SEK',
          name: 'Sekretariat',
          kind: 'BIDANG',
          children: [
            { code: 'BPSDM.SEK.PRC', name: 'Subbagian Perencanaan', kind: 'SUBBAGIAN' },
            { code: 'BPSDM.SEK.KEU', name: 'Subbagian Keuangan', kind: 'SUBBAGIAN' },
            { code: 'BPSDM.SEK.UMP', name: 'Subbagian Umum dan Kepegawaian', kind: 'SUBBAGIAN' },
          ],
        },
        { code: 'BPSDM.PKT', name: 'Bidang Pengembangan Kompetensi Teknis', kind: 'BIDANG' },
        {
          code: 'BPSDM.PKMF',
          name: 'Bidang Pengembangan Kompetensi Manajerial dan Fungsional',
          kind: 'BIDANG',
        },
        { code: 'BPSDM.PKP', name: 'Bidang Pengembangan Kompetensi Pemerintahan', kind: 'BIDANG' },
        {
          code: 'BPSDM.SKPK',
          name: 'Bidang Sertifikasi Kompetensi dan Pengelolaan Kelembagaan',
          kind: 'BIDANG',
        },
      ],
    },
    { code: 'KESBANGPOL', name: 'Badan Kesatuan Bangsa dan Politik', kind: 'OPD' },
    { code: 'BPBD', name: 'Badan Penanggulangan Bencana Daerah', kind: 'OPD' },
    { code: 'BRIDA', name: 'Badan Riset dan Inovasi Daerah', kind: 'OPD' },

    // -------------------------------------------------------------------------------------------
    // Rumah sakit daerah
    // -------------------------------------------------------------------------------------------
    { code: 'RSUDRM', name: 'Rumah Sakit Umum Daerah Raden Mattaher', kind: 'OPD' },
    { code: 'RSJD', name: 'Rumah Sakit Jiwa Daerah', kind: 'OPD' },
  ],
}
