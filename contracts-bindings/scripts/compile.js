#!/usr/bin/env node
// Compiles every .sol file under <sourceDir> with the pinned solcjs (no download) and writes,
// per contract, <Name>.abi, <Name>.bin and <Name>.json (abi, bytecode, gas estimates) to <outDir>.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [sourceDir, outDir] = process.argv.slice(2);
if (!sourceDir || !outDir) {
  console.error('usage: compile.js <sourceDir> <outDir>');
  process.exit(2);
}

const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}

// Skip when every output is newer than every source (the sources and this script are the only inputs).
function newestInput() {
  const files = Object.keys(sources).map((f) => path.join(sourceDir, f)).concat([__filename, path.join(__dirname, '..', 'package-lock.json')]);
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}
const stamp = path.join(outDir, '.compiled');
if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > newestInput()) {
  console.log(`contracts in ${outDir} are up to date`);
  process.exit(0);
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 1000 },
    viaIR: true,
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

function findImports(importPath) {
  const candidates = [
    path.join(__dirname, '..', 'node_modules', importPath),
    path.join(sourceDir, importPath),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `import not found: ${importPath}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  const ours = !e.sourceLocation || sources[e.sourceLocation.file];
  if (e.severity === 'error' || ours) console.error(e.formattedMessage);
}
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file] || {})) {
    const bytecode = contract.evm.bytecode.object;
    if (!bytecode) continue; // interfaces and abstract contracts
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), bytecode);
    fs.writeFileSync(
      path.join(outDir, `${name}.json`),
      JSON.stringify({ contractName: name, solc: solc.version(), abi: contract.abi, bytecode: `0x${bytecode}` }, null, 1),
    );
    written++;
  }
}
fs.writeFileSync(stamp, solc.version());
console.log(`compiled ${written} contracts with solc ${solc.version()} into ${outDir}`);
