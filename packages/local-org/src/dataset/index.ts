/** The local org's datasets: the generated demo org and the JSON dataset file format. */
export { DATASET_OBJECT_ORDER } from '../model.js';
export { generateDemoDataset, generateEmptyDataset, type DemoDatasetOptions } from './generate.js';
export { DatasetError, parseDataset, readDatasetFile, type DatasetProblem } from './format.js';
export { OPEN_STAGES, stageByName } from './stages.js';
export { BLOCKER_PROFILE, MOBILIZER_PROFILES } from './research.js';
