//! Placeholder: the node binding lands in its own issue.
