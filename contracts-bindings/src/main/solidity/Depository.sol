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

    /// Applied in field order, so that collateral withdrawn (C2R) funds collateral deposited (R2C).
    struct Batch {
        ExternalToReserve[] externalToReserve;
        ReserveToReserve[] reserveToReserve;
        CollateralToReserve[] collateralToReserve;
        Settlement[] settlements;
        ReserveToCollateral[] reserveToCollateral;
        ReserveToExternal[] reserveToExternal;
    }

    struct AccountView {
        uint256 collateral;
        int256 ondelta;
        uint256 nonce;
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

    /// Identifies the list a `BatchTooLarge` error refers to.
    enum BatchList {
        ExternalToReserve,
        ReserveToReserve,
        CollateralToReserve,
        Settlements,
        SettlementDiffs,
        ReserveToCollateralPairs,
        ReserveToExternal
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

    // ---------------------------------------------------------------- events

    event TokenRegistered(uint256 indexed tokenId, address indexed token);
    event ReserveUpdated(bytes32 indexed entity, uint256 indexed tokenId, uint256 newBalance);
    event AccountUpdated(
        bytes32 indexed left, bytes32 indexed right, uint256 indexed tokenId, uint256 collateral, int256 ondelta, uint256 nonce
    );
    /// batchHash is keccak256 of the ABI-encoded call arguments (batch, batchNonce).
    event BatchProcessed(bytes32 indexed entity, bytes32 batchHash, uint256 batchNonce);

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

    constructor(address initialOwner) EIP712("hubd Depository", "1") Ownable(initialOwner) {}

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
        for (uint256 i = 0; i < batch.collateralToReserve.length; ++i) {
            _collateralToReserve(entity, batch.collateralToReserve[i]);
        }
        for (uint256 i = 0; i < batch.settlements.length; ++i) {
            _settle(entity, batch.settlements[i]);
        }
        for (uint256 i = 0; i < batch.reserveToCollateral.length; ++i) {
            _reserveToCollateral(entity, batch.reserveToCollateral[i]);
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

    function _reserveToCollateral(bytes32 entity, ReserveToCollateral calldata op) private {
        tokenAddress(op.tokenId);
        uint256 total = 0;
        uint256 n = op.pairs.length;
        for (uint256 i = 0; i < n; ++i) {
            R2CPair calldata p = op.pairs[i];
            if (p.amount == 0) revert ZeroAmount();
            total += p.amount;
            (bytes32 left, bytes32 right) = _order(entity, p.counterparty);
            bytes32 key = _accountKey(left, right);
            AccountToken storage acct = _accountTokens[key][op.tokenId];
            uint128 collateral = _toUint128(uint256(acct.collateral) + p.amount);
            int128 ondelta = acct.ondelta;
            if (entity == left) ondelta = _addDelta(ondelta, _toInt(p.amount));
            acct.collateral = collateral;
            acct.ondelta = ondelta;
            emit AccountUpdated(left, right, op.tokenId, collateral, ondelta, _accountNonces[key]);
        }
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
