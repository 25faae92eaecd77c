//! Placeholder until its issue lands; see the README's status table.
