import zipfile

from workers import sdist


def test_a_mac_zip_unpacks_its_single_folder_without_resource_forks(tmp_path):
    archive = tmp_path / "pkg-1.0.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pkg-1.0/setup.py", "pass\n")
        zf.writestr("__MACOSX/pkg-1.0/._setup.py", "\x00\x05")
    dest = sdist.unpack(archive, tmp_path / "out")
    assert sorted(p.name for p in dest.iterdir()) == ["setup.py"]
