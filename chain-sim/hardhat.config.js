// Hardhat configuration for hubd's local chain. hubd compiles its contracts itself (contracts-bindings);
// the solc subtask is pointed at the npm solcjs anyway, so no task here ever downloads a compiler.
const path = require('path');
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args) => {
  const solcPath = require.resolve('solc/soljson.js', { paths: [path.join(__dirname, '..', 'contracts-bindings')] });
  return { compilerPath: solcPath, isSolcJs: true, version: args.solcVersion, longVersion: args.solcVersion };
});

module.exports = {
  solidity: '0.8.28',
  paths: { sources: './no-sources' },
  networks: {
    hardhat: {
      chainId: Number(process.env.HUBD_CHAIN_ID || 31337),
      hardfork: 'cancun',
      accounts: {
        mnemonic: process.env.HUBD_MNEMONIC || 'test test test test test test test test test test test junk',
        count: Number(process.env.HUBD_ACCOUNTS || 20),
      },
      // room for a 256-pair batch plus fee-bump tests
      blockGasLimit: 60_000_000,
      mining: { auto: true, interval: 0 },
      loggingEnabled: false,
    },
  },
};
