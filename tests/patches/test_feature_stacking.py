"""Sparse features joined without bmat are the matrices scipy's hstack builds:
same type, shape, data and index types, entries in the same order.
tests/patches/test_speed_patches.py compares DIET's results on the real
featurizers' output."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.shared.nlu.training_data.features import Features

from bot.patches import feature_stacking


def _matrix(rows, cols, dtype, density, seed, index=np.int32):
    rng = np.random.default_rng(seed)
    dense = (rng.random((rows, cols)) < density) * rng.integers(1, 9, (rows, cols))
    matrix = scipy.sparse.coo_matrix(dense.astype(dtype))
    matrix.row, matrix.col = matrix.row.astype(index), matrix.col.astype(index)
    return matrix


def _same(ours, theirs):
    assert type(ours) is type(theirs)
    assert ours.shape == theirs.shape
    assert [type(n) for n in ours.shape] == [type(n) for n in theirs.shape]
    for name in ("data", "row", "col"):
        mine, scipys = getattr(ours, name), getattr(theirs, name)
        assert mine.dtype == scipys.dtype, name
        assert np.array_equal(mine, scipys), name
    assert ours.has_canonical_format == theirs.has_canonical_format


PAIRS = [
    (_matrix(1, 9, np.float64, 0.5, 1), _matrix(1, 40, np.int64, 0.2, 2)),
    (_matrix(7, 30, np.float64, 0.3, 3), _matrix(7, 5000, np.int64, 0.01, 4)),
    (_matrix(7, 30, np.float32, 0.3, 5), _matrix(7, 8, np.float64, 0.3, 6)),
    (_matrix(3, 4, np.int64, 0.0, 7), _matrix(3, 4, np.float64, 0.0, 8)),
    (_matrix(2, 5, np.float64, 0.5, 9, np.int64), _matrix(2, 6, np.int32, 0.5, 10)),
    (_matrix(4, 3, bool, 0.5, 11), _matrix(4, 3, np.float64, 0.5, 12)),
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_the_matrix_is_hstacks(first, second):
    _same(feature_stacking.stack(first, second), scipy.sparse.hstack([first, second]))


def _features(matrix):
    return Features(matrix, "sequence", "text", "origin")


def _rasas():
    found = Features.__dict__["_combine_sparse_features"]
    return getattr(found, "__wrapped__", found)


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_combined_features_are_rasas(first, second):
    ours, theirs = _features(first), _features(first)
    feature_stacking._stacking(_rasas())(ours, _features(second))
    _rasas()(theirs, _features(second))
    _same(ours.features, theirs.features)


def test_other_matrices_and_mismatches_go_to_rasas_code():
    combine = feature_stacking._stacking(_rasas())
    csr = _features(_matrix(2, 3, np.float64, 0.5, 1).tocsr())
    combine(csr, _features(_matrix(2, 3, np.float64, 0.5, 2)))
    assert csr.features.shape == (2, 6)
    with pytest.raises(ValueError, match="sequence dimensions do not match"):
        combine(
            _features(_matrix(2, 3, np.float64, 0.5, 1)),
            _features(_matrix(3, 3, np.float64, 0.5, 1)),
        )
