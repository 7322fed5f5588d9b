/** Paper → code (PaperCoder): the public surface for other features and tools. */
export { paperFromFile, ACCEPTED } from './input';
export { paperFromMarkdown, paperFromPlainText, paperToMarkdown, type Paper, type PaperSection } from './paper';
export { paperFromLatex, paperFromLatexProject } from './latex';
export { runPipeline, editArtifact, revertRepair, usageByStage, StageError, type PipelineOptions, type Runner } from './pipeline';
export { reviewRepository, repoFromZip } from './review';
export { artifactFiles, projectZip } from './artifacts';
export { newProject, type ProjectState, type RunResult } from './types';
