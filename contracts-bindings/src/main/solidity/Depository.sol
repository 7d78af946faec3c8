// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title Depository: reserves, account collateral and batched operations of payment-channel entities.
/// @notice Entities are bytes32 ids; an EOA's id is its address left-padded. An account is the pair
/// (left, right) with left < right. Per account and token the contract keeps the collateral C and the
/// on-chain part of the balance (ondelta); per account a nonce that only counterparty-signed
/// operations advance. Every event carries the absolute post-state, so replaying one is harmless.
///
/// Disputes (unilateral exit). Off-chain, the two sides of an account co-sign account states
/// `AccountState(left, right, nonce, deltas)`: per token the offdelta, with a nonce above every nonce the account
/// has used on chain; the latest one is the truth of the account. Either side may start a dispute in its batch
/// (`disputeStarts`) with the other side's signature over a state, or with no state (nonce 0, every offdelta 0): "the
/// on-chain state is final" for the listed tokens. The account is then frozen (C2R, settlements and R2C on it
/// revert with `AccountFrozen`) and the claim can be finalised after `challengePeriod()` blocks. Until then either
/// side may counter (`disputeCounters`) with a state of a higher nonce signed by the other side: the newer state
/// replaces the claim and the challenge period starts again, so the other side can answer in turn with a still newer
/// state; nonces only grow, so a dispute lasts at most as many periods as there are newer co-signed states. After
/// the period anyone may finalise (`finaliseDispute`, or `disputeFinalizations` in a batch of one of the parties)
/// by showing the claimed deltas again (the contract keeps only their hash; the events carry them). Per listed token,
/// delta = ondelta + offdelta: left's reserve receives clamp(delta, 0, C), right's the rest of the collateral C. The
/// collateral becomes 0 and ondelta drops by left's share, exactly as if each side had withdrawn its share by C2R,
/// so delta keeps its meaning: what is left of it is credit beyond the collateral, which the chain cannot collect
/// and reports in `UncollectableCredit`. The account nonce becomes the claim's nonce (co-signed C2Rs and settlements
/// of older nonces cannot be replayed) and the account is usable again.
contract Depository is EIP712, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- batch model

    struct ExternalToReserve {
        uint256 tokenId;
        uint256 amount;
    }

    struct ReserveToReserve {
        bytes32 receiver;
        uint256 tokenId;
        uint256 amount;
    }

    /// Withdraws `amount` of the account's collateral into the submitter's reserve; signed by the counterparty.
    struct CollateralToReserve {
        bytes32 counterparty;
        uint256 tokenId;
        uint256 amount;
        uint256 nonce;
        bytes signature;
    }

    struct SettlementDiff {
        uint256 tokenId;
        int256 leftReserveDiff;
        int256 rightReserveDiff;
        int256 collateralDiff;
        int256 ondeltaDiff;
    }

    struct Settlement {
        bytes32 counterparty;
        SettlementDiff[] diffs;
        uint256 nonce;
        bytes signature;
    }

    struct R2CPair {
        bytes32 counterparty;
        uint256 amount;
    }

    /// Moves submitter reserve of one token into the collateral of many accounts, credited to the submitter's side.
    struct ReserveToCollateral {
        uint256 tokenId;
        R2CPair[] pairs;
    }

    struct ReserveToExternal {
        address receiver;
        uint256 tokenId;
        uint256 amount;
    }

    /// One token's offdelta in an account state.
    struct TokenDelta {
        uint256 tokenId;
        int256 offdelta;
    }

    /// A dispute claim on the account (submitter, counterparty): the account state (`nonce`, `deltas`, token ids
    /// strictly ascending) with the counterparty's signature over it; or, to start a dispute only, nonce 0 with
    /// every offdelta 0 and the signature unread: the on-chain state of the listed tokens is final.
    struct DisputeClaim {
        bytes32 counterparty;
        uint256 nonce;
        TokenDelta[] deltas;
        bytes signature;
    }

    /// Finalises the dispute of the account (submitter, counterparty); `deltas` are the claimed ones.
    struct DisputeFinalization {
        bytes32 counterparty;
        TokenDelta[] deltas;
    }

    /// Applied in field order: counters first (they cannot wait), then finalisations (their payouts fund what
    /// follows), C2R before R2C (collateral withdrawn funds collateral deposited), and disputes started after the
    /// account's last co-signed operation in the batch.
    struct Batch {
        ExternalToReserve[] externalToReserve;
        ReserveToReserve[] reserveToReserve;
        DisputeClaim[] disputeCounters;
        DisputeFinalization[] disputeFinalizations;
        CollateralToReserve[] collateralToReserve;
        Settlement[] settlements;
        ReserveToCollateral[] reserveToCollateral;
        DisputeClaim[] disputeStarts;
        ReserveToExternal[] reserveToExternal;
    }

    struct AccountView {
        uint256 collateral;
        int256 ondelta;
        uint256 nonce;
    }

    /// An account's open dispute; `finaliseAfterBlock` 0: none. `claimant` made the current claim.
    struct DisputeView {
        uint256 nonce;
        bytes32 deltasHash;
        uint256 finaliseAfterBlock;
        bytes32 claimant;
    }

    // ---------------------------------------------------------------- bounds

    uint256 public constant MAX_EXTERNAL_TO_RESERVE = 16;
    uint256 public constant MAX_RESERVE_TO_RESERVE = 256;
    uint256 public constant MAX_COLLATERAL_TO_RESERVE = 256;
    uint256 public constant MAX_SETTLEMENTS = 64;
    uint256 public constant MAX_SETTLEMENT_DIFFS = 16;
    /// Bound on R2C pairs in one batch, summed over all its R2C groups.
    uint256 public constant MAX_R2C_PAIRS = 256;
    uint256 public constant MAX_RESERVE_TO_EXTERNAL = 256;
    uint256 public constant MAX_DISPUTE_STARTS = 16;
    uint256 public constant MAX_DISPUTE_COUNTERS = 16;
    uint256 public constant MAX_DISPUTE_FINALIZATIONS = 16;
    /// Bound on the tokens of one account state (and so of one dispute).
    uint256 public constant MAX_STATE_TOKENS = 16;
    uint256 public constant MIN_CHALLENGE_PERIOD = 1;
    uint256 public constant MAX_CHALLENGE_PERIOD = 100_000;

    /// Identifies the list a `BatchTooLarge` error refers to.
    enum BatchList {
        ExternalToReserve,
        ReserveToReserve,
        CollateralToReserve,
        Settlements,
        SettlementDiffs,
        ReserveToCollateralPairs,
        ReserveToExternal,
        DisputeStarts,
        DisputeCounters,
        DisputeFinalizations,
        StateTokens
    }

    bytes32 public constant COLLATERAL_TO_RESERVE_TYPEHASH = keccak256(
        "CollateralToReserve(bytes32 entity,bytes32 counterparty,uint256 tokenId,uint256 amount,uint256 nonce)"
    );
    bytes32 public constant SETTLEMENT_DIFF_TYPEHASH = keccak256(
        "SettlementDiff(uint256 tokenId,int256 leftReserveDiff,int256 rightReserveDiff,int256 collateralDiff,int256 ondeltaDiff)"
    );
    bytes32 public constant SETTLEMENT_TYPEHASH = keccak256(
        "Settlement(bytes32 left,bytes32 right,SettlementDiff[] diffs,uint256 nonce)"
        "SettlementDiff(uint256 tokenId,int256 leftReserveDiff,int256 rightReserveDiff,int256 collateralDiff,int256 ondeltaDiff)"
    );

    bytes32 public constant TOKEN_DELTA_TYPEHASH = keccak256("TokenDelta(uint256 tokenId,int256 offdelta)");
    bytes32 public constant ACCOUNT_STATE_TYPEHASH = keccak256(
        "AccountState(bytes32 left,bytes32 right,uint256 nonce,TokenDelta[] deltas)"
        "TokenDelta(uint256 tokenId,int256 offdelta)"
    );

    // ---------------------------------------------------------------- errors

    error BatchTooLarge(BatchList list, uint256 size, uint256 max);
    error BadBatchNonce(bytes32 entity, uint256 expected, uint256 given);
    error UnknownToken(uint256 tokenId);
    error TokenAlreadyRegistered(address token, uint256 tokenId);
    error ZeroAmount();
    error InvalidCounterparty(bytes32 counterparty);
    error InvalidReceiver();
    error InsufficientReserve(bytes32 entity, uint256 tokenId, uint256 have, uint256 need);
    error InsufficientCollateral(bytes32 left, bytes32 right, uint256 tokenId, uint256 have, uint256 need);
    error InvalidSignature(bytes32 expectedSigner);
    error StaleNonce(bytes32 left, bytes32 right, uint256 stored, uint256 given);
    error ConservationBroken(uint256 tokenId);
    error AmountOverflow();
    error InvalidChallengePeriod(uint256 given, uint256 min, uint256 max);
    /// The account is in dispute: no C2R, settlement, R2C or second dispute until it is finalised.
    error AccountFrozen(bytes32 left, bytes32 right);
    error NotInDispute(bytes32 left, bytes32 right);
    error ChallengePeriodNotOver(bytes32 left, bytes32 right, uint256 finaliseAfterBlock);
    error ChallengePeriodOver(bytes32 left, bytes32 right, uint256 finaliseAfterBlock);
    /// A claim without a signature (nonce 0) can only say that the on-chain state is final.
    error UnsignedOffdelta(uint256 tokenId);
    error TokensNotAscending(uint256 tokenId);
    /// The deltas shown to finalise are not the ones claimed.
    error DisputedStateMismatch(bytes32 left, bytes32 right);

    // ---------------------------------------------------------------- events

    event TokenRegistered(uint256 indexed tokenId, address indexed token);
    event ReserveUpdated(bytes32 indexed entity, uint256 indexed tokenId, uint256 newBalance);
    event AccountUpdated(
        bytes32 indexed left, bytes32 indexed right, uint256 indexed tokenId, uint256 collateral, int256 ondelta, uint256 nonce
    );
    /// One R2C group of `entity` in `tokenId`: per pair two words, the counterparty and the account's post-state
    /// `collateral << 128 | uint128(ondelta)`. The account nonce, which R2C does not change, is not repeated.
    event AccountsFunded(bytes32 indexed entity, uint256 indexed tokenId, bytes32[] accounts);
    /// batchHash is keccak256 of the ABI-encoded call arguments (batch, batchNonce).
    event BatchProcessed(bytes32 indexed entity, bytes32 batchHash, uint256 batchNonce);
    event DisputeStarted(
        bytes32 indexed left,
        bytes32 indexed right,
        bytes32 indexed starter,
        uint256 nonce,
        uint256 finaliseAfterBlock,
        TokenDelta[] deltas
    );
    event DisputeCountered(
        bytes32 indexed left,
        bytes32 indexed right,
        bytes32 indexed counterer,
        uint256 nonce,
        uint256 finaliseAfterBlock,
        TokenDelta[] deltas
    );
    /// Emitted after the AccountUpdated and ReserveUpdated events of the split.
    event DisputeFinalised(bytes32 indexed left, bytes32 indexed right, uint256 nonce);
    /// Credit beyond the collateral at a dispute's end: `debtor` owes `creditor` `amount`; the chain cannot collect it.
    event UncollectableCredit(
        bytes32 indexed debtor, bytes32 indexed creditor, uint256 indexed tokenId, uint256 amount
    );

    // ---------------------------------------------------------------- state

    /// Collateral and ondelta of one account in one token, packed into one slot.
    struct AccountToken {
        uint128 collateral;
        int128 ondelta;
    }

    address[] private _tokens;
    mapping(address token => uint256 tokenId) private _tokenIds;
    mapping(bytes32 entity => mapping(uint256 tokenId => uint256)) private _reserves;
    mapping(bytes32 accountKey => mapping(uint256 tokenId => AccountToken)) private _accountTokens;
    mapping(bytes32 accountKey => uint256) private _accountNonces;
    mapping(bytes32 entity => uint256) private _batchNonces;

    /// An open dispute; `finaliseAfterBlock` 0: none.
    struct Dispute {
        uint256 nonce;
        bytes32 deltasHash;
        uint64 finaliseAfterBlock;
        bool claimedByLeft;
    }

    mapping(bytes32 accountKey => Dispute) private _disputes;
    /// Open disputes per entity (on either side), so that operations of an entity without any skip the check.
    mapping(bytes32 entity => uint256) private _openDisputes;
    uint256 private immutable _challengePeriod;

    /// @param challengePeriodBlocks blocks after a dispute's start (or counter) during which it can be countered.
    constructor(address initialOwner, uint256 challengePeriodBlocks)
        EIP712("hubd Depository", "1")
        Ownable(initialOwner)
    {
        if (challengePeriodBlocks < MIN_CHALLENGE_PERIOD || challengePeriodBlocks > MAX_CHALLENGE_PERIOD) {
            revert InvalidChallengePeriod(challengePeriodBlocks, MIN_CHALLENGE_PERIOD, MAX_CHALLENGE_PERIOD);
        }
        _challengePeriod = challengePeriodBlocks;
    }

    // ---------------------------------------------------------------- token registry

    function registerToken(address token) external onlyOwner returns (uint256 tokenId) {
        if (token == address(0)) revert InvalidReceiver();
        uint256 existing = _tokenIds[token];
        if (existing != 0) revert TokenAlreadyRegistered(token, existing);
        _tokens.push(token);
        tokenId = _tokens.length;
        _tokenIds[token] = tokenId;
        emit TokenRegistered(tokenId, token);
    }

    function tokenCount() external view returns (uint256) {
        return _tokens.length;
    }

    function tokenAddress(uint256 tokenId) public view returns (address) {
        if (tokenId == 0 || tokenId > _tokens.length) revert UnknownToken(tokenId);
        return _tokens[tokenId - 1];
    }

    function tokenIdOf(address token) external view returns (uint256) {
        return _tokenIds[token];
    }

    // ---------------------------------------------------------------- reads

    function reserveOf(bytes32 entity, uint256 tokenId) external view returns (uint256) {
        return _reserves[entity][tokenId];
    }

    function reservesOf(bytes32 entity, uint256[] calldata tokenIds) external view returns (uint256[] memory out) {
        out = new uint256[](tokenIds.length);
        for (uint256 i = 0; i < tokenIds.length; ++i) {
            out[i] = _reserves[entity][tokenIds[i]];
        }
    }

    function batchNonceOf(bytes32 entity) external view returns (uint256) {
        return _batchNonces[entity];
    }

    function accountOf(bytes32 a, bytes32 b, uint256 tokenId) public view returns (AccountView memory) {
        (bytes32 left, bytes32 right) = a < b ? (a, b) : (b, a);
        bytes32 key = _accountKey(left, right);
        AccountToken memory t = _accountTokens[key][tokenId];
        return AccountView(t.collateral, t.ondelta, _accountNonces[key]);
    }

    /// Reads the accounts of `entity` with each of `counterparties` in one token (for reconciliation).
    function accountsOf(bytes32 entity, bytes32[] calldata counterparties, uint256 tokenId)
        external
        view
        returns (AccountView[] memory out)
    {
        out = new AccountView[](counterparties.length);
        for (uint256 i = 0; i < counterparties.length; ++i) {
            out[i] = accountOf(entity, counterparties[i], tokenId);
        }
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// Blocks during which a dispute claim can be countered.
    function challengePeriod() external view returns (uint256) {
        return _challengePeriod;
    }

    /// The open dispute of the account (a, b), in either order; all zero when there is none.
    function disputeOf(bytes32 a, bytes32 b) external view returns (DisputeView memory) {
        (bytes32 left, bytes32 right) = a < b ? (a, b) : (b, a);
        Dispute memory d = _disputes[_accountKey(left, right)];
        if (d.finaliseAfterBlock == 0) return DisputeView(0, bytes32(0), 0, bytes32(0));
        return DisputeView(d.nonce, d.deltasHash, d.finaliseAfterBlock, d.claimedByLeft ? left : right);
    }

    /// The EIP-712 hash of `deltas` as the account state's `deltas` member (what `disputeOf` reports).
    function deltasHashOf(TokenDelta[] calldata deltas) external view returns (bytes32) {
        return _hashDeltas(deltas);
    }

    // ---------------------------------------------------------------- batch

    /// Applies a batch on behalf of msg.sender's entity. `batchNonce` must be the entity's nonce plus one.
    function processBatch(Batch calldata batch, uint256 batchNonce) external nonReentrant {
        bytes32 entity = bytes32(uint256(uint160(msg.sender)));
        uint256 expected = _batchNonces[entity] + 1;
        if (batchNonce != expected) revert BadBatchNonce(entity, expected, batchNonce);
        _batchNonces[entity] = batchNonce;
        _checkBounds(batch);

        for (uint256 i = 0; i < batch.externalToReserve.length; ++i) {
            _externalToReserve(entity, batch.externalToReserve[i]);
        }
        for (uint256 i = 0; i < batch.reserveToReserve.length; ++i) {
            _reserveToReserve(entity, batch.reserveToReserve[i]);
        }
        for (uint256 i = 0; i < batch.disputeCounters.length; ++i) {
            _counterDispute(entity, batch.disputeCounters[i]);
        }
        for (uint256 i = 0; i < batch.disputeFinalizations.length; ++i) {
            DisputeFinalization calldata fin = batch.disputeFinalizations[i];
            (bytes32 left, bytes32 right) = _order(entity, fin.counterparty);
            _finaliseDispute(left, right, fin.deltas);
        }
        for (uint256 i = 0; i < batch.collateralToReserve.length; ++i) {
            _collateralToReserve(entity, batch.collateralToReserve[i]);
        }
        for (uint256 i = 0; i < batch.settlements.length; ++i) {
            _settle(entity, batch.settlements[i]);
        }
        for (uint256 i = 0; i < batch.reserveToCollateral.length; ++i) {
            _reserveToCollateral(entity, batch.reserveToCollateral[i]);
        }
        for (uint256 i = 0; i < batch.disputeStarts.length; ++i) {
            _startDispute(entity, batch.disputeStarts[i]);
        }
        for (uint256 i = 0; i < batch.reserveToExternal.length; ++i) {
            _reserveToExternal(entity, batch.reserveToExternal[i]);
        }
        emit BatchProcessed(entity, keccak256(msg.data[4:]), batchNonce);
    }

    function _checkBounds(Batch calldata batch) private pure {
        _bound(BatchList.ExternalToReserve, batch.externalToReserve.length, MAX_EXTERNAL_TO_RESERVE);
        _bound(BatchList.ReserveToReserve, batch.reserveToReserve.length, MAX_RESERVE_TO_RESERVE);
        _bound(BatchList.CollateralToReserve, batch.collateralToReserve.length, MAX_COLLATERAL_TO_RESERVE);
        _bound(BatchList.Settlements, batch.settlements.length, MAX_SETTLEMENTS);
        for (uint256 i = 0; i < batch.settlements.length; ++i) {
            _bound(BatchList.SettlementDiffs, batch.settlements[i].diffs.length, MAX_SETTLEMENT_DIFFS);
        }
        uint256 pairs = 0;
        for (uint256 i = 0; i < batch.reserveToCollateral.length; ++i) {
            pairs += batch.reserveToCollateral[i].pairs.length;
        }
        _bound(BatchList.ReserveToCollateralPairs, pairs, MAX_R2C_PAIRS);
        _bound(BatchList.ReserveToExternal, batch.reserveToExternal.length, MAX_RESERVE_TO_EXTERNAL);
        _bound(BatchList.DisputeStarts, batch.disputeStarts.length, MAX_DISPUTE_STARTS);
        _bound(BatchList.DisputeCounters, batch.disputeCounters.length, MAX_DISPUTE_COUNTERS);
        _bound(BatchList.DisputeFinalizations, batch.disputeFinalizations.length, MAX_DISPUTE_FINALIZATIONS);
    }

    function _bound(BatchList list, uint256 size, uint256 max) private pure {
        if (size > max) revert BatchTooLarge(list, size, max);
    }

    function _externalToReserve(bytes32 entity, ExternalToReserve calldata op) private {
        if (op.amount == 0) revert ZeroAmount();
        IERC20 token = IERC20(tokenAddress(op.tokenId));
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), op.amount);
        uint256 received = token.balanceOf(address(this)) - before;
        _credit(entity, op.tokenId, received);
    }

    function _reserveToReserve(bytes32 entity, ReserveToReserve calldata op) private {
        if (op.amount == 0) revert ZeroAmount();
        if (op.receiver == bytes32(0)) revert InvalidReceiver();
        tokenAddress(op.tokenId);
        _debit(entity, op.tokenId, op.amount);
        _credit(op.receiver, op.tokenId, op.amount);
    }

    function _collateralToReserve(bytes32 entity, CollateralToReserve calldata op) private {
        if (op.amount == 0) revert ZeroAmount();
        tokenAddress(op.tokenId);
        (bytes32 left, bytes32 right) = _order(entity, op.counterparty);
        bytes32 key = _accountKey(left, right);
        _requireNotFrozen(entity, left, right, key);
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    COLLATERAL_TO_RESERVE_TYPEHASH, entity, op.counterparty, op.tokenId, op.amount, op.nonce
                )
            )
        );
        _checkSignature(op.counterparty, digest, op.signature);
        _advanceNonce(left, right, key, op.nonce);

        AccountToken storage acct = _accountTokens[key][op.tokenId];
        uint256 collateral = acct.collateral;
        if (collateral < op.amount) revert InsufficientCollateral(left, right, op.tokenId, collateral, op.amount);
        acct.collateral = uint128(collateral - op.amount);
        if (entity == left) acct.ondelta = _addDelta(acct.ondelta, -_toInt(op.amount));
        emit AccountUpdated(left, right, op.tokenId, acct.collateral, acct.ondelta, op.nonce);
        _credit(entity, op.tokenId, op.amount);
    }

    function _settle(bytes32 entity, Settlement calldata s) private {
        (bytes32 left, bytes32 right) = _order(entity, s.counterparty);
        bytes32 key = _accountKey(left, right);
        _requireNotFrozen(entity, left, right, key);
        _checkSignature(s.counterparty, _settlementDigest(left, right, s), s.signature);
        _advanceNonce(left, right, key, s.nonce);
        for (uint256 i = 0; i < s.diffs.length; ++i) {
            _applyDiff(left, right, key, s.diffs[i], s.nonce);
        }
    }

    function _settlementDigest(bytes32 left, bytes32 right, Settlement calldata s) private view returns (bytes32) {
        bytes32[] memory diffHashes = new bytes32[](s.diffs.length);
        for (uint256 i = 0; i < s.diffs.length; ++i) {
            SettlementDiff calldata d = s.diffs[i];
            diffHashes[i] = keccak256(
                abi.encode(
                    SETTLEMENT_DIFF_TYPEHASH, d.tokenId, d.leftReserveDiff, d.rightReserveDiff, d.collateralDiff, d.ondeltaDiff
                )
            );
        }
        return _hashTypedDataV4(
            keccak256(abi.encode(SETTLEMENT_TYPEHASH, left, right, keccak256(abi.encodePacked(diffHashes)), s.nonce))
        );
    }

    function _applyDiff(bytes32 left, bytes32 right, bytes32 key, SettlementDiff calldata d, uint256 nonce) private {
        tokenAddress(d.tokenId);
        _checkRange(d.leftReserveDiff);
        _checkRange(d.rightReserveDiff);
        _checkRange(d.collateralDiff);
        _checkRange(d.ondeltaDiff);
        if (d.leftReserveDiff + d.rightReserveDiff + d.collateralDiff != 0) revert ConservationBroken(d.tokenId);
        _applyReserveDiff(left, d.tokenId, d.leftReserveDiff);
        _applyReserveDiff(right, d.tokenId, d.rightReserveDiff);

        AccountToken storage acct = _accountTokens[key][d.tokenId];
        int256 collateral = int256(uint256(acct.collateral)) + d.collateralDiff;
        if (collateral < 0) {
            revert InsufficientCollateral(left, right, d.tokenId, acct.collateral, uint256(-d.collateralDiff));
        }
        acct.collateral = _toUint128(uint256(collateral));
        acct.ondelta = _addDelta(acct.ondelta, d.ondeltaDiff);
        emit AccountUpdated(left, right, d.tokenId, acct.collateral, acct.ondelta, nonce);
    }

    function _applyReserveDiff(bytes32 entity, uint256 tokenId, int256 diff) private {
        if (diff > 0) _credit(entity, tokenId, uint256(diff));
        else if (diff < 0) _debit(entity, tokenId, uint256(-diff));
    }

    /// Per pair one read and one write of the account's token slot; the account nonce is not read (R2C does not
    /// change it) and one event reports the whole group. Only while the submitter has an open dispute is each
    /// account's dispute read.
    function _reserveToCollateral(bytes32 entity, ReserveToCollateral calldata op) private {
        tokenAddress(op.tokenId);
        uint256 total = 0;
        uint256 n = op.pairs.length;
        bool mayBeFrozen = _openDisputes[entity] != 0;
        bytes32[] memory accounts = new bytes32[](2 * n);
        for (uint256 i = 0; i < n; ++i) {
            R2CPair calldata p = op.pairs[i];
            if (p.amount == 0) revert ZeroAmount();
            total += p.amount;
            (bytes32 left, bytes32 right) = _order(entity, p.counterparty);
            bytes32 key = _accountKey(left, right);
            if (mayBeFrozen && _disputes[key].finaliseAfterBlock != 0) revert AccountFrozen(left, right);
            AccountToken storage acct = _accountTokens[key][op.tokenId];
            uint128 collateral = _toUint128(uint256(acct.collateral) + p.amount);
            int128 ondelta = acct.ondelta;
            if (entity == left) ondelta = _addDelta(ondelta, _toInt(p.amount));
            acct.collateral = collateral;
            acct.ondelta = ondelta;
            accounts[2 * i] = p.counterparty;
            accounts[2 * i + 1] = bytes32((uint256(collateral) << 128) | uint256(uint128(ondelta)));
        }
        emit AccountsFunded(entity, op.tokenId, accounts);
        // the submitter's reserve is debited once per group, not once per pair
        _debit(entity, op.tokenId, total);
    }

    function _reserveToExternal(bytes32 entity, ReserveToExternal calldata op) private {
        if (op.amount == 0) revert ZeroAmount();
        if (op.receiver == address(0)) revert InvalidReceiver();
        IERC20 token = IERC20(tokenAddress(op.tokenId));
        _debit(entity, op.tokenId, op.amount);
        token.safeTransfer(op.receiver, op.amount);
    }

    // ---------------------------------------------------------------- disputes

    /// Finalises the dispute of the account (a, b), in either order, once its challenge period is over; anyone may
    /// call it. `deltas` are the claimed ones, as `DisputeStarted` or the last `DisputeCountered` carries them.
    function finaliseDispute(bytes32 a, bytes32 b, TokenDelta[] calldata deltas) external nonReentrant {
        (bytes32 left, bytes32 right) = _order(a, b);
        _finaliseDispute(left, right, deltas);
    }

    function _startDispute(bytes32 entity, DisputeClaim calldata c) private {
        (bytes32 left, bytes32 right) = _order(entity, c.counterparty);
        bytes32 key = _accountKey(left, right);
        if (_disputes[key].finaliseAfterBlock != 0) revert AccountFrozen(left, right);
        bytes32 deltasHash = _hashDeltas(c.deltas);
        uint256 nonce = _accountNonces[key];
        if (c.nonce == 0) {
            for (uint256 i = 0; i < c.deltas.length; ++i) {
                if (c.deltas[i].offdelta != 0) revert UnsignedOffdelta(c.deltas[i].tokenId);
            }
        } else {
            if (c.nonce <= nonce) revert StaleNonce(left, right, nonce, c.nonce);
            _checkSignature(c.counterparty, _stateDigest(left, right, c.nonce, deltasHash), c.signature);
            nonce = c.nonce;
        }
        uint64 deadline = uint64(block.number + _challengePeriod);
        _disputes[key] = Dispute(nonce, deltasHash, deadline, entity == left);
        ++_openDisputes[left];
        ++_openDisputes[right];
        emit DisputeStarted(left, right, entity, nonce, deadline, c.deltas);
    }

    function _counterDispute(bytes32 entity, DisputeClaim calldata c) private {
        (bytes32 left, bytes32 right) = _order(entity, c.counterparty);
        Dispute storage d = _disputes[_accountKey(left, right)];
        uint256 deadline = d.finaliseAfterBlock;
        if (deadline == 0) revert NotInDispute(left, right);
        if (block.number > deadline) revert ChallengePeriodOver(left, right, deadline);
        if (c.nonce <= d.nonce) revert StaleNonce(left, right, d.nonce, c.nonce);
        bytes32 deltasHash = _hashDeltas(c.deltas);
        _checkSignature(c.counterparty, _stateDigest(left, right, c.nonce, deltasHash), c.signature);
        uint64 next = uint64(block.number + _challengePeriod);
        d.nonce = c.nonce;
        d.deltasHash = deltasHash;
        d.finaliseAfterBlock = next;
        d.claimedByLeft = entity == left;
        emit DisputeCountered(left, right, entity, c.nonce, next, c.deltas);
    }

    function _finaliseDispute(bytes32 left, bytes32 right, TokenDelta[] calldata deltas) private {
        bytes32 key = _accountKey(left, right);
        Dispute storage d = _disputes[key];
        uint256 deadline = d.finaliseAfterBlock;
        if (deadline == 0) revert NotInDispute(left, right);
        if (block.number <= deadline) revert ChallengePeriodNotOver(left, right, deadline);
        if (_hashDeltas(deltas) != d.deltasHash) revert DisputedStateMismatch(left, right);
        uint256 nonce = d.nonce;
        delete _disputes[key];
        --_openDisputes[left];
        --_openDisputes[right];
        // at least the stored nonce: the start required more, and nothing advanced it while frozen
        _accountNonces[key] = nonce;
        for (uint256 i = 0; i < deltas.length; ++i) {
            _split(left, right, key, deltas[i], nonce);
        }
        emit DisputeFinalised(left, right, nonce);
    }

    /// Pays out one token's collateral by delta = ondelta + offdelta (left: clamp(delta, 0, C), right: the rest).
    /// Cannot revert: |offdelta| < 2^127 was checked when claimed, and ondelta - leftShare lies between
    /// -offdelta and ondelta.
    function _split(bytes32 left, bytes32 right, bytes32 key, TokenDelta calldata t, uint256 nonce) private {
        AccountToken storage acct = _accountTokens[key][t.tokenId];
        uint256 collateral = acct.collateral;
        int256 ondelta = acct.ondelta;
        int256 delta = ondelta + t.offdelta;
        uint256 toLeft = delta <= 0 ? 0 : (uint256(delta) >= collateral ? collateral : uint256(delta));
        uint256 toRight = collateral - toLeft;
        int128 newOndelta = int128(ondelta - int256(toLeft));
        acct.collateral = 0;
        acct.ondelta = newOndelta;
        emit AccountUpdated(left, right, t.tokenId, 0, newOndelta, nonce);
        if (toLeft != 0) _credit(left, t.tokenId, toLeft);
        if (toRight != 0) _credit(right, t.tokenId, toRight);
        int256 rest = delta - int256(toLeft);
        if (rest > 0) emit UncollectableCredit(right, left, t.tokenId, uint256(rest));
        else if (rest < 0) emit UncollectableCredit(left, right, t.tokenId, uint256(-rest));
    }

    /// The EIP-712 hash of a TokenDelta[]; checks the bound, known tokens in ascending order and int128 offdeltas.
    function _hashDeltas(TokenDelta[] calldata deltas) private view returns (bytes32) {
        _bound(BatchList.StateTokens, deltas.length, MAX_STATE_TOKENS);
        bytes32[] memory hashes = new bytes32[](deltas.length);
        uint256 previous = 0;
        for (uint256 i = 0; i < deltas.length; ++i) {
            TokenDelta calldata t = deltas[i];
            tokenAddress(t.tokenId);
            if (t.tokenId <= previous) revert TokensNotAscending(t.tokenId);
            previous = t.tokenId;
            _checkRange(t.offdelta);
            hashes[i] = keccak256(abi.encode(TOKEN_DELTA_TYPEHASH, t.tokenId, t.offdelta));
        }
        return keccak256(abi.encodePacked(hashes));
    }

    function _stateDigest(bytes32 left, bytes32 right, uint256 nonce, bytes32 deltasHash)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(ACCOUNT_STATE_TYPEHASH, left, right, nonce, deltasHash)));
    }

    /// Reads the account's dispute only when the submitter has an open one somewhere.
    function _requireNotFrozen(bytes32 entity, bytes32 left, bytes32 right, bytes32 key) private view {
        if (_openDisputes[entity] != 0 && _disputes[key].finaliseAfterBlock != 0) revert AccountFrozen(left, right);
    }

    // ---------------------------------------------------------------- helpers

    function _credit(bytes32 entity, uint256 tokenId, uint256 amount) private {
        uint256 balance = _reserves[entity][tokenId] + amount;
        _reserves[entity][tokenId] = balance;
        emit ReserveUpdated(entity, tokenId, balance);
    }

    function _debit(bytes32 entity, uint256 tokenId, uint256 amount) private {
        uint256 have = _reserves[entity][tokenId];
        if (have < amount) revert InsufficientReserve(entity, tokenId, have, amount);
        uint256 balance = have - amount;
        _reserves[entity][tokenId] = balance;
        emit ReserveUpdated(entity, tokenId, balance);
    }

    function _order(bytes32 entity, bytes32 counterparty) private pure returns (bytes32 left, bytes32 right) {
        if (counterparty == entity || counterparty == bytes32(0)) revert InvalidCounterparty(counterparty);
        return entity < counterparty ? (entity, counterparty) : (counterparty, entity);
    }

    function _accountKey(bytes32 left, bytes32 right) private pure returns (bytes32 key) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            key := keccak256(0x00, 0x40)
        }
    }

    function _advanceNonce(bytes32 left, bytes32 right, bytes32 key, uint256 nonce) private {
        uint256 stored = _accountNonces[key];
        if (nonce <= stored) revert StaleNonce(left, right, stored, nonce);
        _accountNonces[key] = nonce;
    }

    function _checkSignature(bytes32 signerEntity, bytes32 digest, bytes calldata signature) private pure {
        if (uint256(signerEntity) >> 160 != 0) revert InvalidCounterparty(signerEntity);
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signature);
        if (err != ECDSA.RecoverError.NoError || recovered != address(uint160(uint256(signerEntity)))) {
            revert InvalidSignature(signerEntity);
        }
    }

    function _toInt(uint256 amount) private pure returns (int256) {
        if (amount > uint256(int256(type(int128).max))) revert AmountOverflow();
        return int256(amount);
    }

    function _checkRange(int256 diff) private pure {
        if (diff > type(int128).max || diff < type(int128).min) revert AmountOverflow();
    }

    function _toUint128(uint256 amount) private pure returns (uint128) {
        if (amount > type(uint128).max) revert AmountOverflow();
        return uint128(amount);
    }

    function _addDelta(int128 ondelta, int256 diff) private pure returns (int128) {
        int256 result = int256(ondelta) + diff;
        if (result > type(int128).max || result < type(int128).min) revert AmountOverflow();
        return int128(result);
    }
}
