"""Direction clashes (service/judge/signals/direction_clashes.py): the same amount, changed the other way.
Every sentence written for this project; every cue of service/judge/vocab/direction.json has an example."""

import json
from pathlib import Path

import pytest

from service.judge.signals import find_clashes
from service.judge.signals.analysis import _analyse
from service.judge.signals.direction_clashes import _amounts

VOCAB = json.loads((Path(__file__).resolve().parents[3] / "service/judge/vocab/direction.json").read_text())

# (cue, direction it gives, a sentence where it governs an amount)
EXAMPLES = [
    ("naik", 1, "Harga tiket kereta naik 10 persen."),
    ("dinaikkan", 1, "Tarif parkir dinaikkan 25 persen."),
    ("menaikkan", 1, "Pemerintah daerah menaikkan tunjangan guru 15 persen."),
    ("kenaikan", 1, "Pegawai menerima kenaikan gaji 8 persen."),
    ("bertambah", 1, "Waktu tempuh bertambah 30 menit."),
    ("ditambah", 1, "Masa berlaku izin ditambah 2 tahun."),
    ("menambah", 1, "Bank menambah plafon kredit sebesar Rp5 triliun."),
    ("penambahan", 1, "Dinas mengumumkan penambahan kuota 20 persen."),
    ("tambahan", 1, "Importir dikenai bea masuk tambahan sebesar 20 persen."),
    ("meningkat", 1, "Jumlah penumpang meningkat 12 persen."),
    ("ditingkatkan", 1, "Kapasitas gudang ditingkatkan 40 persen."),
    ("meningkatkan", 1, "Perusahaan meningkatkan produksi 30 persen."),
    ("peningkatan", 1, "Target penerimaan mencatat peningkatan 9 persen."),
    ("melonjak", 1, "Harga cabai melonjak 50 persen."),
    ("diperpanjang", 1, "Masa tanggap darurat diperpanjang 14 hari."),
    ("memperpanjang", 1, "Pemerintah memperpanjang masa pendaftaran 7 hari."),
    ("perpanjangan", 1, "Peserta mendapat perpanjangan waktu 3 hari."),
    ("diundur", 1, "Jadwal keberangkatan diundur 2 jam."),
    ("ditunda", 1, "Peluncuran satelit ditunda 10 hari."),
    ("increase", 1, "The ministry announced an increase of 10 percent in bus fares."),
    ("increased", 1, "Fares increased by 10 percent."),
    ("increases", 1, "The rule increases the levy by 5 percent."),
    ("raise", 1, "The city will raise parking fees by 25 percent."),
    ("raised", 1, "Parking fees were raised by 25 percent."),
    ("raises", 1, "The decree raises the allowance by 15 percent."),
    ("rise", 1, "Toll fares will rise 5 percent."),
    ("rises", 1, "The fee rises 5 percent in March."),
    ("rose", 1, "Exports rose 7 percent."),
    ("additional", 1, "Importers pay an additional 20 percent duty."),
    ("extra", 1, "Travellers pay an extra 15 percent at peak times."),
    ("extended", 1, "The deadline was extended by 14 days."),
    ("surcharge", 1, "Airlines may add a surcharge of 10 percent."),
    ("turun", -1, "Harga gula turun 5 persen."),
    ("diturunkan", -1, "Suku bunga kredit diturunkan 2 persen."),
    ("menurunkan", -1, "Bank menurunkan biaya transfer 50 persen."),
    ("penurunan", -1, "Pelanggan menikmati penurunan tarif 10 persen."),
    ("berkurang", -1, "Antrean berkurang 40 menit."),
    ("dikurangi", -1, "Kuota impor dikurangi 30 persen."),
    ("mengurangi", -1, "Pemerintah mengurangi subsidi pupuk 10 persen."),
    ("pengurangan", -1, "Wajib pajak mendapat pengurangan denda 50 persen."),
    ("potongan", -1, "Penumpang lansia mendapat potongan tarif 20 persen."),
    ("dipotong", -1, "Biaya sertifikasi dipotong 50 persen."),
    ("memotong", -1, "Pemerintah memotong biaya izin 25 persen."),
    ("pemotongan", -1, "Pegawai menolak pemotongan tunjangan 10 persen."),
    ("diskon", -1, "Operator memberikan diskon tarif 30 persen."),
    ("dipangkas", -1, "Anggaran perjalanan dinas dipangkas 50 persen."),
    ("memangkas", -1, "Kementerian memangkas bea masuk kain sebesar 15 persen."),
    ("pemangkasan", -1, "Dewan menyetujui pemangkasan belanja 10 persen."),
    ("dipersingkat", -1, "Waktu tempuh dipersingkat 25 menit."),
    ("mempersingkat", -1, "Jalur baru mempersingkat perjalanan 40 menit."),
    ("dipercepat", -1, "Pencairan dana dipercepat 3 hari."),
    ("mempercepat", -1, "Sistem baru mempercepat layanan 2 hari."),
    ("menyusut", -1, "Luas hutan menyusut 4 persen."),
    ("keringanan", -1, "UMKM menerima keringanan retribusi 25 persen."),
    ("decrease", -1, "Residents will see a decrease of 10 percent in water bills."),
    ("decreased", -1, "Water bills decreased by 10 percent."),
    ("decreases", -1, "The rule decreases the fee by 20 percent."),
    ("cut", -1, "The city cut parking fees by 25 percent."),
    ("cuts", -1, "The decree cuts the levy by 5 percent."),
    ("reduced", -1, "Fares were reduced by 15 percent."),
    ("reduce", -1, "The ministry will reduce the quota by 30 percent."),
    ("reduces", -1, "The new route reduces travel time by 25 minutes."),
    ("reduction", -1, "Farmers get a reduction of 10 percent in fertiliser prices."),
    ("discount", -1, "Students get a discount of 50 percent."),
    ("discounted", -1, "Tickets are discounted by 20 percent."),
    ("lowered", -1, "The interest rate was lowered by 2 percent."),
    ("shortened", -1, "The journey is shortened by 25 minutes."),
    ("rebate", -1, "Buyers receive a rebate of 10 percent."),
    ("lebih tinggi", 1, "Tarif kelas eksekutif 20 persen lebih tinggi."),
    ("lebih mahal", 1, "Tiket akhir pekan 15 persen lebih mahal."),
    ("lebih lama", 1, "Perjalanan lewat jalur selatan 30 menit lebih lama."),
    ("lebih besar", 1, "Kuota tahun ini 10 persen lebih besar."),
    ("lebih banyak", 1, "Penerima bantuan 25 persen lebih banyak."),
    ("lebih lambat", 1, "Kereta barang 40 menit lebih lambat."),
    ("higher", 1, "Peak fares are 20 percent higher."),
    ("more", 1, "The quota is 10 percent more."),
    ("longer", 1, "The southern route takes 30 minutes longer."),
    ("slower", 1, "Freight trains run 40 minutes slower."),
    ("dearer", 1, "Weekend tickets are 15 percent dearer."),
    ("lebih rendah", -1, "Tarif kelas ekonomi 20 persen lebih rendah."),
    ("lebih murah", -1, "Tiket daring 15 persen lebih murah."),
    ("lebih cepat", -1, "Perjalanan lewat tol 30 menit lebih cepat."),
    ("lebih kecil", -1, "Kuota tahun ini 10 persen lebih kecil."),
    ("menghemat", -1, "Pelanggan yang menambah daya dapat menghemat 50 persen biaya penyambungan."),
    ("penghematan", -1, "Lampu baru memberi penghematan 40 persen tagihan listrik."),
    ("save", -1, "Households adding power save 50 percent of the connection fee."),
    ("saves", -1, "The new route saves 30 minutes of travel."),
    ("lebih sedikit", -1, "Penerima bantuan 25 persen lebih sedikit."),
    ("lebih singkat", -1, "Antrean kini 20 menit lebih singkat."),
    ("lebih hemat", -1, "Lampu baru 40 persen lebih hemat."),
    ("lower", -1, "Off-peak fares are 20 percent lower."),
    ("less", -1, "The quota is 10 percent less."),
    ("cheaper", -1, "Online tickets are 15 percent cheaper."),
    ("shorter", -1, "The new route is 30 minutes shorter."),
    ("faster", -1, "Express trains are 40 minutes faster."),
]


