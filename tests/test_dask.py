"""The Dask engine on a two-worker LocalCluster gives the same tables as a local run."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

from analyser.corpus import run_batch

pytest.importorskip("distributed")

TEXTS = Path(__file__).resolve().parents[1] / "corpus" / "texts"


def canonical(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.astype(str).sort_values(keys).reset_index(drop=True)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as local:
        yield local


def test_dask_cluster_run_matches_a_local_run(cluster, tmp_path: Path):
    inputs = [TEXTS, tmp_path / "broken.txt", tmp_path / "notities.rtf"]
    (tmp_path / "broken.txt").write_bytes(b"")  # failures must come back as error rows, not a crash
    (tmp_path / "notities.rtf").write_text("{\\rtf1 Wij verwerken je naam.}", encoding="utf-8")
    local = run_batch(inputs, tmp_path / "local", jobs=1, use_model=False, progress=False, dashboard=False)
    remote = run_batch(inputs, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
                       use_model=False, progress=False, dashboard=False)
    assert remote.analysed == local.analysed == len(list(TEXTS.glob("*.txt")))
    assert remote.failed == local.failed == 2
    for name, keys in (("documents.parquet", ["id"]), ("mentions.parquet", ["doc_id", "field", "value", "start"])):
        pd.testing.assert_frame_equal(canonical(pd.read_parquet(tmp_path / "dask" / name), keys),
                                      canonical(pd.read_parquet(tmp_path / "local" / name), keys))
    assert (tmp_path / "dask" / "errors.csv").read_text() == (tmp_path / "local" / "errors.csv").read_text()
    for report in (tmp_path / "local" / "reports").glob("*.json"):
        assert (tmp_path / "dask" / "reports" / report.name).read_text() == report.read_text()
