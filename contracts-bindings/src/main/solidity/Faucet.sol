// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Faucet: hands out pre-funded test tokens, capped per drip, with a cooldown per recipient and token.
contract Faucet is Ownable2Step {
    using SafeERC20 for IERC20;

    struct TokenConfig {
        uint256 maxPerDrip;
        uint64 cooldownSeconds;
        bool enabled;
    }

    error TokenNotEnabled(address token);
    error ZeroAmount();
    error InvalidRecipient();
    error DripTooLarge(uint256 max, uint256 requested);
    error CooldownActive(address recipient, uint256 readyAt);
    error FaucetDry(address token, uint256 have, uint256 need);

    event TokenConfigured(address indexed token, uint256 maxPerDrip, uint64 cooldownSeconds, bool enabled);
    event Dripped(address indexed token, address indexed recipient, uint256 amount, uint256 nextDripAt);

    mapping(address token => TokenConfig) private _configs;
    mapping(address token => mapping(address recipient => uint256 timestamp)) private _lastDrip;

    constructor(address initialOwner) Ownable(initialOwner) {}

    function configure(address token, uint256 maxPerDrip, uint64 cooldownSeconds, bool enabled) external onlyOwner {
        if (token == address(0)) revert TokenNotEnabled(token);
        _configs[token] = TokenConfig(maxPerDrip, cooldownSeconds, enabled);
        emit TokenConfigured(token, maxPerDrip, cooldownSeconds, enabled);
    }

    function configOf(address token) external view returns (TokenConfig memory) {
        return _configs[token];
    }

    /// Earliest timestamp at which `recipient` may receive `token` again (0: now).
    function nextDripAt(address token, address recipient) public view returns (uint256) {
        uint256 last = _lastDrip[token][recipient];
        if (last == 0) return 0;
        return last + _configs[token].cooldownSeconds;
    }

    function available(address token) external view returns (uint256) {
        return IERC20(token).balanceOf(address(this));
    }

    function drip(address token, address recipient, uint256 amount) external {
        TokenConfig memory config = _configs[token];
        if (!config.enabled) revert TokenNotEnabled(token);
        if (recipient == address(0)) revert InvalidRecipient();
        if (amount == 0) revert ZeroAmount();
        if (amount > config.maxPerDrip) revert DripTooLarge(config.maxPerDrip, amount);
        uint256 readyAt = nextDripAt(token, recipient);
        if (block.timestamp < readyAt) revert CooldownActive(recipient, readyAt);
        uint256 have = IERC20(token).balanceOf(address(this));
        if (have < amount) revert FaucetDry(token, have, amount);
        _lastDrip[token][recipient] = block.timestamp;
        IERC20(token).safeTransfer(recipient, amount);
        emit Dripped(token, recipient, amount, block.timestamp + config.cooldownSeconds);
    }
}
