//! One lookup's session: the egress gate every request of it goes through, and what the
//! background remembers of hosts across lookups (their NodeInfo). The lookup's steps are its
//! methods (`account.rs`, `object.rs`, `home.rs`), so that none carries a parameter list.

use crate::core::net::egress::Limits;
use crate::core::net::fetch::{Fetch, Gate, GateError};
use crate::core::protocol::nodeinfo::{self, HostMemory, NodeInfoOutcome};
use crate::core::report::{Report, Status};
use crate::core::words::Msg;

pub struct Lookup<'s, F: Fetch> {
    pub gate: Gate<'s, F>,
    memory: Option<&'s HostMemory>,
}

impl<'s, F: Fetch> Lookup<'s, F> {
    pub fn new(fetch: &'s F, limits: Limits, memory: Option<&'s HostMemory>) -> Self {
        Lookup { gate: Gate::new(fetch, limits), memory }
    }

    /// A host's NodeInfo, asked once per host per session.
    pub async fn nodeinfo(&self, host: &str) -> NodeInfoOutcome {
        nodeinfo::fetch(&self.gate, host, self.memory).await
    }
}

/// The lookup ends here: `status`, and why.
pub fn fail(report: &mut Report, status: Status, why: Msg) {
    report.status = status;
    report.warnings.push(why);
}

/// The status a request the gate could not complete gives the lookup.
pub fn gate_status(error: &GateError) -> Status {
    match error {
        GateError::Refused(_) => Status::Refused,
        GateError::TooLarge { .. } => Status::Invalid,
        GateError::Network { .. } | GateError::Timeout { .. } => Status::Unreachable,
    }
}

pub fn fail_gate(report: &mut Report, error: GateError) {
    fail(report, gate_status(&error), error.msg());
}
