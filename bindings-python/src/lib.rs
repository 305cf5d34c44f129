//! Placeholder: the python binding lands in its own issue.
