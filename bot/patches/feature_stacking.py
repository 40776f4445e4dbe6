"""The NLU's sparse features are put side by side without scipy's general
block-matrix builder.

Before DIET reads a message, Rasa 3.6 joins the sparse features of each
featurizer (regex, lexical, the two count vectorisers), for the tokens and for
the sentence, with `scipy.sparse.hstack` (`Features._combine_sparse_features`).
`hstack` goes through `bmat`, which handles any grid of blocks in any format: it
converts each block to a new COO matrix, checks it, and builds the result;
py-spy on the loaded Rasa server put about 5% of its time there, for two
small matrices at a time.

Here, when both are COO matrices with rows (what the featurizers give), the
result is built as `bmat` builds it for one row of two blocks: the same data
type (the two types' common one), the same index type, the entries in the same
order, the second block's columns shifted by the first's width, one
`coo_matrix` of the same shape. Anything else goes to Rasa's own code.
tests/patches/test_feature_stacking.py compares the matrices with `hstack`'s;
tests/patches/test_speed_patches.py compares the NLU's results on the test
stories with and without it.
"""

from __future__ import annotations

import functools

from bot.patches import replace_once


def stack(first, second):
    """`scipy.sparse.hstack([first, second])` for two COO matrices with rows."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse._sputils import get_index_dtype, upcast

    shape = (first.shape[0], first.shape[1] + second.shape[1])
    dtype = upcast(first.dtype, second.dtype)
    index = get_index_dtype(maxval=max(shape))
    split, nnz = first.nnz, first.nnz + second.nnz
    data = np.empty(nnz, dtype=dtype)
    row = np.empty(nnz, dtype=index)
    col = np.empty(nnz, dtype=index)
    data[:split] = first.data
    data[split:] = second.data
    np.add(first.row, 0, out=row[:split], dtype=index)
    np.add(second.row, 0, out=row[split:], dtype=index)
    np.add(first.col, 0, out=col[:split], dtype=index)
    np.add(second.col, first.shape[1], out=col[split:], dtype=index)
    return coo_matrix((data, (row, col)), shape=shape)


def _stacking(original):
    @functools.wraps(original)
    def _combine_sparse_features(self, additional_features) -> None:
        from scipy.sparse import coo_matrix

        first, second = self.features, additional_features.features
        if (
            type(first) is not coo_matrix
            or type(second) is not coo_matrix
            or first.shape[0] != second.shape[0]
            or first.shape[0] == 0
        ):
            return original(self, additional_features)
        self.features = stack(first, second)
        self._cached_fingerprint = None

    return _combine_sparse_features


def install() -> None:
    """Replace Features._combine_sparse_features; idempotent."""
    from rasa.shared.nlu.training_data.features import Features

    replace_once(Features, "_combine_sparse_features", _stacking)
