"""The packed R-tree is a valid SQLite R-tree (rtreecheck) that answers queries like one built by inserts."""

import sqlite3

import numpy as np
import pytest

from crimemap_plugin.core.store import rtree_bulk


@pytest.mark.parametrize("n", [0, 1, 51, 52, 2601, 2602, 20000])
def test_packed_tree_is_valid_and_answers_like_inserts(tmp_path, n):
    rng = np.random.default_rng(n)
    x, y = rng.uniform(-5.5, 1.7, n), rng.uniform(50, 55.5, n)
    packed = sqlite3.connect(tmp_path / "packed.db", isolation_level=None)
    inserted = sqlite3.connect(":memory:")
    for conn in (packed, inserted):
        conn.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
    packed.execute("BEGIN")
    rtree_bulk.load(packed, "r", np.arange(1, n + 1), x, x, y, y, chunk_nodes=5)
    packed.execute("COMMIT")
    inserted.executemany("INSERT INTO r VALUES (?,?,?,?,?)", zip(range(1, n + 1), x, x, y, y))
    assert packed.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    query = "SELECT id FROM r WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id"
    for box in [(-2, 0, 51, 52), (-5.5, 1.7, 50, 55.5), (0.5, 0.6, 53, 53.1)]:
        assert packed.execute(query, box).fetchall() == inserted.execute(query, box).fetchall()
    # The tree stays valid under ordinary inserts and deletes afterwards.
    packed.executemany("INSERT INTO r VALUES (?,?,?,?,?)", [(n + i + 1, 0.1, 0.1, 51.5, 51.5) for i in range(300)])
    packed.execute("DELETE FROM r WHERE id % 7 = 0")
    assert packed.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"


@pytest.mark.parametrize("n", [0, 1, 52, 2602, 20000])
def test_points_from_32_bit_bounds_answer_like_inserts(tmp_path, n):
    """The import's path (load_bounds with boxes rounded outwards a slice at a time) gives a valid tree
    that finds exactly what inserted points find, boundary points included."""
    rng = np.random.default_rng(n + 1)
    x, y = rng.uniform(-5.5, 1.7, n), rng.uniform(50, 55.5, n)
    x[: n // 10], y[: n // 10] = -2.0, 51.0   # points exactly on a query's edge
    packed = sqlite3.connect(tmp_path / "packed.db", isolation_level=None)
    inserted = sqlite3.connect(":memory:")
    for conn in (packed, inserted):
        conn.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
    packed.execute("BEGIN")
    rtree_bulk.load_bounds(packed, "r", np.arange(1, n + 1), *rtree_bulk.rounded_out(x), *rtree_bulk.rounded_out(y))
    packed.execute("COMMIT")
    inserted.executemany("INSERT INTO r VALUES (?,?,?,?,?)", zip(range(1, n + 1), x, x, y, y))
    assert packed.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    query = "SELECT id FROM r WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id"
    for box in [(-2, 0, 51, 52), (-5.5, 1.7, 50, 55.5), (0.5, 0.6, 53, 53.1), (-2.0, -2.0, 51.0, 51.0)]:
        assert packed.execute(query, box).fetchall() == inserted.execute(query, box).fetchall()


@pytest.mark.parametrize("n", [40, 3000])
def test_boxes_with_ids_in_no_order_give_a_valid_tree(tmp_path, n):
    """Links are written in id order whatever order the ids come in (polygons' ids need not be sorted)."""
    rng = np.random.default_rng(n + 2)
    ids = rng.permutation(np.arange(10, 10 + 3 * n, 3))
    x, y = rng.uniform(-5.5, 1.7, n), rng.uniform(50, 55.5, n)
    packed = sqlite3.connect(tmp_path / "packed.db", isolation_level=None)
    packed.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
    packed.execute("BEGIN")
    rtree_bulk.load(packed, "r", ids, x, x + 0.01, y, y + 0.01, chunk_nodes=7)
    packed.execute("COMMIT")
    assert packed.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    assert [i for (i,) in packed.execute("SELECT id FROM r ORDER BY id")] == sorted(ids.tolist())
    inside = sorted(int(i) for i, a, b in zip(ids, x, y) if -2 <= a <= 0 and 51 <= b <= 52)
    assert [i for (i,) in packed.execute("SELECT id FROM r WHERE minx >= -2 AND maxx <= 0.01 AND miny >= 51 AND "
                                         "maxy <= 52.01 AND minx <= 0 AND miny <= 52 ORDER BY id")] == inside
