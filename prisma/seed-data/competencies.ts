// Competency dictionary (kamus kompetensi) seeded into the portal.
//
// - MANAJERIAL M.01-M.08 and SOSIAL_KULTURAL SK.01 follow the Kamus Kompetensi Manajerial dan
//   Sosial Kultural in the annex of PermenPANRB Nomor 38 Tahun 2017 tentang Standar Kompetensi
//   Jabatan Aparatur Sipil Negara (definitions, level descriptions and behaviour indicators),
//   lightly normalised in spelling and punctuation.
// - TEKNIS competencies are the portal's own technical dictionary for its three program areas
//   (Literasi Digital, Manajemen Keuangan, Pelayanan Publik), written against the regulations
//   named in each description.
//
// Indicators are listed in order; the UI numbers them "<level>.<n>" (1.1, 1.2, ...), so the
// strings themselves carry no number. Codes are fixed: course content references them.
import type { CompetencySeed } from './types'

export const competencies: CompetencySeed[] = [
  // ---------------------------------------------------------------------------------------------
  // MANAJERIAL (PermenPANRB 38/2017)
  // ---------------------------------------------------------------------------------------------
  {
    code: 'M.01',
    type: 'MANAJERIAL',
    name: 'Integritas',
    description:
      'Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan, menciptakan budaya etika tinggi, bertanggung jawab atas tindakan atau keputusan beserta risiko yang menyertainya.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Mampu bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas pribadi.',
        indicators: [
          'Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.',
          'Melaksanakan peraturan dan kode etik organisasi dalam lingkungan kerja sehari-hari, pada tataran individu/pribadi.',
          'Tidak menjanjikan/memberikan sesuatu yang bertentangan dengan aturan organisasi.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi.',
        indicators: [
          'Mengingatkan rekan kerja untuk bertindak sesuai dengan nilai, norma, dan etika organisasi dalam segala situasi dan kondisi.',
          'Mengajak orang lain untuk bertindak sesuai etika dan kode etik.',
          'Menerapkan norma-norma secara konsisten dalam setiap situasi, pada unit kerja terkecil/kelompok kerjanya.',
          'Memberikan informasi yang dapat dipercaya sesuai dengan etika organisasi.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi, dalam lingkup formal.',
        indicators: [
          'Memastikan anggota yang dipimpin bertindak sesuai dengan nilai, norma, dan etika organisasi dalam segala situasi dan kondisi.',
          'Mampu memberi apresiasi dan teguran bagi anggota yang dipimpin agar bertindak selaras dengan nilai, norma, dan etika organisasi dalam segala situasi dan kondisi.',
          'Melakukan monitoring dan evaluasi terhadap penerapan sikap integritas di dalam unit kerja yang dipimpin.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mampu menciptakan situasi kerja yang mendorong kepatuhan pada nilai, norma, dan etika organisasi.',
        indicators: [
          'Menciptakan situasi kerja yang mendorong seluruh pemangku kepentingan mematuhi nilai, norma, dan etika organisasi dalam segala situasi dan kondisi.',
          'Mendukung dan menerapkan prinsip moral dan standar etika yang tinggi, serta berani menanggung konsekuensinya.',
          'Berani melakukan koreksi atau mengambil tindakan atas penyimpangan kode etik/nilai-nilai yang dilakukan oleh orang lain, pada tataran lingkup kerja setingkat instansi meskipun ada risiko.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional.',
        indicators: [
          'Mempertahankan tingkat standar keadilan dan etika yang tinggi dalam perkataan dan tindakan sehari-hari yang dipatuhi oleh seluruh pemangku kepentingan pada lingkup instansi yang dipimpinnya.',
          'Menjadi role model/keteladanan dalam penerapan standar keadilan dan etika yang tinggi di tingkat nasional.',
          'Membuat konsep kebijakan dan strategi penerapan sikap integritas dalam pelaksanaan tugas dan norma-norma yang sejalan dengan nilai strategis organisasi.',
        ],
      },
    ],
  },
  {
    code: 'M.02',
    type: 'MANAJERIAL',
    name: 'Kerja Sama',
    description:
      'Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber daya untuk mencapai tujuan strategis organisasi.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Berpartisipasi dalam kelompok kerja.',
        indicators: [
          'Berpartisipasi sebagai anggota tim yang baik, melakukan tugas/bagiannya, dan mendukung keputusan tim.',
          'Mendengarkan dan menghargai masukan dari orang lain dan memberikan usulan-usulan bagi kepentingan tim.',
          'Mampu menjalin interaksi sosial untuk penyelesaian tugas.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description: 'Menumbuhkan tim kerja yang partisipatif dan efektif.',
        indicators: [
          'Membantu orang lain dalam menyelesaikan tugas-tugas mereka untuk mendukung sasaran tim.',
          'Berbagi informasi yang relevan atau bermanfaat pada anggota tim; mempertimbangkan masukan dan keahlian anggota dalam tim/kelompok kerja serta bersedia untuk belajar dari orang lain.',
          'Membangun komitmen yang tinggi untuk menyelesaikan tugas tim.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description: 'Efektif membangun tim kerja untuk peningkatan kinerja organisasi.',
        indicators: [
          'Melihat kekuatan/kelemahan anggota tim, membentuk tim yang tepat, mengantisipasi kemungkinan hambatan, dan mencari solusi yang optimal.',
          'Mengupayakan dan mengutamakan pengambilan keputusan berdasarkan usulan-usulan anggota tim/kelompok, bernegosiasi secara efektif untuk upaya penyelesaian pekerjaan yang menjadi target kinerja kelompok dan/atau unit kerja.',
          'Membangun aliansi dengan para pemangku kepentingan dalam rangka mendukung penyelesaian target kerja kelompok.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description: 'Membangun komitmen tim, sinergi.',
        indicators: [
          'Membangun sinergi antarunit kerja di lingkup instansi yang dipimpin.',
          'Memfasilitasi kepentingan yang berbeda dari unit kerja lain sehingga tercipta sinergi dalam rangka pencapaian target kerja organisasi.',
          'Mengembangkan sistem yang menghargai kerja sama antarunit, memberikan dukungan/semangat untuk memastikan tercapainya sinergi dalam rangka pencapaian target kerja organisasi.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi.',
        indicators: [
          'Menciptakan hubungan kerja yang konstruktif dengan menerapkan norma/etos/nilai-nilai kerja yang baik di dalam dan di luar organisasi; meningkatkan produktivitas dan menjadi panutan dalam organisasi.',
          'Secara konsisten menjaga sinergi agar pemangku kepentingan dapat bekerja sama dengan orang di dalam maupun di luar organisasi.',
          'Membangun konsensus untuk menggabungkan sumber daya dari berbagai pemangku kepentingan untuk tujuan bangsa dan negara.',
        ],
      },
    ],
  },
  {
    code: 'M.03',
    type: 'MANAJERIAL',
    name: 'Komunikasi',
    description:
      'Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai argumentasi yang logis dengan cara-cara yang sesuai baik secara lisan maupun tertulis; memastikan pemahaman; mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan, dan membujuk orang lain dalam rangka mencapai tujuan organisasi.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama.',
        indicators: [
          'Menyampaikan informasi (data), pikiran atau pendapat dengan jelas, singkat, dan tepat dengan menggunakan cara/media yang sesuai dan mengikuti alur yang logis.',
          'Memastikan pemahaman yang sama atas instruksi yang diterima/diberikan.',
          'Mampu melaksanakan kegiatan surat-menyurat sesuai tata naskah organisasi.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain, menginterpretasikan pesan dengan respons yang sesuai, mampu menyusun materi presentasi, pidato, naskah, laporan, dan sejenisnya.',
        indicators: [
          'Menggunakan gaya komunikasi informal untuk meningkatkan hubungan profesional.',
          'Mendengarkan pihak lain secara aktif; menangkap dan menginterpretasikan pesan-pesan dari orang lain, serta memberikan respons yang sesuai.',
          'Membuat materi presentasi, pidato, draf naskah, laporan, dan sejenisnya sesuai arahan pimpinan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan informasi yang sensitif/rumit/kompleks.',
        indicators: [
          'Menyampaikan suatu informasi yang sensitif/rumit dengan cara penyampaian dan kondisi yang tepat, sehingga dapat dipahami dan diterima oleh pihak lain.',
          'Menyederhanakan topik yang rumit dan sensitif sehingga lebih mudah dipahami dan diterima orang lain.',
          'Membuat laporan tahunan/periodik/naskah/dokumen/proposal yang kompleks; membuat surat resmi yang sistematis dan tidak menimbulkan pemahaman yang berbeda; membuat proposal yang rinci dan lengkap.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan.',
        indicators: [
          'Mengintegrasikan informasi-informasi penting dari berbagai sumber dengan pihak lain untuk mendapatkan pemahaman yang sama.',
          'Menuangkan pemikiran/konsep dari berbagai sudut pandang/multidimensi dalam bentuk tulisan formal.',
          'Menyampaikan informasi secara persuasif untuk mendorong pemangku kepentingan sepakat pada langkah-langkah bersama dengan tujuan meningkatkan kinerja secara keseluruhan.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan meningkatkan kinerja.',
        indicators: [
          'Menghilangkan hambatan komunikasi, mampu berkomunikasi dalam isu-isu nasional yang memiliki risiko tinggi, menggalang hubungan dalam skala strategis di tingkat nasional.',
          'Menggunakan saluran komunikasi formal dan nonformal guna mencapai kesepakatan dengan tujuan meningkatkan kinerja di tingkat instansi/nasional.',
          'Menggagas sistem komunikasi dengan melibatkan pemangku kepentingan sejak dini untuk mencari solusi dengan tujuan meningkatkan kinerja di tingkat instansi/nasional.',
        ],
      },
    ],
  },
  {
    code: 'M.04',
    type: 'MANAJERIAL',
    name: 'Orientasi pada Hasil',
    description:
      'Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan peluang dengan memperhatikan keterhubungan antara perencanaan dan hasil, untuk keberhasilan organisasi.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Bertanggung jawab untuk memenuhi standar kerja.',
        indicators: [
          'Menyelesaikan tugas dengan tuntas; dapat diandalkan.',
          'Bekerja dengan teliti dan hati-hati guna meminimalkan kesalahan dengan mengacu pada standar kualitas (SOP).',
          'Bersedia menerima masukan, mengikuti contoh cara bekerja yang lebih efektif, efisien di lingkungan kerjanya.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan, mencari, mencoba metode alternatif untuk peningkatan kinerja.',
        indicators: [
          'Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi dari standar kerja yang ditetapkan organisasi.',
          'Mencari, mencoba metode kerja alternatif untuk meningkatkan hasil kerjanya.',
          'Memberi contoh kepada orang-orang di unit kerjanya untuk mencoba menerapkan metode kerja yang lebih efektif yang sudah dilakukannya.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk mendorong kinerja.',
        indicators: [
          'Menetapkan target kinerja unit yang lebih tinggi dari target yang ditetapkan organisasi.',
          'Memberikan apresiasi dan teguran untuk mendorong pencapaian hasil unit kerjanya.',
          'Mengembangkan metode kerja yang lebih efektif dan efisien untuk mencapai target kerja unitnya.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya.',
        indicators: [
          'Mendorong unit kerja di tingkat instansi untuk mencapai kinerja yang melebihi target yang ditetapkan.',
          'Memantau dan mengevaluasi hasil kerja unitnya agar selaras dengan sasaran strategis instansi.',
          'Mendorong pemanfaatan sumber daya bersama antarunit kerja dalam rangka meningkatkan efektivitas dan efisiensi pencapaian target organisasi.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description: 'Meningkatkan mutu pencapaian kerja organisasi.',
        indicators: [
          'Memastikan kualitas sesuai standar dan keberlanjutan hasil kerja organisasi yang memberi kontribusi pada pencapaian target prioritas nasional.',
          'Memastikan tersedianya sumber daya organisasi untuk menjamin tercapainya target prioritas instansi/nasional.',
          'Membuat kebijakan untuk menerapkan metode kerja yang lebih efektif dan efisien dalam mencapai tujuan prioritas nasional.',
        ],
      },
    ],
  },
  {
    code: 'M.05',
    type: 'MANAJERIAL',
    name: 'Pelayanan Publik',
    description:
      'Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan, dan kegiatan pemenuhan kebutuhan pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/golongan/partai politik.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Menjalankan tugas mengikuti standar pelayanan.',
        indicators: [
          'Mampu mengerjakan tugas-tugas dengan mengikuti standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, transparan, dan tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
          'Melayani kebutuhan, permintaan, dan keluhan pemangku kepentingan.',
          'Menyelesaikan masalah dengan tepat tanpa bersikap membela diri dalam kapasitas sebagai pelaksana pelayanan publik.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas-tugas pemerintahan/pelayanan publik secara transparan.',
        indicators: [
          'Menunjukkan sikap yakin dalam mengerjakan tugas-tugas pemerintahan/pelayanan publik, mampu menyelia dan menjelaskan secara objektif bila ada yang mempertanyakan kebijakan yang diambil.',
          'Secara aktif mencari informasi untuk mengenali kebutuhan pemangku kepentingan agar dapat menjalankan pelaksanaan tugas pemerintahan, pembangunan, dan pelayanan publik secara cepat dan tanggap.',
          'Mampu mengenali dan memanfaatkan kebiasaan, tata cara, situasi tertentu sehingga apa yang disampaikan menjadi perhatian pemangku kepentingan dalam hal penyelesaian tugas-tugas pemerintahan, pembangunan, dan pelayanan publik.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup unit kerja.',
        indicators: [
          'Memahami, mendeskripsikan pengaruh dan hubungan/kekuatan kelompok yang sedang berjalan di organisasi (aliansi atau persaingan), dan dampaknya terhadap unit kerja untuk menjalankan tugas pemerintahan secara profesional dan netral, tidak memihak.',
          'Menggunakan keterampilan dan pemahaman lintas organisasi untuk secara efektif memfasilitasi kebutuhan kelompok yang lebih besar dengan cara-cara yang mengikuti standar objektif, transparan, profesional, sehingga tidak merugikan para pihak di lingkup pelayanan publik unit kerjanya.',
          'Mengimplementasikan cara-cara yang efektif untuk memantau dan mengevaluasi masalah yang dihadapi pemangku kepentingan/masyarakat serta mengantisipasi kebutuhan mereka saat menjalankan tugas pelayanan publik di unit kerjanya.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mampu memonitor, mengevaluasi, memperhitungkan, dan mengantisipasi dampak dari isu-isu jangka panjang, kesempatan, atau kekuatan politik dalam hal pelayanan kebutuhan pemangku kepentingan yang transparan, objektif, dan profesional.',
        indicators: [
          'Memahami dan memberi perhatian kepada isu-isu jangka panjang, kesempatan atau kekuatan politik yang memengaruhi organisasi dalam hubungannya dengan dunia luar, memperhitungkan dan mengantisipasi dampak terhadap pelaksanaan tugas-tugas pelayanan publik secara objektif, transparan, dan profesional dalam lingkup organisasi.',
          'Menjaga agar kebijakan pelayanan publik yang diselenggarakan oleh instansinya telah selaras dengan standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
          'Menerapkan strategi jangka panjang yang berfokus pada pemenuhan kebutuhan pemangku kepentingan dalam menyusun kebijakan dengan mengikuti standar objektif, netral, tidak memihak, tidak diskriminatif, transparan, tidak terpengaruh kepentingan pribadi/kelompok.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Mampu memastikan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
        indicators: [
          'Mampu menciptakan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
          'Menginternalisasikan nilai dan semangat pelayanan publik yang mengikuti standar objektif, netral, tidak memihak, tidak diskriminatif, transparan, tidak terpengaruh kepentingan pribadi/kelompok kepada setiap individu di lingkungan instansi/nasional.',
          'Menjamin terselenggaranya pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.',
        ],
      },
    ],
  },
  {
    code: 'M.06',
    type: 'MANAJERIAL',
    name: 'Pengembangan Diri dan Orang Lain',
    description:
      'Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi orang lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan dengan pekerjaan dan pengembangan karier jangka panjang, mendorong kemauan belajar sepanjang hidup, memberikan saran/bantuan, umpan balik, bimbingan untuk membantu orang lain untuk mengembangkan potensi dirinya.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Pengembangan diri.',
        indicators: [
          'Mengidentifikasi kebutuhan pengembangan diri dan menyeleksi sumber serta metodologi pembelajaran yang diperlukan.',
          'Menunjukkan usaha mandiri untuk mempelajari keterampilan atau kemampuan baru dari berbagai media pembelajaran.',
          'Berupaya meningkatkan diri dengan belajar dari orang-orang lain yang berwawasan luas di dalam organisasi.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan suatu pekerjaan.',
        indicators: [
          'Meningkatkan kemampuan bawahan dengan memberikan contoh, instruksi, penjelasan, dan petunjuk praktis yang jelas kepada bawahan dalam menyelesaikan suatu pekerjaan.',
          'Membantu bawahan untuk mempelajari proses, program, atau sistem baru.',
          'Menggunakan metode lain untuk meyakinkan bahwa orang lain telah memahami penjelasan atau pengarahan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description: 'Memberikan umpan balik, membimbing.',
        indicators: [
          'Memberikan tugas-tugas yang menantang pada bawahan sebagai media belajar untuk mengembangkan kemampuannya.',
          'Mengamati bawahan dalam mengerjakan tugasnya dan memberikan umpan balik yang objektif dan jujur; melakukan diskusi dengan bawahan untuk memberikan bimbingan dan umpan balik yang berguna bagi bawahan.',
          'Mendorong kepercayaan diri bawahan; memberikan kepercayaan penuh pada bawahan untuk mengerjakan tugas dengan caranya sendiri; memberi kesempatan dan membantu bawahan menemukan peluang untuk berkembang.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran.',
        indicators: [
          'Menyusun program pengembangan jangka panjang bersama-sama dengan bawahan, termasuk di dalamnya penetapan tujuan, bimbingan, penugasan, dan pengalaman lainnya, serta mengalokasikan waktu untuk mengikuti pelatihan/pendidikan/pengembangan kompetensi dan karier.',
          'Melaksanakan manajemen pembelajaran termasuk evaluasi dan umpan balik pada tataran organisasi.',
          'Mengembangkan orang-orang di sekitarnya secara konsisten, melakukan kaderisasi untuk posisi-posisi di unit kerjanya.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara berkelanjutan dalam rangka mendukung pencapaian hasil.',
        indicators: [
          'Menciptakan situasi yang mendorong individu, kelompok, unit kerja untuk mengembangkan kemampuan belajar secara berkelanjutan di tingkat instansi.',
          'Merekomendasikan/memberikan penghargaan bagi upaya pengembangan yang berhasil, memastikan dukungan bagi orang lain dalam mengembangkan kemampuan dalam unit kerja di tingkat instansi.',
          'Memberikan inspirasi kepada individu atau kelompok untuk belajar secara berkelanjutan dalam penerapan di tingkat instansi.',
        ],
      },
    ],
  },
  {
    code: 'M.07',
    type: 'MANAJERIAL',
    name: 'Mengelola Perubahan',
    description:
      'Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan melaksanakan inisiatif perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi untuk memastikan perubahan berhasil diimplementasikan secara efektif.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Mengikuti perubahan dengan arahan.',
        indicators: [
          'Sadar mengenai perubahan yang terjadi di organisasi dan berusaha menyesuaikan diri dengan perubahan tersebut.',
          'Mengikuti perubahan secara terbuka sesuai petunjuk/pedoman.',
          'Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru dengan bimbingan orang lain.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description: 'Proaktif beradaptasi mengikuti perubahan.',
        indicators: [
          'Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru selaras dengan ketentuan yang berlaku tanpa arahan orang lain.',
          'Mengembangkan kemampuan diri untuk menghadapi perubahan.',
          'Cepat dan tanggap dalam menerima perubahan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat.',
        indicators: [
          'Membantu orang lain dalam melakukan perubahan.',
          'Menyesuaikan prioritas kerja secara berulang-ulang jika diperlukan.',
          'Mengantisipasi perubahan yang dibutuhkan oleh unit kerjanya secara tepat; memberikan solusi efektif terhadap masalah yang ditimbulkan oleh adanya perubahan.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description: 'Memimpin perubahan pada unit kerja.',
        indicators: [
          'Mengarahkan unit kerja untuk lebih siap dalam menghadapi perubahan termasuk memitigasi risiko yang mungkin terjadi.',
          'Memastikan perubahan sudah diterapkan secara aktif di lingkup unit kerjanya secara berkala.',
          'Memimpin dan memastikan penerapan program-program perubahan selaras antarunit kerja.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Memimpin, menggalang, dan menggerakkan dukungan pemangku kepentingan untuk menjalankan perubahan secara berkelanjutan pada tingkat instansi/nasional.',
        indicators: [
          'Membuat kebijakan-kebijakan yang mendorong perubahan yang berdampak pada pencapaian sasaran prioritas nasional.',
          'Menggalang dan menggerakkan dukungan para pemangku kepentingan untuk mengimplementasikan perubahan yang telah ditetapkan.',
          'Secara berkelanjutan mencari cara-cara baru untuk memberi nilai tambah bagi perubahan yang tengah dijalankan agar memberi manfaat yang lebih besar bagi para pemangku kepentingan.',
        ],
      },
    ],
  },
  {
    code: 'M.08',
    type: 'MANAJERIAL',
    name: 'Pengambilan Keputusan',
    description:
      'Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan saksama berdasarkan berbagai informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung jawab atas keputusan yang diambil.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Mengumpulkan informasi untuk bertindak sesuai kewenangan.',
        indicators: [
          'Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan dalam mencari solusi.',
          'Mengenali situasi/pilihan yang tepat untuk bertindak sesuai kewenangan.',
          'Mempertimbangkan kemungkinan solusi yang dapat diterapkan dalam pekerjaan rutin berdasarkan kebijakan dan prosedur yang telah ditentukan.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description: 'Menganalisis masalah secara mendalam.',
        indicators: [
          'Melakukan analisis secara mendalam terhadap informasi yang tersedia dalam upaya mencari solusi.',
          'Mempertimbangkan berbagai alternatif yang ada sebelum membuat kesimpulan.',
          'Membuat keputusan operasional berdasarkan kesimpulan dari berbagai sumber informasi sesuai dengan pedoman yang ada.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi.',
        indicators: [
          'Membandingkan berbagai alternatif tindakan dan implikasinya.',
          'Memilih alternatif solusi yang terbaik, membuat keputusan operasional mengacu pada alternatif solusi terbaik yang didasarkan pada analisis data yang sistematis, saksama, mengikuti prinsip kehati-hatian.',
          'Menyeimbangkan antara kemungkinan risiko dan keberhasilan dalam implementasinya.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat tindakan pengamanan; mitigasi risiko.',
        indicators: [
          'Menyusun dan/atau memutuskan konsep penyelesaian masalah yang melibatkan beberapa/seluruh fungsi dalam organisasi.',
          'Menghasilkan solusi dari berbagai masalah yang kompleks, terkait dengan bidang kerjanya yang berdampak pada pihak lain.',
          'Membuat keputusan dan mengantisipasi dampak keputusannya serta menyiapkan tindakan penanganannya (mitigasi risiko).',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis, berdampak nasional.',
        indicators: [
          'Menghasilkan solusi yang dapat mengatasi permasalahan jangka panjang.',
          'Menghasilkan solusi strategis yang berdampak pada tataran instansi/nasional.',
          'Membuat keputusan atau kebijakan yang berdampak nasional dengan memitigasi risiko yang mungkin timbul.',
        ],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // SOSIAL KULTURAL (PermenPANRB 38/2017)
  // ---------------------------------------------------------------------------------------------
  {
    code: 'SK.01',
    type: 'SOSIAL_KULTURAL',
    name: 'Perekat Bangsa',
    description:
      'Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan masyarakat dan membangun hubungan sosial psikologis dengan masyarakat di tengah kemajemukan Indonesia sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta di antara para pemangku kepentingan itu sendiri; menjaga, mengembangkan, dan mewujudkan rasa persatuan dan kesatuan dalam kehidupan bermasyarakat, berbangsa, dan bernegara Indonesia.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Peka memahami dan menerima kemajemukan.',
        indicators: [
          'Mampu memahami, menerima, peka terhadap perbedaan individu/kelompok masyarakat.',
          'Terbuka, ingin belajar tentang perbedaan/kemajemukan masyarakat.',
          'Mampu bekerja bersama dengan individu yang berbeda latar belakang dengannya.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.',
        indicators: [
          'Menampilkan sikap dan perilaku yang peduli akan nilai-nilai keberagaman dan menghargai perbedaan.',
          'Membangun hubungan baik antarindividu dalam organisasi, mitra kerja, pemangku kepentingan.',
          'Bersikap tenang, mampu mengendalikan emosi, kemarahan, dan frustrasi dalam menghadapi pertentangan yang ditimbulkan oleh perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik di lingkungan unit kerjanya.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description: 'Mempromosikan, mengembangkan sikap toleransi dan persatuan.',
        indicators: [
          'Mempromosikan sikap menghargai perbedaan di antara orang-orang yang mendorong toleransi dan keterbukaan.',
          'Melakukan pemetaan sosial di masyarakat sehingga dapat memberikan respons yang sesuai dengan budaya yang berlaku; mengidentifikasi potensi kesalahpahaman yang diakibatkan adanya keragaman budaya yang ada.',
          'Menjadi mediator untuk menyelesaikan konflik atau mengurangi dampak negatif dari konflik atau potensi konflik.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi.',
        indicators: [
          'Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat untuk senantiasa menjaga persatuan dan kesatuan dalam keberagaman dan menerima segala bentuk perbedaan dalam kehidupan bermasyarakat.',
          'Mampu mendayagunakan perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik untuk mencapai kelancaran pencapaian tujuan organisasi.',
          'Mampu membuat program yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description: 'Wakil pemerintah untuk membangun hubungan sosial psikologis.',
        indicators: [
          'Menjadi wakil pemerintah yang mampu membangun hubungan sosial psikologis dengan masyarakat sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta di antara para pemangku kepentingan itu sendiri.',
          'Mampu mengomunikasikan dampak risiko yang teridentifikasi dan merekomendasikan tindakan korektif berdasarkan pertimbangan perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik untuk membangun hubungan jangka panjang.',
          'Mampu membuat kebijakan yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik yang berdampak positif secara nasional.',
        ],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // TEKNIS: LITERASI DIGITAL
  // ---------------------------------------------------------------------------------------------
  {
    code: 'T.LD.01',
    type: 'TEKNIS',
    area: 'LITERASI_DIGITAL',
    name: 'Keamanan Informasi dan Pelindungan Data Pribadi',
    description:
      'Kemampuan menjaga kerahasiaan, keutuhan, dan ketersediaan informasi dalam pelaksanaan tugas kedinasan, meliputi pengelolaan kata sandi dan autentikasi multifaktor, pengenalan serta penanggulangan serangan rekayasa sosial seperti phishing, dan pemrosesan data pribadi sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami prinsip dasar keamanan informasi dan pelindungan data pribadi serta menerapkannya pada perangkat dan akun kerja pribadi.',
        indicators: [
          'Menggunakan kata sandi yang kuat dan berbeda untuk setiap akun kedinasan serta tidak membagikannya kepada pihak lain, termasuk rekan kerja dan atasan.',
          'Mengaktifkan autentikasi multifaktor (MFA) pada surel dinas dan aplikasi kepegawaian yang menyediakannya, serta mengunci perangkat ketika ditinggalkan.',
          'Mengenali ciri-ciri umum pesan phishing, seperti alamat pengirim yang menyerupai instansi resmi, tautan palsu, lampiran mencurigakan, dan permintaan data yang mendesak, serta tidak menanggapinya.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Menerapkan prosedur keamanan informasi dan pelindungan data pribadi secara mandiri dalam pekerjaan sehari-hari sesuai ketentuan instansi.',
        indicators: [
          'Mengklasifikasikan dokumen dan data yang ditangani (publik, terbatas, rahasia) dan memperlakukannya sesuai klasifikasi, termasuk dalam penyimpanan dan pengiriman.',
          'Memproses data pribadi masyarakat dan pegawai secara terbatas dan spesifik, sah secara hukum, dan sesuai tujuannya sebagaimana prinsip pelindungan data pribadi dalam Undang-Undang Nomor 27 Tahun 2022.',
          'Melaporkan dugaan insiden keamanan informasi, seperti surel phishing, akun yang diretas, atau perangkat yang hilang, kepada pengelola TIK atau tim tanggap insiden siber (CSIRT) pemerintah daerah tanpa menunda.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Mengelola penerapan keamanan informasi dan pelindungan data pribadi pada proses kerja dan aplikasi di lingkup unit kerja.',
        indicators: [
          'Menyusun dan memutakhirkan inventaris aset informasi serta catatan kegiatan pemrosesan data pribadi di unit kerja beserta dasar pemrosesannya.',
          'Menetapkan hak akses pengguna aplikasi berdasarkan prinsip kebutuhan untuk mengetahui dan hak akses minimum, serta meninjau dan mencabut akses yang tidak lagi diperlukan secara berkala.',
          'Menyelenggarakan sosialisasi dan simulasi phishing bagi pegawai unit kerja serta menindaklanjuti hasilnya dengan pembinaan.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengembangkan prosedur dan kendali keamanan informasi serta pelindungan data pribadi di tingkat perangkat daerah.',
        indicators: [
          'Menyusun prosedur operasional standar penanganan insiden keamanan informasi dan kegagalan pelindungan data pribadi, termasuk pemberitahuan tertulis kepada subjek data pribadi dan lembaga paling lambat 3 x 24 jam.',
          'Melaksanakan penilaian risiko keamanan informasi dan penilaian dampak pelindungan data pribadi atas pemrosesan data pribadi yang berisiko tinggi.',
          'Mengoordinasikan penerapan sistem manajemen keamanan informasi dan evaluasi Indeks Keamanan Informasi (Indeks KAMI) pada perangkat daerah bersama unit persandian.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan strategi dan tata kelola keamanan informasi serta pelindungan data pribadi di tingkat pemerintah daerah dan menjadi rujukan bagi instansi lain.',
        indicators: [
          'Merumuskan kebijakan keamanan informasi dan pelindungan data pribadi tingkat pemerintah provinsi yang selaras dengan ketentuan Badan Siber dan Sandi Negara dan Undang-Undang Nomor 27 Tahun 2022.',
          'Mengarahkan pelaksanaan fungsi pejabat pelindungan data pribadi dan tim tanggap insiden siber di lingkungan pemerintah daerah.',
          'Mengevaluasi efektivitas tata kelola keamanan informasi lintas perangkat daerah dan merekomendasikan perbaikan berkelanjutan berdasarkan hasil audit dan analisis insiden.',
        ],
      },
    ],
  },
  {
    code: 'T.LD.02',
    type: 'TEKNIS',
    area: 'LITERASI_DIGITAL',
    name: 'Pemanfaatan Layanan SPBE',
    description:
      'Kemampuan memanfaatkan layanan Sistem Pemerintahan Berbasis Elektronik (SPBE) sebagaimana diatur dalam Peraturan Presiden Nomor 95 Tahun 2018, termasuk aplikasi administrasi pemerintahan, perangkat lunak perkantoran, dan sarana kolaborasi digital, untuk meningkatkan efektivitas, efisiensi, dan kualitas layanan.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami konsep SPBE dan menggunakan aplikasi serta perangkat lunak perkantoran dasar untuk tugas rutin.',
        indicators: [
          'Menjelaskan pengertian SPBE, layanan administrasi pemerintahan dan layanan publik berbasis elektronik, serta manfaatnya sesuai Peraturan Presiden Nomor 95 Tahun 2018.',
          'Menggunakan aplikasi pengolah kata, lembar kerja, dan presentasi untuk menyusun dokumen kedinasan sederhana sesuai tata naskah dinas.',
          'Menggunakan surel dinas dan aplikasi tata naskah dinas elektronik, seperti SRIKANDI, untuk menerima, membuat, dan meneruskan naskah dinas.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Menggunakan layanan SPBE dan sarana kolaborasi secara mandiri sesuai proses bisnis unit kerja.',
        indicators: [
          'Menggunakan aplikasi umum SPBE sesuai tugasnya, seperti aplikasi kearsipan, kepegawaian, serta perencanaan dan penganggaran, secara benar dan tepat waktu.',
          'Mengolah data menggunakan fungsi lembar kerja, seperti rumus, tabel pivot, dan grafik, untuk menyajikan laporan unit kerja.',
          'Berkolaborasi melalui penyimpanan awan, penyuntingan dokumen bersama, dan rapat daring dengan memperhatikan pengaturan hak akses dokumen.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Mengoptimalkan pemanfaatan layanan SPBE untuk menyederhanakan proses bisnis dan meningkatkan kinerja unit kerja.',
        indicators: [
          'Memetakan proses bisnis unit kerja dan mengidentifikasi tahapan yang dapat didigitalkan atau diintegrasikan dengan layanan SPBE yang telah tersedia.',
          'Menyusun kebutuhan pengguna untuk pengembangan atau penyempurnaan aplikasi bersama pengelola teknologi informasi dan komunikasi.',
          'Membimbing rekan kerja dalam penggunaan aplikasi SPBE dan memantau tingkat pemanfaatannya di unit kerja.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengoordinasikan penerapan SPBE di tingkat perangkat daerah sesuai Arsitektur SPBE dan Peta Rencana SPBE pemerintah daerah.',
        indicators: [
          'Menyelaraskan rencana pengembangan layanan digital perangkat daerah dengan Arsitektur SPBE dan Peta Rencana SPBE Pemerintah Provinsi Jambi.',
          'Mendorong penggunaan aplikasi umum berbagi pakai dan pusat data bersama serta mencegah pembangunan aplikasi sejenis yang tumpang tindih.',
          'Menyiapkan data dukung dan melaksanakan penilaian mandiri dalam rangka pemantauan dan evaluasi SPBE perangkat daerah.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan dan strategi transformasi digital pemerintahan daerah yang terintegrasi dan berorientasi pada layanan.',
        indicators: [
          'Merumuskan kebijakan tata kelola SPBE pemerintah provinsi, termasuk arsitektur, manajemen data, dan penyelenggaraan Satu Data Indonesia di daerah.',
          'Memimpin integrasi layanan digital lintas perangkat daerah serta dengan pemerintah pusat dan pemerintah kabupaten/kota.',
          'Mengevaluasi dampak penerapan SPBE terhadap kualitas layanan dan kinerja pemerintah daerah serta menetapkan arah perbaikannya.',
        ],
      },
    ],
  },
  {
    code: 'T.LD.03',
    type: 'TEKNIS',
    area: 'LITERASI_DIGITAL',
    name: 'Literasi Informasi dan Penangkalan Hoaks',
    description:
      'Kemampuan menemukan, mengevaluasi, menggunakan, dan menyebarkan informasi secara bertanggung jawab, mengenali misinformasi, disinformasi, dan malinformasi (hoaks), serta berperan aktif menangkalnya sesuai etika bermedia sosial ASN dan ketentuan peraturan perundang-undangan.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami jenis gangguan informasi dan bersikap hati-hati dalam menerima serta membagikan informasi.',
        indicators: [
          'Membedakan misinformasi, disinformasi, dan malinformasi beserta contohnya dalam kehidupan sehari-hari.',
          'Memeriksa sumber, tanggal, dan konteks informasi sebelum memercayai atau membagikannya.',
          'Tidak meneruskan informasi yang belum terverifikasi di grup percakapan maupun media sosial.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Memverifikasi informasi secara mandiri menggunakan sumber resmi dan sarana pemeriksa fakta.',
        indicators: [
          'Menggunakan laman resmi instansi pemerintah dan layanan pemeriksa fakta untuk memverifikasi kebenaran informasi.',
          'Melakukan penelusuran gambar terbalik dan pemeriksaan sederhana untuk mengenali foto atau video yang dimanipulasi atau diambil di luar konteks.',
          'Mematuhi etika bermedia sosial ASN, termasuk menjaga netralitas dan tidak menyebarkan ujaran kebencian.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Menangkal hoaks yang berkaitan dengan tugas unit kerja melalui klarifikasi dan penyajian informasi yang akurat.',
        indicators: [
          'Memantau isu dan informasi keliru yang beredar terkait layanan atau kebijakan unit kerja.',
          'Menyusun bahan klarifikasi yang singkat, akurat, dan mudah dipahami bersama Pejabat Pengelola Informasi dan Dokumentasi (PPID) atau hubungan masyarakat.',
          'Membimbing rekan kerja dalam menilai kredibilitas sumber informasi dan data.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengelola sistem pemantauan dan respons terhadap gangguan informasi di tingkat perangkat daerah.',
        indicators: [
          'Menyusun prosedur penanganan isu dan hoaks yang menetapkan alur verifikasi, persetujuan, dan publikasi klarifikasi.',
          'Mengoordinasikan respons cepat bersama perangkat daerah terkait, aparat penegak hukum, dan pengelola platform media sosial terhadap hoaks yang berdampak luas.',
          'Menyelenggarakan program literasi informasi bagi pegawai dan masyarakat serta mengevaluasi hasilnya.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan strategi komunikasi publik dan ketahanan informasi pemerintah daerah dalam menghadapi gangguan informasi.',
        indicators: [
          'Merumuskan kebijakan komunikasi publik terpadu pemerintah provinsi untuk pencegahan dan penanganan hoaks.',
          'Membangun kemitraan dengan media massa, perguruan tinggi, komunitas pemeriksa fakta, dan tokoh masyarakat untuk memperkuat literasi informasi.',
          'Menganalisis pola dan dampak disinformasi terhadap kebijakan daerah, termasuk pada masa pemilihan umum dan pemilihan kepala daerah, serta menetapkan langkah mitigasinya.',
        ],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // TEKNIS: MANAJEMEN KEUANGAN
  // ---------------------------------------------------------------------------------------------
  {
    code: 'T.MK.01',
    type: 'TEKNIS',
    area: 'MANAJEMEN_KEUANGAN',
    name: 'Perencanaan dan Penganggaran Daerah',
    description:
      'Kemampuan menyusun perencanaan dan penganggaran daerah sesuai siklus APBD, meliputi keterkaitan RKPD, KUA dan PPAS, penyusunan RKA-SKPD, penetapan APBD, dan DPA-SKPD melalui Sistem Informasi Pemerintahan Daerah (SIPD), berdasarkan Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah dan peraturan pelaksanaannya.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami siklus perencanaan dan penganggaran daerah serta dokumen-dokumen pokoknya.',
        indicators: [
          'Menjelaskan tahapan siklus APBD, mulai dari RKPD, KUA dan PPAS, RKA-SKPD, rancangan peraturan daerah tentang APBD, hingga DPA-SKPD.',
          'Mengenali struktur APBD yang terdiri atas pendapatan daerah, belanja daerah, dan pembiayaan daerah.',
          'Memasukkan data sederhana pada modul perencanaan dan penganggaran SIPD sesuai arahan atasan.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Menyusun bahan RKA-SKPD dan DPA-SKPD untuk subkegiatan yang menjadi tanggung jawabnya.',
        indicators: [
          'Menyusun rincian belanja subkegiatan menggunakan standar harga satuan, analisis standar belanja, serta klasifikasi, kodefikasi, dan nomenklatur yang berlaku.',
          'Menyelaraskan indikator kinerja dan target subkegiatan dengan Renja perangkat daerah dan RKPD.',
          'Memasukkan RKA-SKPD dan anggaran kas pada SIPD secara lengkap dan tepat waktu.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Mengelola penyusunan anggaran perangkat daerah dan memastikan keterkaitan antara perencanaan, penganggaran, dan kinerja.',
        indicators: [
          'Mengoordinasikan penyusunan RKA-SKPD berdasarkan pagu anggaran sementara dalam PPAS dan prioritas pembangunan daerah.',
          'Menelaah kewajaran biaya serta kesesuaian program, kegiatan, dan subkegiatan dengan urusan pemerintahan yang menjadi kewenangan perangkat daerah.',
          'Menyiapkan bahan pembahasan bersama Tim Anggaran Pemerintah Daerah (TAPD) dan menindaklanjuti hasil verifikasi RKA-SKPD.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengendalikan proses penganggaran daerah secara menyeluruh, termasuk perubahan APBD dan pergeseran anggaran.',
        indicators: [
          'Menganalisis kapasitas fiskal, proyeksi pendapatan, serta kebutuhan belanja wajib dan mengikat dalam penyusunan rancangan KUA dan PPAS.',
          'Mengendalikan pergeseran anggaran dan penyusunan perubahan APBD sesuai keadaan dan persyaratan yang ditetapkan peraturan perundang-undangan.',
          'Memastikan pemenuhan belanja wajib dalam rancangan APBD, seperti fungsi pendidikan paling sedikit 20 persen, serta batas belanja pegawai dan porsi belanja infrastruktur pelayanan publik sesuai Undang-Undang Nomor 1 Tahun 2022.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan anggaran daerah yang berkelanjutan dan berorientasi pada hasil pembangunan.',
        indicators: [
          'Merumuskan kebijakan umum anggaran dan strategi fiskal daerah jangka menengah yang selaras dengan RPJMD dan prioritas nasional.',
          'Memimpin pembahasan anggaran bersama DPRD serta menindaklanjuti hasil evaluasi Menteri Dalam Negeri atas rancangan peraturan daerah tentang APBD.',
          'Mengevaluasi efektivitas belanja daerah terhadap capaian kinerja pembangunan dan menjadikannya dasar perbaikan penganggaran tahun berikutnya.',
        ],
      },
    ],
  },
  {
    code: 'T.MK.02',
    type: 'TEKNIS',
    area: 'MANAJEMEN_KEUANGAN',
    name: 'Penatausahaan dan Pertanggungjawaban Keuangan Daerah',
    description:
      'Kemampuan melaksanakan penatausahaan pendapatan dan belanja daerah, meliputi penerbitan SPP, SPM, dan SP2D, pengelolaan uang persediaan, ganti uang persediaan, dan tambahan uang persediaan, pelaksanaan tugas bendahara, serta penyusunan surat pertanggungjawaban (SPJ) sesuai peraturan perundang-undangan.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami alur penatausahaan keuangan daerah dan peran para pejabat pengelola keuangan daerah.',
        indicators: [
          'Menjelaskan peran pengguna anggaran, kuasa pengguna anggaran, PPK-SKPD, PPTK, bendahara pengeluaran, dan bendahara penerimaan dalam pelaksanaan anggaran.',
          'Membedakan mekanisme pembayaran UP, GU, TU, dan LS beserta alur dokumen SPP, SPM, dan SP2D.',
          'Mengumpulkan dan menata bukti transaksi belanja sesuai daftar periksa kelengkapan dokumen.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Menyiapkan dokumen penatausahaan dan pertanggungjawaban belanja secara lengkap dan benar.',
        indicators: [
          'Menyusun SPP beserta kelengkapan dokumennya untuk subkegiatan yang ditangani melalui SIPD.',
          'Menghitung, memungut, dan menyetorkan pajak atas belanja, seperti PPh Pasal 21, PPh Pasal 22, PPh Pasal 23, dan PPN, secara tepat waktu.',
          'Menyusun SPJ belanja beserta bukti pendukung yang sah dan memenuhi syarat material serta formal.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Melaksanakan verifikasi dan pengendalian penatausahaan keuangan di tingkat perangkat daerah.',
        indicators: [
          'Memverifikasi SPP dan SPJ terhadap DPA-SKPD, anggaran kas, dan standar biaya sebelum penerbitan SPM.',
          'Menyusun buku kas umum, buku pembantu, dan laporan pertanggungjawaban bendahara serta melakukan rekonsiliasi dengan Bendahara Umum Daerah.',
          'Melaksanakan pemeriksaan kas bendahara secara berkala dan menindaklanjuti selisih yang ditemukan.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengendalikan pelaksanaan anggaran dan kas daerah serta menjamin akuntabilitas pertanggungjawaban.',
        indicators: [
          'Mengelola perencanaan kas, penerbitan SP2D, dan penempatan kas daerah agar pembayaran berjalan tepat waktu dan likuiditas terjaga.',
          'Menganalisis realisasi anggaran dan hambatan pelaksanaannya sebagai bahan pengambilan keputusan pimpinan.',
          'Menindaklanjuti temuan pemeriksaan Badan Pemeriksa Keuangan dan aparat pengawasan intern pemerintah terkait penatausahaan keuangan hingga tuntas.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan dan sistem penatausahaan keuangan daerah yang efektif, efisien, dan akuntabel.',
        indicators: [
          'Merumuskan kebijakan pelaksanaan dan penatausahaan APBD, termasuk perluasan transaksi nontunai dan penggunaan kartu kredit pemerintah daerah.',
          'Menetapkan standar operasional penatausahaan keuangan yang terintegrasi lintas perangkat daerah.',
          'Mengevaluasi tata kelola kas dan pertanggungjawaban keuangan daerah untuk mencegah penyimpangan dan kerugian daerah.',
        ],
      },
    ],
  },
  {
    code: 'T.MK.03',
    type: 'TEKNIS',
    area: 'MANAJEMEN_KEUANGAN',
    name: 'Akuntansi dan Pelaporan Keuangan Berbasis Akrual',
    description:
      'Kemampuan menerapkan sistem akuntansi pemerintah daerah berbasis akrual sesuai Standar Akuntansi Pemerintahan dalam Peraturan Pemerintah Nomor 71 Tahun 2010 untuk menghasilkan laporan keuangan perangkat daerah dan Laporan Keuangan Pemerintah Daerah (LKPD) yang andal, relevan, dan tepat waktu.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami prinsip dasar akuntansi pemerintahan berbasis akrual dan komponen laporan keuangan.',
        indicators: [
          'Menjelaskan perbedaan basis kas dan basis akrual dalam pengakuan pendapatan, belanja, dan beban.',
          'Menyebutkan komponen laporan keuangan pemerintah daerah, yaitu Laporan Realisasi Anggaran, Laporan Perubahan Saldo Anggaran Lebih, Neraca, Laporan Operasional, Laporan Arus Kas, Laporan Perubahan Ekuitas, dan Catatan atas Laporan Keuangan.',
          'Mengidentifikasi akun transaksi sesuai bagan akun standar.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Melakukan pencatatan transaksi keuangan perangkat daerah sesuai sistem akuntansi pemerintah daerah.',
        indicators: [
          'Menjurnal transaksi pendapatan-LRA, belanja, pendapatan-LO, dan beban secara benar pada aplikasi akuntansi.',
          'Menyusun jurnal penyesuaian akhir periode, antara lain untuk persediaan, beban dibayar di muka, dan utang beban.',
          'Merekonsiliasi realisasi belanja modal dengan penambahan aset tetap serta belanja barang dengan mutasi persediaan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Menyusun laporan keuangan perangkat daerah beserta Catatan atas Laporan Keuangan.',
        indicators: [
          'Menyusun laporan keuangan SKPD secara lengkap dan tepat waktu berdasarkan Standar Akuntansi Pemerintahan.',
          'Menyusun Catatan atas Laporan Keuangan yang mengungkapkan kebijakan akuntansi, penjelasan pos laporan, dan informasi nonkeuangan yang diperlukan.',
          'Menganalisis kewajaran saldo akun dan mengoreksi kesalahan pencatatan sebelum laporan disampaikan kepada PPKD.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengonsolidasikan laporan keuangan pemerintah daerah dan mengawal proses pemeriksaan.',
        indicators: [
          'Mengonsolidasikan laporan keuangan SKPD dan PPKD menjadi LKPD, termasuk eliminasi transaksi timbal balik.',
          'Menyiapkan LKPD yang belum diaudit untuk disampaikan kepada Badan Pemeriksa Keuangan paling lambat tiga bulan setelah tahun anggaran berakhir dan melayani permintaan data pemeriksaan.',
          'Menyusun rencana aksi tindak lanjut rekomendasi hasil pemeriksaan untuk mempertahankan opini Wajar Tanpa Pengecualian (WTP).',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan akuntansi dan strategi peningkatan kualitas pelaporan keuangan pemerintah daerah.',
        indicators: [
          'Menyusun dan memutakhirkan peraturan kepala daerah tentang kebijakan akuntansi dan sistem akuntansi pemerintah daerah.',
          'Merumuskan strategi peningkatan kualitas laporan keuangan melalui penguatan sistem informasi, sumber daya manusia, dan pengendalian intern.',
          'Memanfaatkan informasi laporan keuangan berbasis akrual untuk analisis kinerja dan kesinambungan fiskal daerah dalam pengambilan kebijakan.',
        ],
      },
    ],
  },
  {
    code: 'T.MK.04',
    type: 'TEKNIS',
    area: 'MANAJEMEN_KEUANGAN',
    name: 'Pengadaan Barang/Jasa dan Pengendalian Intern',
    description:
      'Kemampuan melaksanakan pengadaan barang/jasa pemerintah sesuai Peraturan Presiden Nomor 16 Tahun 2018 sebagaimana telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021, serta menerapkan Sistem Pengendalian Intern Pemerintah (SPIP) berdasarkan Peraturan Pemerintah Nomor 60 Tahun 2008 dalam pengelolaan keuangan daerah.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami prinsip dan etika pengadaan barang/jasa serta unsur sistem pengendalian intern pemerintah.',
        indicators: [
          'Menjelaskan prinsip pengadaan barang/jasa, yaitu efisien, efektif, transparan, terbuka, bersaing, adil, dan akuntabel, beserta etika para pelaku pengadaan.',
          'Menyebutkan lima unsur SPIP, yaitu lingkungan pengendalian, penilaian risiko, kegiatan pengendalian, informasi dan komunikasi, serta pemantauan pengendalian intern.',
          'Mengenali pelaku pengadaan, seperti PA/KPA, PPK, Pejabat Pengadaan, Pokja Pemilihan, dan PjPHP/PPHP, beserta tugasnya masing-masing.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Melaksanakan tahapan pengadaan sederhana dan kegiatan pengendalian pada lingkup tugasnya.',
        indicators: [
          'Menyusun spesifikasi teknis, harga perkiraan sendiri (HPS), dan rancangan kontrak untuk pengadaan bernilai kecil.',
          'Melaksanakan pengadaan langsung sesuai batas nilai yang berlaku serta e-purchasing melalui katalog elektronik.',
          'Mendokumentasikan proses dan bukti pengadaan secara tertib sebagai bagian dari kegiatan pengendalian.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description: 'Mengelola proses pengadaan dan pengendalian intern pada tingkat unit kerja.',
        indicators: [
          'Menyusun rencana umum pengadaan (RUP) dan mengumumkannya melalui Sistem Informasi Rencana Umum Pengadaan (SiRUP) sesuai jadwal.',
          'Menentukan cara pengadaan, metode pemilihan penyedia, dan jenis kontrak yang tepat, termasuk pengutamaan produk dalam negeri serta usaha mikro, usaha kecil, dan koperasi.',
          'Mengidentifikasi dan menganalisis risiko pengadaan dan pengelolaan keuangan unit kerja serta menyusun rencana tindak pengendaliannya.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengendalikan pelaksanaan pengadaan dan penyelenggaraan SPIP di tingkat perangkat daerah.',
        indicators: [
          'Mengendalikan pelaksanaan kontrak, termasuk perubahan kontrak, pemberian kesempatan, dan pengenaan sanksi, sesuai ketentuan.',
          'Menyusun register risiko perangkat daerah dan memantau efektivitas kegiatan pengendaliannya.',
          'Menangani sanggah, pengaduan, dan permasalahan hukum pengadaan bersama Unit Kerja Pengadaan Barang/Jasa (UKPBJ) dan Inspektorat.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan pengadaan strategis dan memperkuat maturitas SPIP pemerintah daerah.',
        indicators: [
          'Merumuskan strategi pengadaan daerah, termasuk konsolidasi pengadaan, pemanfaatan katalog elektronik lokal, dan penguatan UKPBJ yang profesional.',
          'Mengarahkan peningkatan maturitas penyelenggaraan SPIP dan penerapan manajemen risiko di lingkungan pemerintah daerah sesuai hasil penilaian BPKP.',
          'Mengevaluasi efektivitas pengadaan dan pengendalian intern dalam pencegahan korupsi, termasuk tindak lanjut area intervensi Monitoring Center for Prevention (MCP) KPK.',
        ],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // TEKNIS: PELAYANAN PUBLIK
  // ---------------------------------------------------------------------------------------------
  {
    code: 'T.PP.01',
    type: 'TEKNIS',
    area: 'PELAYANAN_PUBLIK',
    name: 'Standar Pelayanan dan Maklumat Pelayanan',
    description:
      'Kemampuan menyusun, menetapkan, menerapkan, dan mengevaluasi standar pelayanan serta maklumat pelayanan sesuai Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik dan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami asas penyelenggaraan pelayanan publik serta komponen standar pelayanan.',
        indicators: [
          'Menjelaskan asas penyelenggaraan pelayanan publik menurut Undang-Undang Nomor 25 Tahun 2009, antara lain kepentingan umum, kepastian hukum, kesamaan hak, dan akuntabilitas.',
          'Menyebutkan komponen standar pelayanan, antara lain persyaratan, sistem, mekanisme, dan prosedur, jangka waktu penyelesaian, biaya/tarif, produk pelayanan, serta penanganan pengaduan, saran, dan masukan.',
          'Memberikan layanan kepada masyarakat sesuai standar pelayanan yang telah dipublikasikan.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Menerapkan standar pelayanan secara konsisten dan memberikan informasi layanan yang jelas.',
        indicators: [
          'Menjelaskan persyaratan, prosedur, jangka waktu, dan biaya layanan kepada pengguna layanan secara tepat dan tidak berbelit-belit.',
          'Memastikan informasi standar pelayanan dan maklumat pelayanan terpampang di ruang layanan dan kanal daring unit layanan.',
          'Mencatat ketidaksesuaian pelaksanaan layanan terhadap standar dan melaporkannya kepada atasan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Menyusun dan memutakhirkan standar pelayanan unit layanan dengan melibatkan masyarakat.',
        indicators: [
          'Menyusun rancangan standar pelayanan yang memuat komponen proses penyampaian pelayanan (service delivery) dan komponen pengelolaan pelayanan di internal organisasi (manufacturing) sesuai PermenPANRB Nomor 15 Tahun 2014.',
          'Menyelenggarakan forum pembahasan rancangan standar pelayanan bersama pengguna layanan, pihak terkait, dan unsur masyarakat.',
          'Menyiapkan maklumat pelayanan yang memuat pernyataan kesanggupan dan kewajiban penyelenggara untuk melaksanakan pelayanan sesuai standar pelayanan.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengendalikan penerapan standar pelayanan di seluruh unit layanan perangkat daerah dan menjamin pemenuhannya.',
        indicators: [
          'Menetapkan standar pelayanan dan maklumat pelayanan perangkat daerah serta memastikan publikasinya kepada masyarakat.',
          'Memantau kepatuhan unit layanan terhadap standar pelayanan, termasuk menindaklanjuti hasil penilaian kepatuhan oleh Ombudsman Republik Indonesia.',
          'Meninjau dan menyempurnakan standar pelayanan secara berkala berdasarkan hasil evaluasi, pengaduan masyarakat, dan perubahan peraturan.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan dan inovasi penyelenggaraan pelayanan publik berbasis standar di tingkat pemerintah daerah.',
        indicators: [
          'Merumuskan kebijakan penyelenggaraan pelayanan publik tingkat provinsi yang menjamin kepastian, kesetaraan, dan kemudahan akses layanan.',
          'Mendorong integrasi layanan melalui mal pelayanan publik dan layanan digital terpadu tanpa mengurangi pemenuhan standar pelayanan.',
          'Mengarahkan pemantauan dan evaluasi kinerja penyelenggaraan pelayanan publik lintas perangkat daerah serta menetapkan tindak lanjut perbaikannya.',
        ],
      },
    ],
  },
  {
    code: 'T.PP.02',
    type: 'TEKNIS',
    area: 'PELAYANAN_PUBLIK',
    name: 'Pengelolaan Pengaduan Pelayanan Publik',
    description:
      'Kemampuan menerima, mencatat, menelaah, menindaklanjuti, dan menyelesaikan pengaduan masyarakat secara cepat, tepat, dan tuntas melalui Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional – Layanan Aspirasi dan Pengaduan Online Rakyat (SP4N-LAPOR!), sesuai Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description: 'Memahami hak masyarakat untuk mengadu serta kanal pengaduan yang tersedia.',
        indicators: [
          'Menjelaskan hak masyarakat untuk menyampaikan pengaduan dan kewajiban penyelenggara untuk mengelolanya.',
          'Mengarahkan pengadu ke kanal pengaduan resmi, termasuk SP4N-LAPOR! melalui situs web, aplikasi seluler, dan SMS 1708.',
          'Menerima pengaduan secara langsung dengan sikap sopan, empatik, dan tidak defensif.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description: 'Mencatat dan meneruskan pengaduan secara lengkap sesuai prosedur.',
        indicators: [
          'Mencatat identitas pengadu, substansi pengaduan, dan bukti pendukung dengan menjaga kerahasiaan identitas pelapor.',
          'Mengklasifikasikan pengaduan berdasarkan substansi dan tingkat urgensinya serta meneruskannya kepada pejabat yang berwenang.',
          'Menyampaikan informasi perkembangan tindak lanjut kepada pengadu dalam jangka waktu yang ditetapkan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description: 'Menelaah dan menindaklanjuti pengaduan hingga tuntas di lingkup unit kerja.',
        indicators: [
          'Menganalisis akar masalah pengaduan dan menyusun jawaban yang menyeluruh berdasarkan data dan ketentuan yang berlaku.',
          'Menindaklanjuti pengaduan yang didisposisikan melalui SP4N-LAPOR! sesuai batas waktu penyelesaian yang berlaku.',
          'Menyusun rekapitulasi pengaduan secara berkala sebagai bahan perbaikan layanan unit kerja.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengelola sistem pengelolaan pengaduan perangkat daerah dan memanfaatkannya untuk perbaikan layanan.',
        indicators: [
          'Menetapkan pejabat penghubung, admin pengelola pengaduan, dan prosedur penanganan pengaduan yang terintegrasi dengan SP4N-LAPOR!.',
          'Mengendalikan ketepatan waktu dan kualitas tindak lanjut pengaduan lintas unit kerja.',
          'Menggunakan analisis tren pengaduan sebagai dasar penyempurnaan standar pelayanan dan pencegahan maladministrasi.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan pengelolaan pengaduan yang terintegrasi di tingkat pemerintah daerah.',
        indicators: [
          'Merumuskan kebijakan pengelolaan pengaduan tingkat provinsi yang terintegrasi dengan pemerintah pusat dan pemerintah kabupaten/kota.',
          'Membangun koordinasi dengan Ombudsman Republik Indonesia Perwakilan Provinsi Jambi dalam pencegahan dan penyelesaian maladministrasi.',
          'Mengevaluasi kinerja pengelolaan pengaduan seluruh perangkat daerah serta menetapkan mekanisme penghargaan dan sanksinya.',
        ],
      },
    ],
  },
  {
    code: 'T.PP.03',
    type: 'TEKNIS',
    area: 'PELAYANAN_PUBLIK',
    name: 'Survei Kepuasan Masyarakat dan Etika Pelayanan',
    description:
      'Kemampuan melaksanakan survei kepuasan masyarakat (SKM) sesuai Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017, memanfaatkan hasilnya untuk perbaikan layanan, serta menerapkan etika pelayanan dan pelayanan yang inklusif, termasuk bagi penyandang disabilitas dan kelompok rentan.',
    levels: [
      {
        level: 1,
        name: 'Paham',
        description:
          'Memahami etika pelayanan, hak kelompok rentan, serta tujuan survei kepuasan masyarakat.',
        indicators: [
          'Menerapkan perilaku pelaksana pelayanan sesuai Undang-Undang Nomor 25 Tahun 2009, antara lain adil dan tidak diskriminatif, cermat, santun dan ramah, serta tidak menyalahgunakan kewenangan.',
          'Memberikan perlakuan khusus kepada penyandang disabilitas, lanjut usia, wanita hamil, dan anak-anak, termasuk pendampingan apabila diperlukan.',
          'Menjelaskan tujuan SKM dan sembilan unsur yang diukur menurut PermenPANRB Nomor 14 Tahun 2017.',
        ],
      },
      {
        level: 2,
        name: 'Dasar',
        description:
          'Melaksanakan pengumpulan data SKM dan memberikan layanan yang inklusif secara mandiri.',
        indicators: [
          'Menyebarkan kuesioner SKM secara langsung maupun elektronik kepada responden sesuai jumlah sampel yang ditentukan.',
          'Menggunakan cara komunikasi yang sesuai bagi pengguna layanan penyandang disabilitas, seperti bahasa isyarat dasar, informasi tertulis, atau format yang mudah dibaca.',
          'Menjaga netralitas dan menolak pemberian dalam bentuk apa pun di luar biaya layanan yang ditetapkan.',
        ],
      },
      {
        level: 3,
        name: 'Menengah',
        description:
          'Mengolah dan menganalisis hasil SKM serta menyusun rencana perbaikan layanan unit kerja.',
        indicators: [
          'Menentukan jumlah sampel, antara lain dengan tabel Krejcie dan Morgan, serta metode survei yang sesuai dengan karakteristik layanan.',
          'Menghitung indeks kepuasan masyarakat per unsur dan secara keseluruhan menggunakan nilai penimbang yang ditetapkan serta mengonversinya ke dalam mutu pelayanan A sampai dengan D.',
          'Menyusun laporan hasil SKM dan rencana tindak lanjut atas unsur pelayanan dengan nilai terendah.',
        ],
      },
      {
        level: 4,
        name: 'Mumpuni',
        description:
          'Mengendalikan pelaksanaan SKM serta penerapan etika dan pelayanan inklusif di seluruh unit layanan perangkat daerah.',
        indicators: [
          'Memastikan SKM dilaksanakan secara berkala pada setiap unit layanan dan hasilnya beserta tindak lanjutnya dipublikasikan kepada masyarakat.',
          'Memastikan ketersediaan sarana dan prasarana yang aksesibel, seperti jalur landai, toilet khusus, kursi roda, dan petugas pendamping, sesuai prinsip pelayanan inklusif.',
          'Menegakkan kode etik dan kode perilaku pelaksana pelayanan serta menindaklanjuti pelanggarannya.',
        ],
      },
      {
        level: 5,
        name: 'Ahli',
        description:
          'Merumuskan kebijakan peningkatan kepuasan masyarakat dan pelayanan publik yang beretika serta inklusif di tingkat pemerintah daerah.',
        indicators: [
          'Merumuskan kebijakan pelayanan inklusif yang menjamin akomodasi yang layak bagi penyandang disabilitas sesuai Undang-Undang Nomor 8 Tahun 2016 tentang Penyandang Disabilitas.',
          'Mengintegrasikan hasil SKM seluruh perangkat daerah ke dalam evaluasi kinerja dan perencanaan pembangunan daerah.',
          'Membangun budaya pelayanan prima di lingkungan pemerintah provinsi melalui keteladanan, penghargaan, dan pengawasan etika pelayanan.',
        ],
      },
    ],
  },
]