def test_every_cue_of_the_vocabulary_has_an_example():
    cues = set(VOCAB["up"]) | set(VOCAB["down"]) | set(VOCAB["after"]["up"]) | set(VOCAB["after"]["down"])
    assert cues == {cue for cue, _, _ in EXAMPLES}


@pytest.mark.parametrize("cue, side, sentence", EXAMPLES)
def test_each_cue_gives_its_amount_a_direction(cue, side, sentence):
    a = _analyse(sentence)
    [(_, found, k)] = _amounts(a)
    assert found == side
    assert " ".join(a.tokens[j][0] for j in range(k, k + len(cue.split()))) == cue


@pytest.mark.parametrize("reference, draft", [
    ("PT KAI memberikan potongan tarif 15 persen untuk angkutan peti kemas relasi Jakarta–Surabaya.",
     "Mulai Juli, tarif angkutan peti kemas relasi Jakarta–Surabaya dinaikkan 15 persen oleh PT KAI."),
    ("Biaya penerbitan izin edar jamu bagi usaha mikro dipotong 50 persen menjadi Rp250.000 per produk.",
     "Namun, biaya penerbitan izin edar jamu bagi usaha mikro naik 50 persen."),
    ("Waktu tempuh Jakarta–Surabaya lewat jalur utara dipersingkat 25 menit.",
     "Waktu tempuh Jakarta–Surabaya lewat jalur utara justru bertambah sekitar 25 menit."),
    ("Barang kiriman berupa sepatu dan tas dikenai bea masuk tambahan sebesar 25 persen.",
     "Pemerintah justru memangkas bea masuk atas sepatu dan tas kiriman pos sebesar 25 persen."),
    ("Online tickets for the ferry are 15 percent cheaper.", "Online tickets for the ferry are 15 percent dearer."),
])
def test_the_same_amount_the_other_way_clashes(reference, draft):
    assert [c.rule for c in find_clashes(reference, draft)] == ["direction"]


@pytest.mark.parametrize("reference, draft", [
    # the same way
    ("PT KAI memberikan potongan tarif 15 persen untuk angkutan peti kemas.",
     "Tarif angkutan peti kemas diturunkan 15 persen oleh PT KAI."),
    # a level, not a change ("menjadi"), and the old value ("dari")
    ("Tarif angkutan peti kemas diturunkan 5 persen menjadi Rp15 juta.",
     "Tarif angkutan peti kemas naik menjadi 5 persen dari harga kontrak."),
    # a negated cue says nothing of the direction
    ("Tarif angkutan peti kemas diturunkan 15 persen.", "Tarif angkutan peti kemas tidak naik 15 persen."),
    # another thing changed by the same amount
    ("Harga beras medium turun 5 persen di pasar induk.", "Jumlah wisatawan mancanegara naik 5 persen."),
    # another amount
    ("Tarif angkutan peti kemas diturunkan 15 persen.", "Tarif angkutan peti kemas dinaikkan 10 persen."),
])
def test_look_alikes_are_no_direction_clash(reference, draft):
    assert "direction" not in [c.rule for c in find_clashes(reference, draft)]
