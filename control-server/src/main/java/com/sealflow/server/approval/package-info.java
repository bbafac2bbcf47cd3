/**
 * The approval engine (DESIGN §3): flows that admins draw run exactly as drawn.
 *
 * <p>Public surface: {@link com.sealflow.server.approval.ApprovalEngine} (the facade), the flow model in
 * {@code approval.model} with {@link com.sealflow.server.approval.FlowJson}, commands ({@link
 * com.sealflow.server.approval.StartCommand}, {@link com.sealflow.server.approval.ApprovalCommand}), views, events
 * ({@link com.sealflow.server.approval.ApprovalEvent}), the resolver SPI ({@link
 * com.sealflow.server.approval.ApproverResolver}) and typed exceptions (404 / 409 / 422). Everything else is
 * package-private.
 *
 * <p>How it is cut: every decision is a pure function over a copy of the instance and its tasks ({@code Run}, {@code
 * Navigator}, {@code Nodes}, {@code TaskActions}, {@code InstanceActions}); {@code Runtime} is the transactional shell
 * that locks the instance row, loads, decides, writes the changed rows, calls in-transaction listeners and remembers the
 * idempotency key in one transaction. Approver specs are resolved on demand: a decision that needs one the resolver
 * has not answered stops, the shell asks the resolver and runs the decision again from the same inputs.
 *
 * <p>Wiring notes: in-transaction listeners must use the {@code SqlConnection} they are given (another connection
 * would not see the transaction's writes, and on SQLite could not write before it ends). Call {@code startTimerLoop}
 * (or {@code processDueTimers}) on every server node; each timeout still acts once. The engine owns the
 * {@code approval_*} tables (V100–V199).
 */
package com.sealflow.server.approval;
