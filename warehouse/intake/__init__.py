"""Submissions (数据报送) and review (审核): offices hand in one table's file at a time.

`store.Store` keeps every file as received and its outcome in a small SQLite database beside
it; `review` applies the review rules of `review_rules.toml`; `Store.materialize` writes the
build's input (a raw folder in the contract's layout) from the latest accepted submissions.
"""

from warehouse.intake.store import DEFAULT_STORE, Store, SubmitResult

__all__ = ["DEFAULT_STORE", "Store", "SubmitResult"]
