/**
 * dealrisk's pure scoring core: opportunity data in, explainable assessment out. No I/O and no
 * clock; `now` is an argument. See docs/scoring.md.
 */
export * from './types.js';
export * from './playbook.js';
export { BenchmarkTally, computeBenchmarks, playbookBenchmarks, type Benchmarks, type StageBenchmark, type VerifierCalibration } from './benchmarks.js';
export * from './assess.js';
export { explainAssessment } from './explain.js';
export { addCoverage, addToCoverage, coverageReport, emptyCoverage, type CoverageCounts, type CoverageReport } from './coverage-report.js';
