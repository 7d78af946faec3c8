/**
 * The reorg-safe local mirror of the Depository: the hub's reserves, its accounts (the hub on either side), its
 * processed batches, the disputes of its accounts, and the token registry, kept in SQLite from the contract's events.
 *
 * <p>Public contract: {@link io.hubd.daemon.mirror.Mirror} (one {@code pollOnce()} step at a time, driven by
 * {@link io.hubd.daemon.mirror.MirrorRunner} or the caller), the read-only
 * {@link io.hubd.daemon.mirror.MirrorView}, {@link io.hubd.daemon.mirror.MirrorListener} for reacting to committed
 * changes, and the {@link io.hubd.daemon.mirror.Reconciler} that compares the mirror with direct contract reads.
 *
 * <h2>How a poll works</h2>
 * Logs come from {@code eth_getLogs} over bounded block ranges that halve when the node refuses a range and double
 * (up to {@code maxLogRange}) when it serves one; never from filters. Each range is applied in one SQLite
 * transaction together with the new checkpoint (block number and hash): a crash leaves either all of a range or
 * none of it. Events carry absolute post-state, so a range is folded in memory (the last value of each key wins)
 * and written with one batched statement per table. Applied logs are recorded by (block, log index), as runs of
 * consecutive indexes per block with the block's hash beside them, and a log already recorded is skipped, so
 * nothing is applied twice. While catching up, the mirror asks for the next range's logs (through the executor given
 * to it) while it applies the current one, and reuses the last head it saw as long as the next range lies entirely
 * below the reorg window.
 *
 * <h2>Reorganisations: an undo log</h2>
 * Before an event of block {@code b} overwrites a row, the row's previous value (or its absence) is recorded in
 * {@code mirror_undo} under {@code b}, once per block and key. Entries are written only for blocks within
 * {@code reorgWindow} of the target (head minus confirmations): below that the chain is taken as final, and
 * recording nothing there keeps the catch-up as fast as the logs arrive. The checkpoint row carries the undo floor:
 * the undo log is complete for every block above it (the floor follows the target minus the window, and never
 * passes the checkpoint); entries at or below it are pruned. Rolling back to a block {@code a} at or above the
 * floor restores the entries above {@code a} newest first, so each row ends at its value as of {@code a}; batches,
 * tokens, dispute events, block hashes and applied-log records above {@code a} are deleted; all in one transaction.
 *
 * <h2>Disputes</h2>
 * Disputes are kept as their events ({@code DisputeStarted}, {@code DisputeCountered}, {@code DisputeFinalised} of
 * the hub's accounts), rows that are only ever added or dropped above a block, like batches: an account's dispute is
 * open while its latest event is a claim, and the claim carries the offdeltas a finalisation must show again (the
 * contract keeps only their hash). A finalisation also sets the account nonce, for a dispute over no token emits no
 * {@code AccountUpdated}. The reconciler compares open disputes with {@code disputeOf} (every open one, and the hub's
 * counterparties in turn); a repair reads the dispute logs again from the block the claim was made in, one challenge
 * period before the block {@code disputeOf} names.
 *
 * <p>Within the window every block's header is fetched and its hash stored; each log's block hash must match its
 * header and headers must chain, else the poll commits nothing and retries. Farther behind, only range ends' and
 * hub-event blocks' hashes are stored (plus one anchor per window length near the head); those are kept for good.
 * Each poll first checks that the checkpoint's hash is still the chain's (and each new range that its first block
 * descends from the checkpoint). When it is not, the mirror looks for the newest stored block at or above the undo
 * floor and within {@code reorgWindow} of the checkpoint that is still on the chain (the common ancestor), rolls back
 * to it, and replays from there on later polls. A reorganisation reaching below the floor (deeper than the window
 * from the head, or hitting a checkpoint still catching up far behind the head) counts as deep.
 *
 * <p>No ancestor in the window: the reorganisation is deeper than the undo log reaches. The mirror logs it at
 * ERROR, counts it, locates the fork among the kept hashes (binary search), scans the hub's logs after the fork for
 * counterparties and batches, re-reads tokens, reserves and every known counterparty's accounts from the contract
 * at the target block, and continues from there with an empty undo log.
 *
 * <p>Known limit: a settlement with no token diffs advances an account's nonce without any event; the mirror
 * cannot see that, and the reconciler reports it as drift.
 */
package io.hubd.daemon.mirror;
