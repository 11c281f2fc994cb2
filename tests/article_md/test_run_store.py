"""article_md.run_store: the stored runs, read once and checked for freshness."""


def test_dataset_checksum_is_remembered_until_a_dataset_file_changes(tmp_path, monkeypatch):
    import os

    import article_md.run_store as store
    from snippets import dataset

    files = [tmp_path / "a.gz", tmp_path / "b.gz"]
    for file in files:
        file.write_bytes(b"x")
    hashed = []
    monkeypatch.setattr(dataset, "dataset_files", lambda name: files)
    monkeypatch.setattr(dataset, "dataset_checksum", lambda name: hashed.append(name) or f"sum{len(hashed)}")
    monkeypatch.chdir(tmp_path)  # the build cache is relative to the project folder

    assert store._dataset_checksum("fashion_mnist") == "sum1"
    assert store._dataset_checksum("fashion_mnist") == "sum1"  # from the cache file
    assert len(hashed) == 1
    os.utime(files[1], ns=(1, 1))  # a file replaced: hashed again
    assert store._dataset_checksum("fashion_mnist") == "sum2"
    files[0].unlink()  # not on this machine: asked each time, not remembered
    assert store._dataset_checksum("fashion_mnist") == "sum3"
    assert store._dataset_checksum("fashion_mnist") == "sum4"
