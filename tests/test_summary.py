"""The run summary says what actually happened, not just that nothing was published."""

from newsevents.summary import RunSummary


def test_nothing_new_messages_tell_known_from_rejected_from_empty():
    known = RunSummary(run_id="r", db="w", status="nothing_new", articles_seen=3, articles_skipped=3)
    rejected = RunSummary(run_id="r", db="w", status="nothing_new", articles_seen=2, articles_rejected=2)
    empty = RunSummary(run_id="r", db="w", status="nothing_new")
    assert known.message == "nothing new: every article is already in the warehouse"
    assert rejected.message.startswith("nothing to publish: 2 input(s) rejected")
    assert empty.message == "nothing new: no articles found in the seed folder or feeds"
    assert rejected.message in rejected.render()
